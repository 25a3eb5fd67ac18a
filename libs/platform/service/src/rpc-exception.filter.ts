import { AppError, logLevelOf } from '@gov/kernel';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Catch, Inject, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';
import { NatsRpcContext } from '@gov/platform-messaging';
import { LOGGER } from './tokens.js';

/**
 * Every error a handler throws leaves the service as an AppError, which the transport sends as
 * the coded envelope. Unknown errors are logged here in full and reach the caller as INTERNAL
 * without their text (it may name tables, hosts or other counties' data). AppErrors are answers
 * given on purpose (a refusal, bad input, a missing object): logged at info or warn with their
 * code and reason, not as faults. A unique-constraint violation is the one driver error that is
 * an answer, not a fault: it becomes CONFLICT here, for every service.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(err: unknown, host: ArgumentsHost): Observable<never> {
    const ctx = host.switchToRpc().getContext();
    // Event failures stay inside the service: the consumer logs them and dead-letters with the real text.
    if (ctx instanceof NatsRpcContext && ctx.getConsumer()) return throwError(() => err);
    const subject = ctx instanceof NatsRpcContext ? ctx.getSubject() : undefined;
    // Two writers raced past the service's own check and the database's unique index caught the second.
    if (err instanceof UniqueConstraintViolationException) err = new AppError('CONFLICT', 'this conflicts with a record that already exists', 'DUPLICATE');
    if (err instanceof AppError) {
      this.logger[logLevelOf(err.code)]({ subject, code: err.code, reason: err.reason }, err.message);
      return throwError(() => err);
    }
    this.logger.error({ err, subject }, 'handler failed');
    return throwError(() => new AppError('INTERNAL', 'internal error'));
  }
}
