export * from './case-policy.js';
export * from './levels.js';
export * from './conflicts.js';
export * from './suggestions.js';
export * from './confirmation.js';
export * from './case-number.js';
export * from './petition-category.js';
