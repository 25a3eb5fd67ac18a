/** Inputs of the integrations service: zod schemas, validated by the service's pipe before a handler runs. */
import { cursorSchema, idSchema as id, pageSizeSchema, regionPath } from '@gov/kernel';
import { z } from 'zod';

export const WEBHOOK_DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number];

/** Event types one webhook subscribes to at most. */
export const MAX_WEBHOOK_EVENT_TYPES = 50;

/** An exact event type `gov.<service>.<aggregate>.<event>.v<N>` or a service wildcard `gov.<service>.*`. */
export const eventTypePattern = z
  .string()
  .trim()
  .max(120)
  .regex(/^gov\.[a-z0-9-]+\.(\*|[a-z0-9-]+\.[a-z0-9-]+\.v\d+)$/, 'must be an event type gov.<service>.<aggregate>.<event>.v<N> or gov.<service>.*');

export const CreateWebhookInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** Where deliveries are POSTed; https (the service checks the scheme and host). */
  url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000),
  /** A county (`jingmen/dongbao`) or the city (`jingmen`): whose events the webhook receives. */
  region: regionPath,
  eventTypes: z.array(eventTypePattern).min(1).max(MAX_WEBHOOK_EVENT_TYPES),
});
export const ListWebhooksInput = z.object({ region: regionPath });
export const GetWebhookInput = z.object({ id });
export const SetWebhookActiveInput = z.object({ id, active: z.boolean() });
export const ListWebhookDeliveriesInput = z.object({
  webhookId: id,
  state: z.enum(WEBHOOK_DELIVERY_STATES).optional(),
  first: pageSizeSchema,
  after: cursorSchema,
});
export const GetWebhookDeliveryInput = z.object({ id });
export const ReplayDeadDeliveriesInput = z.object({ webhookId: id });

export type CreateWebhookInput = z.infer<typeof CreateWebhookInput>;
export type ListWebhooksInput = z.infer<typeof ListWebhooksInput>;
export type GetWebhookInput = z.infer<typeof GetWebhookInput>;
export type SetWebhookActiveInput = z.infer<typeof SetWebhookActiveInput>;
export type ListWebhookDeliveriesInput = z.input<typeof ListWebhookDeliveriesInput>;
export type GetWebhookDeliveryInput = z.infer<typeof GetWebhookDeliveryInput>;
export type ReplayDeadDeliveriesInput = z.infer<typeof ReplayDeadDeliveriesInput>;
