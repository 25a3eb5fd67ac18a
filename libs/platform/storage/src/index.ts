export * from './store.js';
export * from './image.js';
export * from './local-disk-store.js';
export * from './sigv4.js';
export * from './s3-store.js';
export * from './config.js';
