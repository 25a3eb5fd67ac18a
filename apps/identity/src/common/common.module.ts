import { AuditRepository } from '@gov/identity-data-access';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { PiiCipher } from '@gov/platform-persistence';
import { Module } from '@nestjs/common';
import type { IdentityConfig } from '../config.js';
import { AuditLog } from './audit-log.js';
import { Authorizer } from './authorizer.js';

/** What every identity feature shares: the personal-data cipher, the audit log and region checks. */
@Module({
  providers: [
    {
      provide: PiiCipher,
      useFactory: (c: IdentityConfig) => new PiiCipher(PiiCipher.parseKeys(c.PII_KEYS), c.PII_ACTIVE_KEY_ID, Buffer.from(c.PII_HMAC_KEY, 'base64')),
      inject: [SERVICE_CONFIG],
    },
    AuditRepository,
    AuditLog,
    Authorizer,
  ],
  exports: [PiiCipher, AuditLog, Authorizer],
})
export class CommonModule {}
