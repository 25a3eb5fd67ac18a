import { IdentityRpc } from '@gov/identity-contracts';
import type { RpcHandler } from '@gov/platform-messaging';
import type { AccessService } from './access.service.js';

export function accessHandlers(s: AccessService): Record<string, RpcHandler> {
  return {
    [IdentityRpc.login]: (input) => s.login(input),
    [IdentityRpc.refresh]: (input) => s.refresh(input),
    [IdentityRpc.logout]: (input) => s.logout(input),
    [IdentityRpc.me]: (_input, ctx) => s.me(ctx.actor),
    [IdentityRpc.jwks]: async () => s.jwks(),
  };
}
