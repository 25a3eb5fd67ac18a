import { IdentityRpc } from '@gov/identity-contracts';
import type { RpcHandler } from '@gov/platform-messaging';
import type { RoleService } from './role.service.js';

export function roleHandlers(s: RoleService): Record<string, RpcHandler> {
  return {
    [IdentityRpc.roleGrant]: (input, ctx) => s.grant(ctx.actor, input),
    [IdentityRpc.roleRevoke]: (input, ctx) => s.revoke(ctx.actor, input),
  };
}
