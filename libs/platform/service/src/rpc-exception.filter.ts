import { AppError } from '@gov/kernel';
import { Catch, Inject, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { NatsRpcContext } from '@gov/platform-messaging';
import { LOGGER } from './tokens.js';

/**
 * Every error a handler throws leaves the service as an AppError, which the transport sends as
 * the coded envelope. Unknown errors are logged here in full and reach the caller as INTERNAL
 * without their text (it may name tables, hosts or other counties' data).
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(err: unknown, host: ArgumentsHost): Observable<never> {
    const ctx = host.switchToRpc().getContext();
    // Event failures stay inside the service: the consumer logs them and dead-letters with the real text.
    if (err instanceof AppError || (ctx instanceof NatsRpcContext && ctx.getConsumer())) return throwError(() => err);
    const subject = ctx instanceof NatsRpcContext ? ctx.getSubject() : undefined;
    this.logger.error({ err, subject }, 'handler failed');
    return throwError(() => new AppError('INTERNAL', 'internal error'));
  }
}
