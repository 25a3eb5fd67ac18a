export * from './config.js';
export * from './run-main.js';
