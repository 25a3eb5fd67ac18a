export * from './steward-class.js';
export * from './steward-number.js';
export * from './policy.js';
