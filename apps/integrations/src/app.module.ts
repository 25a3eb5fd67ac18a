import { integrationsEntities, integrationsMigrations } from '@gov/integrations-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { WebhookModule } from './webhook/webhook.module.js';
import { PublicStreamModule } from './public-stream/public-stream.module.js';
import { integrationsConfigSchema } from './config.js';

/** The integrations service. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'integrations', config: integrationsConfigSchema, entities: integrationsEntities, migrations: integrationsMigrations }),
    WebhookModule,
    PublicStreamModule,
  ],
})
export class IntegrationsAppModule {}
