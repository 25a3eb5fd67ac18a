import { defineEvents } from '@gov/kernel';
import { z } from 'zod';

/**
 * A webhook as its events describe it: never its secret, and of its URL only the host (a URL may
 * carry a token of the receiver's in its path or query).
 */
const WebhookData = z.object({
  id: z.string(),
  name: z.string(),
  /** The receiver's host name, e.g. `hooks.example.gov.cn`. */
  host: z.string(),
  /** A county path (`jingmen/dongbao`) or the city (`jingmen`). */
  region: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const WEBHOOK_CHANGES = ['activated', 'deactivated', 'secret_rotated'] as const;

/**
 * Events the integrations service publishes (ce-type gov.integrations.<aggregate>.<event>.v<version>);
 * integrators subscribe to these. Spread an entry into `Outbox.add`: `{ ...IntegrationsEvents.webhookCreated, … }`.
 */
export const IntegrationsEvents = defineEvents({
  webhookCreated: {
    aggregate: 'webhook',
    event: 'created',
    version: 1,
    summary: "A county's (or the city's) admin registered a webhook for some event types.",
    schema: WebhookData,
  },
  webhookUpdated: {
    aggregate: 'webhook',
    event: 'updated',
    version: 1,
    summary: 'A webhook was switched on or off, or its signing secret was replaced.',
    schema: WebhookData.extend({ change: z.enum(WEBHOOK_CHANGES) }),
  },
  webhookDeleted: {
    aggregate: 'webhook',
    event: 'deleted',
    version: 1,
    summary: 'A webhook was removed with its delivery log; nothing more is sent to it.',
    schema: WebhookData,
  },
});
