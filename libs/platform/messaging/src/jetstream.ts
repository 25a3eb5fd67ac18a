import { DLQ_STREAM, EVENTS_STREAM, type DomainEvent } from '@gov/kernel';
import { runWithContext, newCorrelationId, type Metrics } from '@gov/platform-observability';
import { AckPolicy, DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { fromCloudEvent, MalformedEventError } from './cloudevents.js';
import type { Namespace } from './namespace.js';

const DAY_MS = 86_400_000;

/**
 * Retention of the event and dead-letter streams. Every service applies them at start, and the
 * streams are shared, so every service of a deployment must be given the same values.
 */
export interface StreamSettings {
  /** JetStream drops a message whose `Nats-Msg-Id` it saw within this window. */
  duplicateWindowMs?: number;
  /** Events older than this are removed from `GOV_EVENTS`, consumed or not. */
  maxAgeMs?: number;
  /** Size cap of `GOV_EVENTS`; the oldest events go first. */
  maxBytes?: number;
  /** Copies of each stream in a NATS cluster (1, 3 or 5; a single server keeps 1). */
  replicas?: number;
  /** Dead letters wait for a person, so they are kept longer than events. */
  dlqMaxAgeMs?: number;
  dlqMaxBytes?: number;
}

/**
 * Without a size the streams are capped by age only: JetStream reserves a stream's whole
 * max_bytes up front, so test runs that make streams of their own must not claim gigabytes each.
 * Services always pass the size caps of their configuration (NATS_STREAM_MAX_BYTES, NATS_DLQ_MAX_BYTES).
 */
const NO_SIZE_CAP = -1;

export const DEFAULT_STREAM_SETTINGS: Required<StreamSettings> = {
  duplicateWindowMs: 120_000,
  maxAgeMs: 30 * DAY_MS,
  maxBytes: NO_SIZE_CAP,
  replicas: 1,
  dlqMaxAgeMs: 90 * DAY_MS,
  dlqMaxBytes: NO_SIZE_CAP,
};

/** Creates (or updates) the event and dead-letter streams with their limits. Idempotent; every service calls it at start. */
export async function ensureStreams(nc: NatsConnection, ns: Namespace, settings: StreamSettings = {}): Promise<void> {
  const s = { ...DEFAULT_STREAM_SETTINGS, ...withoutUndefined(settings) };
  const jsm = await jetstreamManager(nc);
  const specs = [
    { name: ns.stream(EVENTS_STREAM), subjects: [ns.subject('evt.>')], maxAgeMs: s.maxAgeMs, maxBytes: s.maxBytes },
    { name: ns.stream(DLQ_STREAM), subjects: [ns.subject('dlq.>')], maxAgeMs: s.dlqMaxAgeMs, maxBytes: s.dlqMaxBytes },
  ];
  for (const spec of specs) await upsertStream(jsm, spec, s);
}

/**
 * The integrators' stream (docs/adr/0012): `pub.<county>.<service>.<aggregate>.<event>.v<N>`, the
 * events without personal data, which the integrations service republishes from GOV_EVENTS.
 */
export const PUBLIC_STREAM = 'GOV_PUBLIC';

/**
 * Creates (or updates) GOV_PUBLIC with the limits of GOV_EVENTS (`maxAgeMs`, `maxBytes`,
 * `replicas`, `duplicateWindowMs`): integrators can replay as far back as the services can.
 * Idempotent; the integrations service calls it at start.
 */
export async function ensurePublicStream(nc: NatsConnection, ns: Namespace, settings: StreamSettings = {}): Promise<void> {
  const s = { ...DEFAULT_STREAM_SETTINGS, ...withoutUndefined(settings) };
  await upsertStream(await jetstreamManager(nc), { name: ns.stream(PUBLIC_STREAM), subjects: [ns.subject('pub.>')], maxAgeMs: s.maxAgeMs, maxBytes: s.maxBytes }, s);
}

async function upsertStream(
  jsm: JetStreamManager,
  spec: { name: string; subjects: string[]; maxAgeMs: number; maxBytes: number },
  s: Required<StreamSettings>,
): Promise<void> {
  const config = {
    name: spec.name,
    subjects: spec.subjects,
    max_age: ms(spec.maxAgeMs),
    max_bytes: spec.maxBytes,
    discard: DiscardPolicy.Old,
    num_replicas: s.replicas,
    // The server refuses a duplicate window longer than the maximum age.
    duplicate_window: ms(Math.min(s.duplicateWindowMs, spec.maxAgeMs)),
  };
  try {
    await jsm.streams.info(spec.name);
    await jsm.streams.update(spec.name, config);
  } catch (err) {
    if (!String((err as Error).message).includes('not found')) throw err;
    await jsm.streams.add(config);
  }
}

export async function deleteStreams(nc: NatsConnection, ns: Namespace): Promise<void> {
  const jsm = await jetstreamManager(nc);
  for (const name of [ns.stream(EVENTS_STREAM), ns.stream(DLQ_STREAM), ns.stream(PUBLIC_STREAM)]) await jsm.streams.delete(name).catch(() => false);
}

export interface ConsumerOptions {
  /** Durable name; also the inbox key, so it must stay stable across deployments. */
  durable: string;
  /**
   * Subject filter (without prefix), e.g. `evt.*.identity.steward.*.v1`. One filter: Debian's
   * nats-server 2.9 has no multi-filter consumers; use wildcards or one consumer per filter.
   */
  filterSubject: string;
  /** Handler attempts before the message goes to the dead letters. */
  maxDeliver?: number;
  /** Time the server waits for an ack (or a sign of progress) before it redelivers. */
  ackWaitMs?: number;
  /** Delay before redelivery after the n-th failure. */
  backoffMs?: (deliveryCount: number) => number;
  /**
   * Messages handed out and not yet acked, across all replicas of the service (the consumer's
   * `max_ack_pending`): what one replica may hold while its handler works through them.
   */
  maxAckPending?: number;
  /** Delay before the n-th attempt to re-create the message stream after it ended. */
  restartBackoffMs?: (attempt: number) => number;
  /**
   * With a batch handler: the most messages handed to it at once (default 64). A batch is what
   * has arrived while the previous one was handled, so a quiet stream gives batches of one.
   */
  maxBatch?: number;
  /**
   * A failed message is tried again here, after its backoff delay, while the messages behind it
   * wait (kept alive), instead of being nak'ed to come back behind them: with one replica on the
   * consumer at a time, the stream's order then holds through failures too. Each try counts
   * towards maxDeliver as a delivery would; stop() hands the message back at once.
   */
  retryInPlace?: boolean;
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

/**
 * Handles several events at once, in delivery order, all or nothing (e.g. one transaction):
 * resolving acks every one of them; throwing has each handled again alone (see EventConsumer).
 */
export type EventBatchHandler = (events: DomainEvent[]) => Promise<void>;

/** A handler of batches: `new EventConsumer(nc, ns, opts, { batch: (events) => … }, logger)`. */
export interface BatchHandler {
  batch: EventBatchHandler;
}

const defaultBackoff = (n: number) => Math.min(250 * 2 ** (n - 1), 30_000);
const defaultRestartBackoff = (n: number) => Math.min(500 * 2 ** (n - 1), 30_000);
/** A message stream that lived this long counts as healthy: the next restart starts at the shortest delay. */
const HEALTHY_RUN_MS = 60_000;

/**
 * A durable pull consumer with explicit acks. A handler that throws gets the message again after
 * a growing delay (nak with backoff); after maxDeliver attempts the message goes to
 * `dlq.<durable>` with the error attached and is acked, so one bad event cannot block the rest.
 *
 * It does not die and does not lose messages:
 * - anything that goes wrong with one message (parsing, the handler, nak, ack, the dead-letter
 *   publish) is logged with the event id and the next message is handled; a message whose
 *   dead-letter publish failed is nak'ed, not acked, and dead-lettered on its next delivery.
 *   The server's `max_deliver` is therefore unlimited: the attempts are counted here;
 * - when the message stream ends (consumer or stream deleted, permissions, connection trouble
 *   the client does not recover from) it is re-created, with a growing delay, until `stop()`;
 *   each restart is logged and counted in `gov_event_consumer_restarts_total`.
 *
 * Messages are handled one at a time in delivery order (a nak'ed message comes back after its
 * delay, behind later ones). With a batch handler (`{ batch }`), every message waiting in the
 * replica's queue (up to `maxBatch`) goes to one call in delivery order, and each is acked when
 * the call resolves; a malformed message or one whose attempts are used up is dead-lettered on
 * its own and left out. When the call throws, each message of the batch is handled again alone
 * (a batch of one), in order, with the failure handling above: only a message that fails alone
 * is nak'ed or dead-lettered. With `retryInPlace` a failed message is not nak'ed but tried again
 * after its delay while the ones behind it wait, so they are handled in stream order even
 * through failures. Every message this replica holds — the one being handled and those
 * waiting behind it, at most `maxAckPending` — is reported in progress every ackWait/3, so a slow
 * handler causes no redelivery of its own message nor of the ones queued behind it.
 */
export class EventConsumer {
  private readonly js: JetStreamClient;
  private messages?: ConsumerMessages;
  /** Delivered to this replica, waiting for the handler. */
  private readonly queue: JsMsg[] = [];
  /** The messages being handled (one, or a batch). */
  private current?: { msgs: JsMsg[]; since: number; warned: boolean };
  private wakeWorker?: () => void;
  private worker?: Promise<void>;
  private supervisor?: Promise<void>;
  private keepAlive?: ReturnType<typeof setInterval>;
  private stopping = false;
  private signalStop!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly opts: ConsumerOptions,
    private readonly handler: EventHandler | BatchHandler,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {
    this.js = jetstream(nc);
  }

  get maxDeliver(): number {
    return this.opts.maxDeliver ?? 5;
  }

  /** The durable consumer's name. */
  get durable(): string {
    return this.opts.durable;
  }

  private get ackWaitMs(): number {
    return this.opts.ackWaitMs ?? 30_000;
  }

  private get maxAckPending(): number {
    return this.opts.maxAckPending ?? 64;
  }

  private get batchSize(): number {
    return typeof this.handler === 'function' ? 1 : Math.max(1, this.opts.maxBatch ?? 64);
  }

  /** Runs the handler on these events: a batch handler once for all, else the single handler (one event). */
  private async handle(events: DomainEvent[]): Promise<void> {
    if (typeof this.handler === 'function') await this.handler(events[0]!);
    else await this.handler.batch(events);
  }

  /** Creates (or updates) the durable consumer and starts handling; throws when the first attempt fails. */
  async start(): Promise<void> {
    const messages = await this.open();
    this.worker = this.work();
    this.supervisor = this.supervise(messages);
    this.keepAlive = setInterval(() => this.reportProgress(), Math.max(Math.floor(this.ackWaitMs / 3), 10));
    this.keepAlive.unref?.();
  }

  /** Stops taking messages, lets the running handler finish, and hands the waiting messages back. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.signalStop();
    await this.messages?.close().catch(() => undefined);
    this.wakeWorker?.();
    await this.supervisor;
    await this.worker;
    if (this.keepAlive) clearInterval(this.keepAlive);
  }

  private async open(): Promise<ConsumerMessages> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.ns.stream(EVENTS_STREAM);
    // Idempotent: updates the durable when its settings changed, re-creates it when it was deleted.
    await jsm.consumers.add(stream, {
      durable_name: this.opts.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      // Unlimited on the server: the attempts are counted in process(), so that a message whose
      // dead-letter publish failed comes back to be dead-lettered again.
      max_deliver: -1,
      max_ack_pending: this.maxAckPending,
      ack_wait: ms(this.ackWaitMs),
      filter_subject: this.ns.subject(this.opts.filterSubject),
    });
    const consumer = await this.js.consumers.get(stream, this.opts.durable);
    // A callback rather than an iterator: every delivered message lands in our queue at once, where
    // reportProgress() keeps it alive; the server never hands out more than max_ack_pending.
    this.messages = await consumer.consume({
      max_messages: this.maxAckPending,
      abort_on_missing_resource: true,
      callback: (msg) => this.enqueue(msg),
    });
    // stop() may have run while this was being set up.
    if (this.stopping) await this.messages.close().catch(() => undefined);
    return this.messages;
  }

  /** Re-creates the message stream whenever it ends, until stop(). */
  private async supervise(first: ConsumerMessages): Promise<void> {
    let messages = first;
    let attempt = 0;
    for (;;) {
      const openedAt = Date.now();
      const reason = await Promise.race([messages.closed(), this.stopped]);
      if (this.stopping) return;
      if (this.nc.isClosed() || this.nc.isDraining()) {
        this.logger.warn({ consumer: this.opts.durable }, 'event consumer stopped: the NATS connection is closing');
        return;
      }
      if (Date.now() - openedAt > HEALTHY_RUN_MS) attempt = 0;
      this.metrics?.consumerRestarts.inc({ consumer: this.opts.durable });
      for (;;) {
        attempt++;
        const delayMs = (this.opts.restartBackoffMs ?? defaultRestartBackoff)(attempt);
        this.logger.warn({ err: reason, consumer: this.opts.durable, attempt, delayMs }, 'event consumer message stream ended; re-creating it');
        if (!(await this.pause(delayMs))) return;
        try {
          messages = await this.open();
          this.logger.info({ consumer: this.opts.durable, attempt }, 'event consumer re-created');
          break;
        } catch (err) {
          this.logger.error({ err, consumer: this.opts.durable, attempt }, 'event consumer could not be re-created');
          if (this.nc.isClosed() || this.nc.isDraining()) return;
        }
      }
    }
  }

  /** Waits, or returns false at once when stop() is called. */
  private async pause(delayMs: number): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([new Promise<void>((resolve) => (timer = setTimeout(resolve, delayMs))), this.stopped]);
    clearTimeout(timer);
    return !this.stopping;
  }

  private enqueue(msg: JsMsg): void {
    if (this.stopping) {
      this.settle(msg, 'nak');
      return;
    }
    this.queue.push(msg);
    this.wakeWorker?.();
  }

  /** Handles the queue one message (or one batch) at a time, in delivery order. */
  private async work(): Promise<void> {
    for (;;) {
      if (this.stopping) break;
      const msgs = this.queue.splice(0, this.batchSize);
      if (!msgs.length) {
        await new Promise<void>((resolve) => (this.wakeWorker = resolve));
        this.wakeWorker = undefined;
        continue;
      }
      this.current = { msgs, since: Date.now(), warned: false };
      try {
        if (msgs.length === 1) await this.process(msgs[0]!);
        else await this.processBatch(msgs);
      } catch (err) {
        // process() catches everything itself; this is the last line of defence for the loop.
        this.logger.error({ err, consumer: this.opts.durable }, 'event consumer: unexpected error');
      } finally {
        this.current = undefined;
      }
    }
    // Stopping: what waits here goes back to the server at once rather than after the ack wait.
    for (const msg of this.queue.splice(0)) this.settle(msg, 'nak');
  }

  /** Tells the server that every message this replica holds is still being worked on. */
  private reportProgress(): void {
    const current = this.current;
    if (current && !current.warned && Date.now() - current.since > this.ackWaitMs) {
      current.warned = true;
      this.logger.warn({ consumer: this.opts.durable, eventId: eventIdOf(current.msgs[0]!), events: current.msgs.length, ms: Date.now() - current.since }, 'event handler is slower than the ack wait; keeping its message alive');
    }
    for (const msg of current ? [...current.msgs, ...this.queue] : this.queue) this.settle(msg, 'working');
  }

  private settle(msg: JsMsg, how: 'nak' | 'working'): void {
    try {
      if (how === 'nak') msg.nak();
      else msg.working();
    } catch (err) {
      this.logger.debug({ err, consumer: this.opts.durable, eventId: eventIdOf(msg) }, `event consumer: ${how} failed`);
    }
  }

  private async process(msg: JsMsg): Promise<void> {
    const eventId = eventIdOf(msg);
    const correlationId = msg.headers?.get('ce-correlationid') || newCorrelationId();
    await runWithContext({ correlationId }, async () => {
      let delivery = 0;
      try {
        delivery = msg.info.deliveryCount;
        let event: DomainEvent;
        try {
          event = fromCloudEvent(msg.headers, msg.data);
        } catch (err) {
          // Not retryable: straight to the dead letters.
          await this.deadLetter(msg, err as Error, eventId);
          return;
        }
        if (delivery > this.maxDeliver) {
          // Its attempts are used up; an earlier dead-letter publish failed (or the process died in the handler).
          await this.deadLetter(msg, new Error(`not acknowledged after ${this.maxDeliver} handler attempts`), eventId);
          return;
        }
        for (let attempt = delivery; ; attempt++) {
          let failure: { err: unknown } | undefined;
          try {
            await this.handle([event]);
          } catch (err) {
            failure = { err };
          }
          if (!failure) {
            msg.ack();
            this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'ok' });
            return;
          }
          this.logger.warn({ err: failure.err, eventId: event.id, type: event.type, delivery: attempt }, 'event handler failed');
          this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'failed' });
          if (attempt >= this.maxDeliver) {
            await this.deadLetter(msg, toError(failure.err), eventId);
            return;
          }
          if (!this.opts.retryInPlace) {
            msg.nak(this.backoff(attempt));
            return;
          }
          // Stopping: back to the server now; the ones behind it follow in order (work()).
          if (!(await this.pause(this.backoff(attempt)))) {
            this.settle(msg, 'nak');
            return;
          }
        }
      } catch (err) {
        // nak or ack threw (connection trouble): the server redelivers after the ack wait at the latest.
        this.logger.error({ err, eventId, subject: msg.subject, delivery }, 'event consumer: could not settle the message; it will be redelivered');
        this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'error' });
        this.settle(msg, 'nak');
      }
    });
  }

  /**
   * A batch: the malformed and the exhausted messages are dead-lettered on their own, the rest go
   * to the batch handler in one call and are acked when it resolves. When it throws, each is
   * handled again alone, in order, so that only the message that fails by itself is retried.
   */
  private async processBatch(msgs: JsMsg[]): Promise<void> {
    const ready: Array<{ msg: JsMsg; event: DomainEvent }> = [];
    for (const msg of msgs) {
      const eventId = eventIdOf(msg);
      try {
        let event: DomainEvent;
        try {
          event = fromCloudEvent(msg.headers, msg.data);
        } catch (err) {
          await this.deadLetter(msg, err as Error, eventId);
          continue;
        }
        if (msg.info.deliveryCount > this.maxDeliver) {
          await this.deadLetter(msg, new Error(`not acknowledged after ${this.maxDeliver} handler attempts`), eventId);
          continue;
        }
        ready.push({ msg, event });
      } catch (err) {
        this.logger.error({ err, eventId, subject: msg.subject }, 'event consumer: could not settle the message; it will be redelivered');
        this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'error' });
        this.settle(msg, 'nak');
      }
    }
    if (!ready.length) return;
    try {
      // Logs of the batch carry its first event's correlation id.
      await runWithContext({ correlationId: ready[0]!.event.correlationId || newCorrelationId() }, () => this.handle(ready.map((r) => r.event)));
    } catch (err) {
      this.logger.warn({ err, consumer: this.opts.durable, events: ready.length }, 'event batch handler failed; handling its events one at a time');
      for (const { msg } of ready) {
        if (this.stopping) this.settle(msg, 'nak');
        else await this.process(msg);
      }
      return;
    }
    for (const { msg, event } of ready) {
      try {
        msg.ack();
        this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'ok' });
      } catch (err) {
        this.logger.error({ err, eventId: event.id, subject: msg.subject }, 'event consumer: could not settle the message; it will be redelivered');
        this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'error' });
      }
    }
  }

  private backoff(delivery: number): number {
    try {
      return (this.opts.backoffMs ?? defaultBackoff)(delivery);
    } catch {
      return defaultBackoff(delivery);
    }
  }

  /** Publishes the message to `dlq.<durable>` and acks it; if the publish fails, naks it instead, so it is tried again. */
  private async deadLetter(msg: JsMsg, err: Error, eventId: string | undefined): Promise<void> {
    const deliveries = msg.info.deliveryCount;
    try {
      const h = headers();
      for (const [k, v] of msg.headers ?? []) if (k !== 'Nats-Msg-Id') h.set(k, v[0]!);
      h.set('gov-dlq-reason', err instanceof MalformedEventError ? 'malformed' : 'handler-failed');
      h.set('gov-dlq-error', String(err.message).slice(0, 500));
      h.set('gov-dlq-subject', this.ns.unprefix(msg.subject));
      h.set('gov-dlq-deliveries', String(deliveries));
      await this.js.publish(this.ns.subject(`dlq.${this.opts.durable}`), msg.data, { headers: h });
    } catch (publishErr) {
      this.logger.error({ err: publishErr, eventId, subject: msg.subject, deliveries, reason: err.message }, 'dead-letter publish failed; the event stays in the stream and is tried again');
      this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'dead-letter-failed' });
      msg.nak(this.backoff(deliveries));
      return;
    }
    msg.ack();
    this.metrics?.eventsConsumed.inc({ consumer: this.opts.durable, outcome: 'dead-lettered' });
    this.metrics?.deadLetters.inc({ consumer: this.opts.durable });
    this.logger.error({ eventId, subject: msg.subject, deliveries, reason: err.message }, 'event dead-lettered');
  }
}

/** Milliseconds to the nanoseconds of the JetStream API. */
function ms(millis: number): number {
  return Math.round(millis * 1_000_000);
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

function eventIdOf(msg: JsMsg): string | undefined {
  try {
    return msg.headers?.get('ce-id') || undefined;
  } catch {
    return undefined;
  }
}

