export * from './territory-io.repository.js';
