import { IdentityRpc } from '@gov/identity-contracts';
import type { RpcHandler } from '@gov/platform-messaging';
import type { UnitService } from './unit.service.js';

export function unitHandlers(s: UnitService): Record<string, RpcHandler> {
  return {
    [IdentityRpc.unitCreate]: (input, ctx) => s.create(ctx.actor, input),
    [IdentityRpc.unitList]: (input, ctx) => s.list(ctx.actor, input),
    [IdentityRpc.unitGetMany]: (input, ctx) => s.getMany(ctx.actor, input),
  };
}
