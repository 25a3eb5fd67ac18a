export { TasksGraphqlModule } from './tasks-graphql.module.js';
export * from './loaders.js';
export * from './task.types.js';
export * from './duty.types.js';
export * from './points.types.js';
export * from './rewards.types.js';
export * from './rankings.types.js';
export * from './micro-wish.types.js';
