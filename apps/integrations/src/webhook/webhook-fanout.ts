import { DeliveryRepository, WebhookRepository } from '@gov/integrations-data-access';
import { EVENT_CATALOGUE, eventTypeMatches, webhookCloudEvent } from '@gov/integrations-domain';
import type { DomainEvent } from '@gov/kernel';
import { EventConsumer, Namespace } from '@gov/platform-messaging';
import { Metrics } from '@gov/platform-observability';
import { Inbox } from '@gov/platform-outbox';
import { LOGGER, NATS_CONNECTION, SCHEMA_READY } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { WebhookDispatcher } from './webhook-dispatcher.js';

/**
 * The durable JetStream consumer of the webhook fan-out, over every internal event (`evt.>`). Its
 * own consumer rather than an `@EventPattern`: the transport makes one consumer per event type,
 * and this one takes them all. The name is also its inbox key: keep it.
 */
export const WEBHOOK_FANOUT_CONSUMER = 'integrations__webhook_fanout';

/** Attempts before an event goes to dlq.integrations__webhook_fanout: with the 30 s backoff cap, about a day of a failing database. */
const MAX_DELIVER = 3000;

/**
 * Turns each catalogued event into one delivery per active webhook of its county (and per
 * city-wide webhook) whose event types match: the event's CloudEvents JSON without its personal
 * data. A redelivered event adds nothing (the inbox, and one delivery per webhook and event);
 * a webhook gets the events that happened after it was registered; types the catalogue does not
 * list are never sent (nobody has said what in them is personal).
 *
 * One event at a time across all replicas (`max_ack_pending` 1), and one that failed comes back
 * before any later one: deliveries are added in the order of GOV_EVENTS, which is the order the
 * dispatcher sends each webhook's in.
 */
@Injectable()
export class WebhookFanout implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly inbox: Inbox,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly metrics: Metrics,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Called again when the NATS microservice starts: one consumer, which shutdown stops.
    if (this.consumer) return;
    this.consumer = new EventConsumer(this.nc, this.ns, { durable: WEBHOOK_FANOUT_CONSUMER, filterSubject: 'evt.>', maxAckPending: 1, maxDeliver: MAX_DELIVER }, (e) => this.handle(e), this.logger, this.metrics);
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }

  async handle(event: DomainEvent): Promise<void> {
    const personal = EVENT_CATALOGUE.get(event.type);
    if (!personal) return;
    let added = 0;
    await this.inbox.once(WEBHOOK_FANOUT_CONSUMER, event.id, async (em) => {
      added = await this.fanOut(em as EntityManager, event, personal);
    });
    if (added) this.dispatcher.wake();
  }

  private async fanOut(em: EntityManager, event: DomainEvent, personal: NonNullable<ReturnType<typeof EVENT_CATALOGUE.get>>): Promise<number> {
    const at = Date.parse(event.time);
    const targets = (await this.webhooks.activeFor(em, event.county)).filter(
      (w) => eventTypeMatches(w.eventTypes, event.type) && !(Number.isFinite(at) && at < w.createdAt.getTime()),
    );
    if (!targets.length) return 0;
    const body = webhookCloudEvent(event, personal) as unknown as Record<string, unknown>;
    return this.deliveries.insertMany(
      em,
      targets.map((w) => ({ id: randomUUID(), webhookId: w.id, eventId: event.id, eventType: event.type, body })),
    );
  }
}
