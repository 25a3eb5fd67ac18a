import type { NatsRpcContext } from '@gov/platform-messaging';
import { Metrics, runWithContext } from '@gov/platform-observability';
import { AppError } from '@gov/kernel';
import { MikroORM, RequestContext } from '@mikro-orm/core';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';

/**
 * Around every message: the correlation id (logs and outbox rows of this message carry it), a
 * MikroORM request context (a fresh EntityManager per message, so no handler forks one), and
 * the handling time per subject and outcome for /metrics.
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(
    private readonly orm: MikroORM,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = context.switchToRpc().getContext<NatsRpcContext>();
    const subject = rpc.getSubject();
    const started = process.hrtime.bigint();
    const observe = (outcome: string) => this.metrics.rpcDuration.observe({ subject, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    return new Observable((subscriber) => {
      const subscription = runWithContext({ correlationId: rpc.getCorrelationId() }, () =>
        RequestContext.create(this.orm.em, () =>
          next.handle().subscribe({
            next: (value) => subscriber.next(value),
            error: (err: unknown) => {
              observe(err instanceof AppError ? err.code : 'INTERNAL');
              subscriber.error(err);
            },
            complete: () => {
              observe('ok');
              subscriber.complete();
            },
          }),
        ),
      );
      return () => subscription.unsubscribe();
    });
  }
}
