import { IdentityRpc } from '@gov/identity-contracts';
import type { RpcHandler } from '@gov/platform-messaging';
import type { PersonService } from './person.service.js';

export function personHandlers(s: PersonService): Record<string, RpcHandler> {
  return {
    [IdentityRpc.personRegister]: (input, ctx) => s.register(ctx.actor, input),
    [IdentityRpc.personGet]: (input, ctx) => s.get(ctx.actor, input),
    [IdentityRpc.personGetMany]: (input, ctx) => s.getMany(ctx.actor, input),
  };
}
