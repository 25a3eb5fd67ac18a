export * from './region-policy.js';
