export * from './mediation-case-policy.js';
