export * from './claims.js';
export * from './verifier.js';
export * from './scope.js';
