import {
  IntegrationsEvents,
  WEBHOOK_ATTEMPT_LOG,
  type CreateWebhookInput,
  type ListWebhookDeliveriesInput,
  type ReplayCountView,
  type WebhookDeliveryView,
  type WebhookView,
  type WebhookWithSecretView,
} from '@gov/integrations-contracts';
import { DeliveryRepository, WebhookRepository, webhookSecretPlace, type WebhookRecord } from '@gov/integrations-data-access';
import { isKnownEventTypePattern, isWebhookRegion, mayManageWebhook, newWebhookSecret, webhookCounty, webhookUrlProblem, webhookVisibleTo } from '@gov/integrations-domain';
import { decodeCursor, encodeCursor, pathNotFound, type Actor, type Page } from '@gov/kernel';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { PiiCipher } from '@gov/platform-persistence';
import { SERVICE_CONFIG, TransactionRunner } from '@gov/platform-service';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { allowHttpLocalhost, type IntegrationsConfig } from '../config.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookErrors } from './webhook.errors.js';
import { deliveryView, webhookEventData, webhookView } from './webhook-views.js';

/**
 * Webhooks: registered, listed, switched on and off, re-keyed and removed by the admins of their
 * county (or the city's), with their delivery log and replays. Another county's webhook or
 * delivery answers exactly as a missing one.
 */
@Injectable()
export class WebhookService {
  constructor(
    private readonly orm: MikroORM,
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly webhooks: WebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly cipher: PiiCipher,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsConfig,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreateWebhookInput>): Promise<WebhookWithSecretView> {
    const a = requireActor(actor);
    if (!isWebhookRegion(input.region)) throw WebhookErrors.notACounty();
    const eventTypes = [...new Set(input.eventTypes)];
    const unknown = eventTypes.filter((t) => !isKnownEventTypePattern(t));
    if (unknown.length) throw WebhookErrors.unknownEventTypes(unknown);
    const problem = webhookUrlProblem(input.url, allowHttpLocalhost(this.config));
    if (problem) throw WebhookErrors.insecureUrl(problem);
    this.requireAdmin(a, input.region, () => pathNotFound());
    const id = randomUUID();
    const secret = newWebhookSecret();
    const row = await this.tx.run(async (em) => {
      const w = await this.webhooks.insert(em, {
        id,
        name: input.name,
        url: input.url,
        region: input.region,
        county: webhookCounty(input.region),
        eventTypes,
        secretCiphertext: this.cipher.encrypt(secret, webhookSecretPlace(id)),
        createdBy: a.accountId,
      });
      await this.outbox.add(em, { ...IntegrationsEvents.webhookCreated, region: w.region, subjectId: w.id, data: webhookEventData(w) });
      return w;
    });
    return { webhook: webhookView(row), secret };
  }

  async list(actor: Actor | null, region: string): Promise<WebhookView[]> {
    const a = requireActor(actor);
    if (!isWebhookRegion(region)) throw WebhookErrors.notACounty();
    this.requireAdmin(a, region, () => pathNotFound());
    return (await this.webhooks.listByRegion(this.em(), region)).map(webhookView);
  }

  async get(actor: Actor | null, id: string): Promise<WebhookView> {
    return webhookView(await this.manageable(this.em(), requireActor(actor), id));
  }

  async setActive(actor: Actor | null, id: string, active: boolean): Promise<WebhookView> {
    const a = requireActor(actor);
    const row = await this.tx.run(async (em) => {
      const w = await this.manageable(em, a, id, true);
      if (w.active === active) return w;
      const updated = await this.webhooks.setActive(em, id, active);
      await this.outbox.add(em, { ...IntegrationsEvents.webhookUpdated, region: w.region, subjectId: w.id, data: { ...webhookEventData(updated), change: active ? 'activated' : 'deactivated' } });
      return updated;
    });
    // Switched on again: what waited for it is due.
    if (active) this.dispatcher.wake();
    return webhookView(row);
  }

  async rotateSecret(actor: Actor | null, id: string): Promise<WebhookWithSecretView> {
    const a = requireActor(actor);
    const secret = newWebhookSecret();
    const row = await this.tx.run(async (em) => {
      await this.manageable(em, a, id, true);
      const updated = await this.webhooks.setSecret(em, id, this.cipher.encrypt(secret, webhookSecretPlace(id)));
      await this.outbox.add(em, { ...IntegrationsEvents.webhookUpdated, region: updated.region, subjectId: id, data: { ...webhookEventData(updated), change: 'secret_rotated' } });
      return updated;
    });
    return { webhook: webhookView(row), secret };
  }

  async delete(actor: Actor | null, id: string): Promise<WebhookView> {
    const a = requireActor(actor);
    const row = await this.tx.run(async (em) => {
      const w = await this.manageable(em, a, id, true);
      await this.webhooks.delete(em, id);
      await this.outbox.add(em, { ...IntegrationsEvents.webhookDeleted, region: w.region, subjectId: w.id, data: webhookEventData(w) });
      return w;
    });
    return webhookView(row);
  }

  async deliveryLog(actor: Actor | null, input: z.output<typeof ListWebhookDeliveriesInput>): Promise<Page<WebhookDeliveryView>> {
    const a = requireActor(actor);
    const em = this.em();
    await this.manageable(em, a, input.webhookId);
    const afterSeq = decodeCursor(input.after);
    const rows = await this.deliveries.list(em, { webhookId: input.webhookId, state: input.state ?? null, afterSeq, limit: input.first + 1 });
    const page = rows.slice(0, input.first);
    const log = await this.deliveries.attempts(em, page.map((d) => d.id), WEBHOOK_ATTEMPT_LOG);
    return {
      items: page.map((d) => deliveryView(d, log.get(d.id) ?? [])),
      endCursor: page.length ? encodeCursor(page.at(-1)!.seq) : null,
      hasNextPage: rows.length > input.first,
    };
  }

  async replay(actor: Actor | null, deliveryId: string): Promise<WebhookDeliveryView> {
    const a = requireActor(actor);
    const em = this.em();
    await this.tx.run(async (tx) => {
      const d = await this.deliveries.byId(tx, deliveryId, true);
      const w = d && (await this.webhooks.byId(tx, d.webhookId));
      if (!d || !w || !webhookVisibleTo(a, w.region)) throw WebhookErrors.unknownDelivery(deliveryId);
      if (!mayManageWebhook(a, w.region)) throw WebhookErrors.notAdmin();
      if (!(await this.deliveries.replay(tx, deliveryId))) throw WebhookErrors.stillPending();
    });
    this.dispatcher.wake();
    const d = (await this.deliveries.byId(em, deliveryId))!;
    const log = await this.deliveries.attempts(em, [deliveryId], WEBHOOK_ATTEMPT_LOG);
    return deliveryView(d, log.get(deliveryId) ?? []);
  }

  async replayDead(actor: Actor | null, webhookId: string): Promise<ReplayCountView> {
    const a = requireActor(actor);
    const count = await this.tx.run(async (em) => {
      await this.manageable(em, a, webhookId, true);
      return this.deliveries.replayDead(em, webhookId);
    });
    if (count) this.dispatcher.wake();
    return { count };
  }

  /** The webhook if the caller may manage it; NOT_FOUND when it is missing or not theirs to see. */
  private async manageable(em: EntityManager, a: Actor, id: string, lock = false): Promise<WebhookRecord> {
    const w = await this.webhooks.byId(em, id, lock);
    if (!w) throw WebhookErrors.unknownWebhook(id);
    this.requireAdmin(a, w.region, () => WebhookErrors.unknownWebhook(id));
    return w;
  }

  /** Admins of the region or above; someone who may not know of it gets `hidden()`, as if it did not exist. */
  private requireAdmin(a: Actor, region: string, hidden: () => Error): void {
    if (!webhookVisibleTo(a, region)) throw hidden();
    if (!mayManageWebhook(a, region)) throw WebhookErrors.notAdmin();
  }

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }
}

