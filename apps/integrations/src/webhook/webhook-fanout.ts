import { DeliveryRepository, type NewDelivery } from '@gov/integrations-data-access';
import { EVENT_CATALOGUE, webhookCloudEvent } from '@gov/integrations-domain';
import type { DomainEvent } from '@gov/kernel';
import { EventConsumer, Namespace } from '@gov/platform-messaging';
import { Metrics } from '@gov/platform-observability';
import { LOGGER, NATS_CONNECTION, SCHEMA_READY } from '@gov/platform-service';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookRoutes, type Routes } from './webhook-routes.js';

/**
 * The durable JetStream consumer of the webhook fan-out, over every internal event (`evt.>`). Its
 * own consumer rather than an `@EventPattern`: the transport makes one consumer per event type,
 * and this one takes them all. The name is also its inbox key: keep it.
 */
export const WEBHOOK_FANOUT_CONSUMER = 'integrations__webhook_fanout';

/** Attempts before an event goes to dlq.integrations__webhook_fanout: with the 30 s backoff cap, about a day of a failing database. */
const MAX_DELIVER = 3000;

/**
 * Events handed out and not yet acked, and the most the fan-out handles in one statement. Under
 * load the events that arrived while one batch was written go together in the next.
 */
const MAX_BATCH = 64;

/** Times a batch is routed again because the webhooks changed meanwhile, before it counts as failed (and is retried). */
const MAX_REROUTES = 5;

/**
 * Turns each catalogued event into one delivery per active webhook of its county (and per
 * city-wide webhook) whose event types match: the event's CloudEvents JSON without its personal
 * data. A redelivered event adds nothing (the inbox, and one delivery per webhook and event);
 * a webhook gets the events that happened after it was registered; types the catalogue does not
 * list are never sent (nobody has said what in them is personal).
 *
 * Cheap per event: the events that arrived together are handled together. Which webhooks want
 * them is answered from a copy in memory (WebhookRoutes); their deliveries and inbox rows are
 * written in one statement without a transaction of its own (DeliveryRepository.fanOut), which
 * writes only while that copy is current, else the batch is routed again. Events nobody wants
 * cost one tiny read (is the copy current?) and leave no rows, not even in the inbox: handled
 * again, they would still find nobody registered before them. The dispatcher is woken once.
 *
 * Within a replica the batches, and the deliveries in them, keep the order of GOV_EVENTS, which
 * is the order the dispatcher sends each webhook's in. Replicas share the consumer and work side
 * by side, and an event that failed comes back behind later ones (docs/integrators.md: receivers
 * order by `aggregateversion`, not by arrival).
 */
@Injectable()
export class WebhookFanout implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly orm: MikroORM,
    private readonly routes: WebhookRoutes,
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Called again when the NATS microservice starts: one consumer, which shutdown stops.
    if (this.consumer) return;
    this.consumer = new EventConsumer(
      this.nc,
      this.ns,
      { durable: WEBHOOK_FANOUT_CONSUMER, filterSubject: 'evt.>', maxAckPending: MAX_BATCH, maxBatch: MAX_BATCH, maxDeliver: MAX_DELIVER },
      { batch: (events) => this.handleBatch(events) },
      this.logger,
      this.metrics,
    );
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async handle(event: DomainEvent): Promise<void> {
    await this.handleBatch([event]);
  }

  /** The deliveries of these events (in their order), written at once; nothing at all when no webhook wants any of them. */
  async handleBatch(events: readonly DomainEvent[]): Promise<void> {
    const catalogued = new Map<string, { event: DomainEvent; personal: NonNullable<ReturnType<typeof EVENT_CATALOGUE.get>> }>();
    for (const event of events) {
      const personal = EVENT_CATALOGUE.get(event.type);
      // The same event twice in one batch (published again under another message id): once.
      if (personal && !catalogued.has(event.id)) catalogued.set(event.id, { event, personal });
    }
    if (!catalogued.size) return;
    // Routed with the copy of the webhooks; written only if it was current, else routed again.
    let routes = await this.routes.cached();
    for (let attempt = 1; ; attempt++) {
      const rows = this.deliveriesOf([...catalogued.values()], routes);
      if (!rows.length) {
        // Nobody wants them by the copy: so be it if the copy is current.
        const fresh = await this.routes.fresh();
        if (fresh.version === routes.version) return;
        if (attempt >= MAX_REROUTES) throw new Error(`the webhooks kept changing while ${catalogued.size} events were fanned out`);
        routes = fresh;
        continue;
      }
      const { applied, added } = await this.deliveries.fanOut(this.orm.em.fork() as EntityManager, WEBHOOK_FANOUT_CONSUMER, rows, routes.version);
      if (applied) {
        if (added) this.dispatcher.wake();
        return;
      }
      if (attempt >= MAX_REROUTES) throw new Error(`the webhooks kept changing while ${catalogued.size} events were fanned out`);
      routes = await this.routes.fresh();
    }
  }

  private deliveriesOf(events: Array<{ event: DomainEvent; personal: NonNullable<ReturnType<typeof EVENT_CATALOGUE.get>> }>, routes: Routes): NewDelivery[] {
    const rows: NewDelivery[] = [];
    for (const { event, personal } of events) {
      const targets = routes.find(event);
      if (!targets.length) continue;
      const body = webhookCloudEvent(event, personal) as unknown as Record<string, unknown>;
      for (const w of targets) rows.push({ id: randomUUID(), webhookId: w.id, eventId: event.id, eventType: event.type, body });
    }
    return rows;
  }
}
