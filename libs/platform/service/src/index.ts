export * from './tokens.js';
export * from './platform.module.js';
export * from './service-app.js';
export * from './rpc-exception.filter.js';
export * from './rpc-context.interceptor.js';
export * from './zod-validation.pipe.js';
export * from './current-actor.decorator.js';
export * from './transaction.runner.js';
