import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process (per app instance in tests), exposed at GET /metrics. */
export class Metrics {
  readonly registry = new Registry();
  readonly rpcDuration: Histogram<'subject' | 'outcome'>;
  readonly eventsPublished: Counter<'type'>;
  readonly eventsConsumed: Counter<'consumer' | 'outcome'>;
  readonly httpDuration: Histogram<'route' | 'status'>;

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
    this.httpDuration = new Histogram({
      name: 'gov_http_request_duration_seconds',
      help: 'HTTP request time',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [this.registry],
    });
  }
}
