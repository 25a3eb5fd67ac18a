import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process (per app instance in tests), exposed at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly rpcDuration: Histogram<'subject' | 'outcome'>;
  readonly eventsPublished: Counter<'type'>;
  readonly eventsConsumed: Counter<'consumer' | 'outcome'>;
  readonly consumerRestarts: Counter<'consumer'>;
  readonly httpDuration: Histogram<'route' | 'status'>;
  /** Outbox publishes that failed: `outage` (JetStream unreachable; not counted against the row), `rejected` or `uncertain` (counted). */
  readonly outboxPublishFailures: Counter<'reason'>;
  /** Outbox events set aside after OUTBOX_MAX_ATTEMPTS failed publishes (docs/adr/0003: how to release them). */
  readonly outboxParked: Counter<'type'>;
  /** 1 on the replica whose relay holds the outbox lock, 0 on the standbys. */
  readonly outboxRelayActive: Gauge;
  /** Failed requests by subject and error code: `server` as answered by a handler, `client` as seen by a caller (TIMEOUT, NO_RESPONDERS, NATS…). */
  readonly rpcErrors: Counter<'subject' | 'code' | 'side'>;
  /** Events a consumer sent to `dlq.<durable>` after its attempts ran out (or as malformed). */
  readonly deadLetters: Counter<'consumer'>;
  /** Outbox backlog, sampled at each scrape: rows not yet sent (and not parked). */
  readonly outboxUnsent: Gauge;
  /** Age of the oldest unsent, unparked outbox row (0 when none): the outbox lag. */
  readonly outboxOldestUnsentAge: Gauge;
  /** Parked outbox rows (not sent), sampled at each scrape: each needs an operator (docs/adr/0003). */
  readonly outboxParkedRows: Gauge;
  /** Messages of a durable consumer's filter not yet delivered to it (JetStream `num_pending`), sampled at each scrape. */
  readonly consumerPending: Gauge<'consumer'>;
  /** Messages delivered to a consumer and not yet acknowledged (`num_ack_pending`), sampled at each scrape. */
  readonly consumerAckPending: Gauge<'consumer'>;
  private readonly samplers = new Set<() => Promise<void>>();

  constructor(service: string, withDefaults = true) {
    this.registry.setDefaultLabels({ service });
    if (withDefaults) collectDefaultMetrics({ register: this.registry });
    this.rpcDuration = new Histogram({
      name: 'gov_rpc_duration_seconds',
      help: 'NATS request-reply handling time',
      labelNames: ['subject', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [this.registry],
    });
    this.eventsPublished = new Counter({ name: 'gov_events_published_total', help: 'Outbox events acknowledged by JetStream', labelNames: ['type'], registers: [this.registry] });
    this.eventsConsumed = new Counter({ name: 'gov_events_consumed_total', help: 'Events handled by consumers', labelNames: ['consumer', 'outcome'], registers: [this.registry] });
    this.consumerRestarts = new Counter({ name: 'gov_event_consumer_restarts_total', help: 'Event consumers whose message stream ended and was re-created', labelNames: ['consumer'], registers: [this.registry] });
    this.outboxPublishFailures = new Counter({ name: 'gov_outbox_publish_failures_total', help: 'Outbox publishes that failed, by reason (outage | rejected | uncertain)', labelNames: ['reason'], registers: [this.registry] });
    this.outboxParked = new Counter({ name: 'gov_outbox_events_parked_total', help: 'Outbox events parked after too many failed publishes', labelNames: ['type'], registers: [this.registry] });
    this.outboxRelayActive = new Gauge({ name: 'gov_outbox_relay_active', help: '1 while this replica runs the outbox relay (holds its lock)', registers: [this.registry] });
    this.rpcErrors = new Counter({ name: 'gov_rpc_errors_total', help: 'Failed NATS requests by subject and error code (side: server | client)', labelNames: ['subject', 'code', 'side'], registers: [this.registry] });
    this.deadLetters = new Counter({ name: 'gov_dead_letters_total', help: 'Events published to the dead letters, per consumer', labelNames: ['consumer'], registers: [this.registry] });
    this.outboxUnsent = new Gauge({ name: 'gov_outbox_unsent_events', help: 'Outbox rows not yet published (parked rows excluded)', registers: [this.registry] });
    this.outboxOldestUnsentAge = new Gauge({ name: 'gov_outbox_oldest_unsent_age_seconds', help: 'Age of the oldest outbox row not yet published (0 when none)', registers: [this.registry] });
    this.outboxParkedRows = new Gauge({ name: 'gov_outbox_parked_events', help: 'Parked outbox rows waiting for an operator', registers: [this.registry] });
    this.consumerPending = new Gauge({ name: 'gov_event_consumer_pending_messages', help: 'Messages not yet delivered to the durable consumer (JetStream num_pending)', labelNames: ['consumer'], registers: [this.registry] });
    this.consumerAckPending = new Gauge({ name: 'gov_event_consumer_ack_pending_messages', help: 'Messages delivered to the durable consumer and not yet acknowledged', labelNames: ['consumer'], registers: [this.registry] });
    this.httpDuration = new Histogram({
      name: 'gov_http_request_duration_seconds',
      help: 'HTTP request time',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [this.registry],
    });
  }

  /**
   * Adds a sampler run before each scrape (outbox backlog, consumer lag): such gauges cost nothing
   * between scrapes. Returns the function that removes it.
   */
  addSampler(sample: () => Promise<void>): () => void {
    this.samplers.add(sample);
    return () => this.samplers.delete(sample);
  }

  /** The exposition text; samplers run first, each within `sampleTimeoutMs` (a failing one leaves its gauges as they were). */
  async scrape(sampleTimeoutMs = 2000): Promise<string> {
    await Promise.all(
      [...this.samplers].map(async (sample) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([sample().catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, sampleTimeoutMs)))]);
        clearTimeout(timer);
      }),
    );
    return this.registry.metrics();
  }
}
