export { GridsGraphqlModule } from './grids-graphql.module.js';
export * from './loaders.js';
export * from './region.types.js';
