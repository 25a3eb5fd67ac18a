/** Request-reply subjects of the integrations service (queue group `integrations`), see docs/adr/0002. */
export const IntegrationsRpc = {
  webhookCreate: 'rpc.integrations.webhook.create',
  webhookList: 'rpc.integrations.webhook.list',
  webhookGet: 'rpc.integrations.webhook.get',
  webhookSetActive: 'rpc.integrations.webhook.setActive',
  webhookRotateSecret: 'rpc.integrations.webhook.rotateSecret',
  webhookDelete: 'rpc.integrations.webhook.delete',
  deliveryList: 'rpc.integrations.delivery.list',
  deliveryReplay: 'rpc.integrations.delivery.replay',
  deliveryReplayDead: 'rpc.integrations.delivery.replayDead',
} as const;
