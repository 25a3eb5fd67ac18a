export { IdentityGraphqlModule } from './identity-graphql.module.js';
export * from './loaders.js';
export * from './access.types.js';
export * from './audit.types.js';
export * from './person.types.js';
export * from './role.types.js';
export * from './steward.types.js';
export * from './unit.types.js';
