export * from './harness.js';
export * from './streams.js';
