export * from './subjects.js';
export * from './events.js';
export * from './errors.js';
export * from './inputs.js';
export * from './views.js';
export * from './rewards.js';
export * from './rankings.js';
export * from './micro-wish.js';
