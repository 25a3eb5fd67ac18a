export * from './household.repository.js';
export * from './central-head.repository.js';
