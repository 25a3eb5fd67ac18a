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
    this.httpDuration = new Histogram({
      name: 'gov_http_request_duration_seconds',
      help: 'HTTP request time',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [this.registry],
    });
  }
}
