import {
  CreateWebhookInput,
  GetWebhookDeliveryInput,
  GetWebhookInput,
  IntegrationsRpc,
  ListWebhookDeliveriesInput,
  ListWebhooksInput,
  ReplayDeadDeliveriesInput,
  SetWebhookActiveInput,
} from '@gov/integrations-contracts';
import type { Actor } from '@gov/kernel';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { WebhookService } from './webhook.service.js';

@Controller()
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  @MessagePattern(IntegrationsRpc.webhookCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreateWebhookInput) input: z.output<typeof CreateWebhookInput>) {
    return this.webhooks.create(actor, input);
  }

  @MessagePattern(IntegrationsRpc.webhookList)
  list(@CurrentActor() actor: Actor | null, @Input(ListWebhooksInput) input: z.output<typeof ListWebhooksInput>) {
    return this.webhooks.list(actor, input.region);
  }

  @MessagePattern(IntegrationsRpc.webhookGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetWebhookInput) input: z.output<typeof GetWebhookInput>) {
    return this.webhooks.get(actor, input.id);
  }

  @MessagePattern(IntegrationsRpc.webhookSetActive)
  setActive(@CurrentActor() actor: Actor | null, @Input(SetWebhookActiveInput) input: z.output<typeof SetWebhookActiveInput>) {
    return this.webhooks.setActive(actor, input.id, input.active);
  }

  @MessagePattern(IntegrationsRpc.webhookRotateSecret)
  rotateSecret(@CurrentActor() actor: Actor | null, @Input(GetWebhookInput) input: z.output<typeof GetWebhookInput>) {
    return this.webhooks.rotateSecret(actor, input.id);
  }

  @MessagePattern(IntegrationsRpc.webhookDelete)
  delete(@CurrentActor() actor: Actor | null, @Input(GetWebhookInput) input: z.output<typeof GetWebhookInput>) {
    return this.webhooks.delete(actor, input.id);
  }

  @MessagePattern(IntegrationsRpc.deliveryList)
  deliveries(@CurrentActor() actor: Actor | null, @Input(ListWebhookDeliveriesInput) input: z.output<typeof ListWebhookDeliveriesInput>) {
    return this.webhooks.deliveryLog(actor, input);
  }

  @MessagePattern(IntegrationsRpc.deliveryReplay)
  replay(@CurrentActor() actor: Actor | null, @Input(GetWebhookDeliveryInput) input: z.output<typeof GetWebhookDeliveryInput>) {
    return this.webhooks.replay(actor, input.id);
  }

  @MessagePattern(IntegrationsRpc.deliveryReplayDead)
  replayDead(@CurrentActor() actor: Actor | null, @Input(ReplayDeadDeliveriesInput) input: z.output<typeof ReplayDeadDeliveriesInput>) {
    return this.webhooks.replayDead(actor, input.webhookId);
  }
}
