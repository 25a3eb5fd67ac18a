export * from './petition-policy.js';
export * from './clocks.js';
export * from './tracking.js';
export * from './taxonomy.js';
