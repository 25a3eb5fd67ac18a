import { AppError, EVENTS_STREAM, eventFilterForType, type DomainEvent } from '@gov/kernel';
import { CORRELATION_HEADER, newCorrelationId, traceEvent, traceHandling, tracingEnabled, type Metrics } from '@gov/platform-observability';
import type { CustomTransportStrategy, MessageHandler } from '@nestjs/microservices';
import { Server } from '@nestjs/microservices';
import { jetstreamManager } from '@nats-io/jetstream';
import { headers, type Msg, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { lastValueFrom } from 'rxjs';
import { MAX_RPC_PAYLOAD_BYTES, toErrorEnvelope, type RpcReply } from './envelope.js';
import { ACTOR_HEADER, type ActorVerifier } from './headers.js';
import { EventConsumer, type ConsumerOptions } from './jetstream.js';
import type { Namespace } from './namespace.js';
import { NatsRpcContext } from './rpc.context.js';

const NATS_TRANSPORT_ID = Symbol('gov-nats');

/** Options an `@EventPattern(type, { ... })` may set for its durable consumer. */
export type EventPatternOptions = Partial<Pick<ConsumerOptions, 'maxDeliver' | 'ackWaitMs' | 'backoffMs' | 'maxAckPending'>>;

export interface NatsTransportOptions {
  nc: NatsConnection;
  ns: Namespace;
  /** The service name: queue group of its request-reply subscriptions and prefix of its durable consumers. */
  service: string;
  logger: Logger;
  metrics?: Metrics;
  /** Verifies the actor assertion of each request; a request that carries one it cannot verify is refused. */
  verifier: ActorVerifier;
}

const decoder = new TextDecoder();
/** Where NATS clients receive replies (`_INBOX.` or a per-user `_INBOX.<user>.`). */
const REPLY_INBOX_PREFIX = '_INBOX.';

/**
 * The services' Nest transport. `@MessagePattern(subject)` handlers answer NATS request-reply in
 * one queue group per service (so each request reaches one replica) with the `{ ok, data | error }`
 * envelope; `@EventPattern(type)` handlers each get a durable JetStream pull consumer on
 * `evt.*.<service>.<aggregate>.<event>.v<N>`, acked only after the handler resolved (after its
 * transaction committed), nak'ed with backoff when it throws, dead-lettered after the maximum.
 *
 * Our own strategy rather than Nest's NATS transporter: that one has no JetStream consumers and
 * routes events through `handleEvent`, which swallows handler errors (the message would be acked).
 */
export class NatsTransport extends Server implements CustomTransportStrategy {
  override readonly transportId = NATS_TRANSPORT_ID;
  private readonly subs: Subscription[] = [];
  private readonly consumers: EventConsumer[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private removeSampler?: () => void;

  constructor(private readonly opts: NatsTransportOptions) {
    super();
  }

  /** Durable consumer name of an event handler; stable across deployments, as the inbox keys on it. */
  static durableName(service: string, type: string): string {
    return `${service}__${type.replace(/[^a-zA-Z0-9-]/g, '_')}`;
  }

  async listen(callback: (err?: unknown) => void): Promise<void> {
    try {
      for (const [pattern, handler] of this.messageHandlers) {
        if (handler.isEventHandler) await this.consume(pattern, handler);
        else this.serve(pattern, handler);
      }
      await this.opts.nc.flush();
      this.sampleConsumerLag();
      callback();
    } catch (err) {
      // Passed on, or app.listen() would hang (../shared/STACK.md).
      callback(err);
    }
  }

  private serve(subject: string, handler: MessageHandler): void {
    const { nc, ns, service, logger } = this.opts;
    const sub = nc.subscribe(ns.subject(subject), {
      queue: service,
      callback: (err, msg) => {
        if (err) {
          logger.error({ err, subject }, 'subscription error');
          return;
        }
        // Only requests: a message with no reply inbox (a plain publish, or a JetStream push
        // consumer aimed at this subject) could act without anyone seeing the answer.
        if (!msg.reply?.startsWith(REPLY_INBOX_PREFIX)) {
          logger.warn({ subject, reply: msg.reply ?? null }, 'ignored a message that is not a request');
          return;
        }
        const p = this.answer(subject, handler, msg).finally(() => this.inflight.delete(p));
        this.inflight.add(p);
      },
    });
    this.subs.push(sub);
  }

  private async answer(subject: string, handler: MessageHandler, msg: Msg): Promise<void> {
    const correlationId = msg.headers?.get(CORRELATION_HEADER) || newCorrelationId();
    if (!tracingEnabled()) {
      await this.reply(subject, handler, msg, correlationId);
      return;
    }
    // A SERVER span, child of the caller's span named by the request's `traceparent` header.
    await traceHandling(
      subject,
      msg.headers,
      { 'gov.correlation_id': correlationId },
      () => this.reply(subject, handler, msg, correlationId),
      (reply) => (reply.ok ? undefined : reply.error.code),
    );
  }

  /** Runs the handler and sends its answer; returns the answer. */
  private async reply(subject: string, handler: MessageHandler, msg: Msg, correlationId: string): Promise<RpcReply> {
    let reply: RpcReply;
    try {
      if (msg.data.length > MAX_RPC_PAYLOAD_BYTES) throw new AppError('VALIDATION', 'request too large', 'PAYLOAD_TOO_LARGE');
      // Before any handler runs: a message whose actor cannot be verified changes nothing.
      const assertion = msg.headers?.get(ACTOR_HEADER);
      const actor = assertion ? this.opts.verifier.verify(assertion, subject, msg.data) : null;
      const ctx = new NatsRpcContext([subject, msg.headers, actor, correlationId, null]);
      const input = msg.data.length ? JSON.parse(decoder.decode(msg.data)) : {};
      const result = await lastValueFrom(this.transformToObservable(await handler(input, ctx)), { defaultValue: null });
      reply = { ok: true, data: result ?? null };
    } catch (err) {
      reply = { ok: false, error: toErrorEnvelope(err) };
    }
    if (!reply.ok) this.opts.metrics?.rpcErrors.inc({ subject, code: reply.error.code, side: 'server' });
    if (!msg.reply) return reply;
    const h = headers();
    h.set(CORRELATION_HEADER, correlationId);
    msg.respond(JSON.stringify(reply), { headers: h });
    return reply;
  }

  private async consume(type: string, handler: MessageHandler): Promise<void> {
    const { nc, ns, service, logger, metrics } = this.opts;
    const durable = NatsTransport.durableName(service, type);
    const extras = (handler.extras ?? {}) as EventPatternOptions;
    const consumer = new EventConsumer(
      nc,
      ns,
      { durable, filterSubject: eventFilterForType(type), ...extras },
      async (event: DomainEvent) => {
        const ctx = new NatsRpcContext([type, undefined, null, event.correlationId ?? newCorrelationId(), durable]);
        // Awaited to the end: a failure must reach the consumer (nak), not be swallowed.
        const run = async () => {
          await lastValueFrom(this.transformToObservable(await handler(event, ctx)), { defaultValue: undefined });
        };
        if (!tracingEnabled()) return run();
        await traceEvent(type, { 'gov.consumer': durable, 'gov.event.id': event.id, 'gov.correlation_id': ctx.getCorrelationId() }, run);
      },
      logger,
      metrics,
    );
    await consumer.start();
    this.consumers.push(consumer);
  }

  /**
   * Consumer lag for /metrics, asked of JetStream at each scrape (nothing between scrapes): the
   * messages each durable consumer of this service has not been given yet and those not acked.
   */
  private sampleConsumerLag(): void {
    const { nc, ns, metrics } = this.opts;
    if (!metrics || this.consumers.length === 0 || this.removeSampler) return;
    const durables = this.consumers.map((c) => c.durable);
    this.removeSampler = metrics.addSampler(async () => {
      if (nc.isClosed() || nc.isDraining()) return;
      const jsm = await jetstreamManager(nc);
      await Promise.all(
        durables.map(async (consumer) => {
          const info = await jsm.consumers.info(ns.stream(EVENTS_STREAM), consumer);
          metrics.consumerPending.set({ consumer }, info.num_pending);
          metrics.consumerAckPending.set({ consumer }, info.num_ack_pending);
        }),
      );
    });
  }

  /**
   * Stops taking requests and answers those already received: each request subscription is
   * drained (unsubscribed at the server, so the queue group's other members get what comes next;
   * what already reached this process is still handled), then the handlers in flight are awaited
   * and the event consumers stopped after their current message.
   */
  async close(): Promise<void> {
    this.removeSampler?.();
    this.removeSampler = undefined;
    const subs = this.subs.splice(0);
    await Promise.allSettled(subs.map((sub) => (sub.isClosed() || this.opts.nc.isClosed() ? undefined : sub.drain())));
    await Promise.allSettled([...this.inflight]);
    await Promise.allSettled(this.consumers.map((c) => c.stop()));
    this.consumers.length = 0;
  }

  on(): never {
    throw new Error('NatsTransport has no event listeners; use the status observable');
  }

  unwrap<T>(): T {
    return this.opts.nc as T;
  }
}
