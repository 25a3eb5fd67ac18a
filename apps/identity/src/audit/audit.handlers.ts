import { IdentityRpc } from '@gov/identity-contracts';
import type { RpcHandler } from '@gov/platform-messaging';
import type { AuditLog } from './audit.service.js';

export function auditHandlers(s: AuditLog): Record<string, RpcHandler> {
  return {
    [IdentityRpc.auditList]: (input, ctx) => s.list(ctx.actor, input),
  };
}
