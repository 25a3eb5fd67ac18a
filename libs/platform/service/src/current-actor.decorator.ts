import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NatsRpcContext } from '@gov/platform-messaging';

/** The caller the gateway signed in (null for anonymous calls such as login). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext) => ctx.switchToRpc().getContext<NatsRpcContext>().getActor());
