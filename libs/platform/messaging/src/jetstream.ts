import { DLQ_STREAM, EVENTS_STREAM, type DomainEvent } from '@gov/kernel';
import { runWithContext, newCorrelationId, type Metrics } from '@gov/platform-observability';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { fromCloudEvent, MalformedEventError } from './cloudevents.js';
import type { Namespace } from './namespace.js';

/** Creates (or updates) the event and dead-letter streams. Idempotent; every service calls it at start. */
export async function ensureStreams(nc: NatsConnection, ns: Namespace, opts: { duplicateWindowMs?: number } = {}): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const specs = [
    { name: ns.stream(EVENTS_STREAM), subjects: [ns.subject('evt.>')] },
    { name: ns.stream(DLQ_STREAM), subjects: [ns.subject('dlq.>')] },
  ];
  for (const spec of specs) {
    const config = { ...spec, duplicate_window: (opts.duplicateWindowMs ?? 120_000) * 1_000_000 };
    try {
      await jsm.streams.info(spec.name);
      await jsm.streams.update(spec.name, config);
    } catch (err) {
      if (!String((err as Error).message).includes('not found')) throw err;
      await jsm.streams.add(config);
    }
  }
}

export async function deleteStreams(nc: NatsConnection, ns: Namespace): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const name of [ns.stream(EVENTS_STREAM), ns.stream(DLQ_STREAM)]) await jsm.streams.delete(name).catch(() => false);
}

export interface ConsumerOptions {
  /** Durable name; also the inbox key, so it must stay stable across deployments. */
  durable: string;
  /**
   * Subject filter (without prefix), e.g. `evt.*.identity.steward.*.v1`. One filter: Debian's
   * nats-server 2.9 has no multi-filter consumers; use wildcards or one consumer per filter.
   */
  filterSubject: string;
  maxDeliver?: number;
  ackWaitMs?: number;
  /** Delay before redelivery after the n-th failure. */
  backoffMs?: (deliveryCount: number) => number;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

const defaultBackoff = (n: number) => Math.min(250 * 2 ** (n - 1), 30_000);

/**
 * A durable pull consumer with explicit acks. A handler that throws gets the message again after
 * a growing delay (nak with backoff); after maxDeliver attempts the message goes to
 * `dlq.<durable>` with the error attached and is acked, so one bad event cannot block the rest.
 */
export class EventConsumer {
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private readonly js: JetStreamClient;

  constructor(
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly opts: ConsumerOptions,
    private readonly handler: EventHandler,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {
    this.js = jetstream(nc);
  }

  get maxDeliver(): number {
    return this.opts.maxDeliver ?? 5;
  }

  async start(): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.ns.stream(EVENTS_STREAM);
    await jsm.consumers.add(stream, {
      durable_name: this.opts.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_deliver: this.maxDeliver,
      ack_wait: (this.opts.ackWaitMs ?? 30_000) * 1_000_000,
      filter_subject: this.ns.subject(this.opts.filterSubject),
    });
    const consumer = await this.js.consumers.get(stream, this.opts.durable);
    this.messages = await consumer.consume({ max_messages: 64 });
    this.loop = (async () => {
      for await (const msg of this.messages!) await this.process(msg);
    })();
  }

  private async process(msg: JsMsg): Promise<void> {
    const correlationId = msg.headers?.get('ce-correlationid') || newCorrelationId();
    await runWithContext({ correlationId }, async () => {
      let event: DomainEvent;
      try {
        event = fromCloudEvent(msg.headers, msg.data);
      } catch (err) {
        // Not retryable: straight to the dead letters.
        await this.deadLetter(msg, err as Error);
        return;
      }
      try {
        await this.handler(event);
        msg.ack();
        this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'ok' });
      } catch (err) {
        const n = msg.info.deliveryCount;
        this.logger.warn({ err, eventId: event.id, type: event.type, delivery: n }, 'event handler failed');
        this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'failed' });
        if (n >= this.maxDeliver) await this.deadLetter(msg, err as Error);
        else msg.nak((this.opts.backoffMs ?? defaultBackoff)(n));
      }
    });
  }

  private async deadLetter(msg: JsMsg, err: Error): Promise<void> {
    const h = headers();
    for (const [k, v] of msg.headers ?? []) if (k !== 'Nats-Msg-Id') h.set(k, v[0]!);
    h.set('gov-dlq-reason', err instanceof MalformedEventError ? 'malformed' : 'handler-failed');
    h.set('gov-dlq-error', String(err.message).slice(0, 500));
    h.set('gov-dlq-subject', this.ns.unprefix(msg.subject));
    h.set('gov-dlq-deliveries', String(msg.info.deliveryCount));
    await this.js.publish(this.ns.subject(`dlq.${this.opts.durable}`), msg.data, { headers: h });
    msg.ack();
    this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'dead-lettered' });
    this.logger.error({ subject: msg.subject, deliveries: msg.info.deliveryCount, reason: err.message }, 'event dead-lettered');
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }
}
