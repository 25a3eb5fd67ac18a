export * from './claims.js';
export * from './verifier.js';
export * from './scope.js';
export * from './actor-assertion.js';
