/** For in-process harnesses (apps/e2e, bench). Production starts main.ts. */
export { IntegrationsAppModule } from './app.module.js';
export { FAST_WEBHOOK_ENV, WebhookReceiver, startIntegrations, type IntegrationsTestApp, type ReceivedDelivery } from './testing.js';
export { WEBHOOK_FANOUT_CONSUMER } from './webhook/webhook-fanout.js';
