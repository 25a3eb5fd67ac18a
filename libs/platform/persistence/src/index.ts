export * from './orm.js';
export * from './pii.js';
export * from './prepared-reads.js';
