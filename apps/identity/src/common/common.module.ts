import { AuditRepository } from '@gov/identity-data-access';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { PiiCipher, piiCipherFromConfig } from '@gov/platform-persistence';
import { Module } from '@nestjs/common';
import type { IdentityConfig } from '../config.js';
import { AuditLog } from './audit-log.js';
import { Authorizer } from './authorizer.js';

/** What every identity feature shares: the personal-data cipher, the audit log and region checks. */
@Module({
  providers: [
    {
      provide: PiiCipher,
      useFactory: (c: IdentityConfig) => piiCipherFromConfig(c),
      inject: [SERVICE_CONFIG],
    },
    AuditRepository,
    AuditLog,
    Authorizer,
  ],
  exports: [PiiCipher, AuditLog, Authorizer],
})
export class CommonModule {}
