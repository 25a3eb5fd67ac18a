export * from './context.js';
export * from './enums.js';
export * from './loaders.js';
export * from './paging.js';
export * from './geo.types.js';
export * from './live.js';
