import { AppError, type Actor, type RoleName } from '@gov/kernel';
import { requireScope } from '@gov/platform-auth';
import type { AuditRecord } from './audit/audit.service.js';
import type { Deps } from './deps.js';

/** Region-scope check that leaves a `denied` audit entry when it refuses. */
export async function authorize(deps: Deps, actor: Actor | null, roles: readonly RoleName[], region: string, attempt: AuditRecord): Promise<Actor> {
  try {
    return requireScope(actor, roles, region);
  } catch (err) {
    if (err instanceof AppError && err.code === 'FORBIDDEN') await deps.audit.recordDenied(actor, attempt);
    throw err;
  }
}
