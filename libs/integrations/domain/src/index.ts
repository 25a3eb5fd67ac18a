export * from './webhook-policy.js';
export * from './event-catalogue.js';
export * from './public-event.js';
export * from './webhook-signing.js';
export * from './webhook-body.js';
