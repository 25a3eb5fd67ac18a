import { AppError, type Actor, type RoleName } from '@gov/kernel';
import { requireScope } from '@gov/platform-auth';
import { Injectable } from '@nestjs/common';
import { AuditLog, type AuditRecord } from './audit-log.js';

/** Region-scope checks that leave a `denied` audit entry when they refuse. */
@Injectable()
export class Authorizer {
  constructor(private readonly audit: AuditLog) {}

  async authorize(actor: Actor | null, roles: readonly RoleName[], region: string, attempt: AuditRecord): Promise<Actor> {
    try {
      return requireScope(actor, roles, region);
    } catch (err) {
      if (err instanceof AppError && err.code === 'FORBIDDEN') await this.audit.recordDenied(actor, attempt);
      throw err;
    }
  }
}
