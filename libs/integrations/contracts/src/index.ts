export * from './subjects.js';
export * from './errors.js';
export * from './events.js';
export * from './inputs.js';
export * from './views.js';
