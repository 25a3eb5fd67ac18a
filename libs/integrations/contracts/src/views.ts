import type { WebhookDeliveryState } from './inputs.js';

/** What the integrations service answers with: plain serialisable views. */
export interface WebhookView {
  id: string;
  name: string;
  url: string;
  /** A county path (`jingmen/dongbao`) or the city (`jingmen`). */
  region: string;
  /** Exact event types and service wildcards (`gov.petitions.*`). */
  eventTypes: string[];
  active: boolean;
  /** Account that created it. */
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A webhook with its signing secret: answered only by creating it and by rotating the secret. */
export interface WebhookWithSecretView {
  webhook: WebhookView;
  /** The HMAC-SHA256 key of the `gov-webhook-signature` header (the whole string, as UTF-8). */
  secret: string;
}

/** One try of a delivery: the delivery log. */
export interface WebhookAttemptView {
  at: string;
  /** The receiver's HTTP status; null when no answer came (refused, timed out). */
  status: number | null;
  /** Why it failed; null for a 2xx. */
  error: string | null;
  durationMs: number;
}

/** One event for one webhook, with its tries. */
export interface WebhookDeliveryView {
  id: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  state: WebhookDeliveryState;
  /** Tries so far (a replay starts the count again; the log keeps every try). */
  attempts: number;
  /** When a pending delivery is tried next. */
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** The CloudEvents JSON the receiver gets (the signature covers exactly these bytes). */
  body: string;
  /** The latest tries, newest first (at most WEBHOOK_ATTEMPT_LOG). */
  log: WebhookAttemptView[];
}

/** Tries of one delivery a delivery list shows (the newest). */
export const WEBHOOK_ATTEMPT_LOG = 20;

export interface ReplayCountView {
  /** Dead deliveries put back to pending. */
  count: number;
}
