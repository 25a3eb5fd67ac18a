export * from './subjects.js';
export * from './events.js';
export * from './geo.js';
export * from './inputs.js';
export * from './views.js';
export * from './qr.js';
export * from './household.js';
export * from './place.js';
