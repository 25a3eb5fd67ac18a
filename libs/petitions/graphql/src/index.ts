export { PetitionsGraphqlModule } from './petitions-graphql.module.js';
export * from './loaders.js';
export * from './petition.types.js';
export * from './whistle.types.js';
export * from './category.types.js';
