export { MediationGraphqlModule } from './mediation-graphql.module.js';
export * from './loaders.js';
export * from './mediation-case.types.js';
