import { Module } from '@nestjs/common';
import { WebhookDeliveryResolver, WebhookResolver } from './webhook.resolver.js';

/**
 * Integrations's part of the gateway schema. Resolvers only translate GraphQL to integrations's
 * subjects: every rule lives in the service. Needs the gateway's GraphQLModule and its
 * per-request GqlContext (@gov/platform-graphql).
 */
@Module({ providers: [WebhookResolver, WebhookDeliveryResolver] })
export class IntegrationsGraphqlModule {}
