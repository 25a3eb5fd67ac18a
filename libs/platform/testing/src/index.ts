export * from './harness.js';
export * from './streams.js';
export * from './fixtures.js';
export * from './service.js';
