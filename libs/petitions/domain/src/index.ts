export * from './petition-policy.js';
