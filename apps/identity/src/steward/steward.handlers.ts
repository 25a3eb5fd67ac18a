import { IdentityRpc } from '@gov/identity-contracts';
import type { RpcHandler } from '@gov/platform-messaging';
import type { StewardService } from './steward.service.js';

export function stewardHandlers(s: StewardService): Record<string, RpcHandler> {
  return {
    [IdentityRpc.stewardEnroll]: (input, ctx) => s.enroll(ctx.actor, input),
    [IdentityRpc.stewardUpdate]: (input, ctx) => s.update(ctx.actor, input),
    [IdentityRpc.stewardGet]: (input, ctx) => s.get(ctx.actor, input),
    [IdentityRpc.stewardGetMany]: (input, ctx) => s.getMany(ctx.actor, input),
    [IdentityRpc.stewardList]: (input, ctx) => s.list(ctx.actor, input),
    [IdentityRpc.stewardCard]: (input, ctx) => s.card(ctx.actor, input),
  };
}
