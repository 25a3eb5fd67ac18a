export * from './place.repository.js';
