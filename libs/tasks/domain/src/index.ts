export * from './task-policy.js';
export * from './points-rules.js';
export * from './rewards-policy.js';
export * from './honours.js';
