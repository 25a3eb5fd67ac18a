import { DeliveryRepository, WebhookRepository } from '@gov/integrations-data-access';
import { PiiCipher, piiCipherFromConfig } from '@gov/platform-persistence';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import type { IntegrationsConfig } from '../config.js';
import { WebhookController } from './webhook.controller.js';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookFanout } from './webhook-fanout.js';
import { WebhookRoutes } from './webhook-routes.js';
import { WebhookService } from './webhook.service.js';

/** Signed webhooks: registration, the fan-out of events into deliveries, and the dispatcher that sends them. */
@Module({
  controllers: [WebhookController],
  providers: [
    { provide: PiiCipher, useFactory: (c: IntegrationsConfig) => piiCipherFromConfig(c), inject: [SERVICE_CONFIG] },
    WebhookRepository,
    DeliveryRepository,
    WebhookService,
    WebhookDispatcher,
    WebhookRoutes,
    WebhookFanout,
  ],
  exports: [WebhookService, WebhookDispatcher],
})
export class WebhookModule {}
