import type { WebhookAttemptView, WebhookDeliveryView, WebhookView } from '@gov/integrations-contracts';
import type { AttemptRecord, DeliveryRecord, WebhookRecord } from '@gov/integrations-data-access';
import { webhookBodyText, type WebhookCloudEvent } from '@gov/integrations-domain';

export function webhookView(w: WebhookRecord): WebhookView {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    region: w.region,
    eventTypes: w.eventTypes,
    active: w.active,
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

/** What the webhook's events say about it: no secret, of the URL only the host. */
export function webhookEventData(w: WebhookRecord): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    host: new URL(w.url).hostname,
    region: w.region,
    eventTypes: w.eventTypes,
    active: w.active,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}

export function attemptView(a: AttemptRecord): WebhookAttemptView {
  return { at: a.at.toISOString(), status: a.status, error: a.error, durationMs: a.durationMs };
}

export function deliveryView(d: DeliveryRecord, log: readonly AttemptRecord[]): WebhookDeliveryView {
  return {
    id: d.id,
    webhookId: d.webhookId,
    eventId: d.eventId,
    eventType: d.eventType,
    state: d.state,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    body: webhookBodyText(d.body as unknown as WebhookCloudEvent),
    log: log.map(attemptView),
  };
}
