import { Webhook } from './webhook/webhook.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';
import { Migration002WebhookRoutesVersion } from './migrations/002-webhook-routes-version.js';

export { Webhook };
export * from './sql.js';
export * from './webhook/webhook.repository.js';
export * from './webhook/delivery.repository.js';

export const integrationsEntities = [Webhook];
export const integrationsMigrations = [
  { name: '001-initial', class: Migration001Initial },
  { name: '002-webhook-routes-version', class: Migration002WebhookRoutesVersion },
];
