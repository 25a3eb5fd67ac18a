/** The environment a service reads its configuration from: process.env, or a test's own. */
export const ENV = Symbol('ENV');
/** The service's parsed configuration (its zod schema's output). */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');
/** The service's pino logger. */
export const LOGGER = Symbol('LOGGER');
/** Resolves once the schema is migrated; providers that touch tables at start-up depend on it. */
export const SCHEMA_READY = Symbol('SCHEMA_READY');
