export { IntegrationsGraphqlModule } from './integrations-graphql.module.js';
export * from './webhook.types.js';
