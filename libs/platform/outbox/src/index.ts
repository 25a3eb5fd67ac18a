export * from './outbox.js';
export * from './relay.js';
export * from './inbox.js';
