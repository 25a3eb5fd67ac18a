export * from './orm.js';
export * from './pii.js';
