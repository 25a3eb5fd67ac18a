import { AppError, type Actor, type ErrorEnvelope } from '@gov/kernel';
import { runWithContext, newCorrelationId, type Metrics } from '@gov/platform-observability';
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { CORRELATION_HEADER, decodeActor } from './headers.js';
import type { Namespace } from './namespace.js';

export interface RpcContext {
  actor: Actor | null;
  correlationId: string;
  subject: string;
}

export type RpcHandler = (input: unknown, ctx: RpcContext) => Promise<unknown>;

/** What travels back on every reply: data, or one coded error. */
export type RpcReply = { ok: true; data: unknown } | { ok: false; error: ErrorEnvelope };

const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * Serves request-reply subjects. Every replica subscribes with the same queue group, so NATS
 * gives each request to exactly one of them.
 */
export class RpcServer {
  private readonly subs: Subscription[] = [];
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly queue: string,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {}

  handle(subject: string, handler: RpcHandler): void {
    const sub = this.nc.subscribe(this.ns.subject(subject), {
      queue: this.queue,
      callback: (err, msg) => {
        if (err) {
          this.logger.error({ err, subject }, 'subscription error');
          return;
        }
        const p = this.dispatch(subject, handler, msg).finally(() => this.inflight.delete(p));
        this.inflight.add(p);
      },
    });
    this.subs.push(sub);
  }

  handleAll(handlers: Record<string, RpcHandler>): void {
    for (const [subject, handler] of Object.entries(handlers)) this.handle(subject, handler);
  }

  private async dispatch(subject: string, handler: RpcHandler, msg: Msg): Promise<void> {
    const started = process.hrtime.bigint();
    const correlationId = msg.headers?.get(CORRELATION_HEADER) || newCorrelationId();
    const ctx: RpcContext = { actor: decodeActor(msg.headers), correlationId, subject };
    let reply: RpcReply;
    await runWithContext({ correlationId }, async () => {
      try {
        if (msg.data.length > MAX_PAYLOAD_BYTES) throw new AppError('VALIDATION', 'request too large');
        const input = msg.data.length ? JSON.parse(new TextDecoder().decode(msg.data)) : {};
        reply = { ok: true, data: (await handler(input, ctx)) ?? null };
      } catch (err) {
        if (err instanceof AppError) {
          reply = { ok: false, error: err.toEnvelope() };
        } else if (err instanceof SyntaxError) {
          reply = { ok: false, error: { code: 'VALIDATION', message: 'request body is not JSON' } };
        } else {
          // Unknown failures are logged in full here and reach the caller without internals.
          this.logger.error({ err, subject }, 'rpc handler failed');
          reply = { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
        }
      }
      const h = headers();
      h.set(CORRELATION_HEADER, correlationId);
      if (msg.reply) msg.respond(JSON.stringify(reply), { headers: h });
      const outcome = reply.ok ? 'ok' : reply.error.code;
      this.metrics?.rpcDuration.observe({ subject, outcome }, Number(process.hrtime.bigint() - started) / 1e9);
    });
  }

  /** Stops taking requests and waits for the ones in flight. */
  async close(): Promise<void> {
    for (const sub of this.subs) sub.unsubscribe();
    this.subs.length = 0;
    await Promise.allSettled([...this.inflight]);
  }
}
