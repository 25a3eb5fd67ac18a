export * from './errors.js';
export * from './validation.js';
export * from './region.js';
export * from './actor.js';
export * from './chinese-id.js';
export * from './subjects.js';
export * from './events.js';
export * from './paging.js';
