import { z } from 'zod';

/** sysexits.h EX_CONFIG: what a process exits with when its configuration is wrong. */
export const EX_CONFIG = 78;

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/** Settings every process shares. Services extend this with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NATS_URL: z.string().regex(/^(nats|tls):\/\/[^\s]+$/, 'must be a nats:// URL').default('nats://127.0.0.1:4222'),
  /** This process's NATS user (deploy/nats/auth.conf); with NATS_PASSWORD. Unset: connect without credentials. */
  NATS_USER: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, dashes or underscores').optional(),
  NATS_PASSWORD: z.string().optional(),
  /** Prepended to every NATS subject and stream name; lets test runs and tenants of one NATS share it. */
  SUBJECT_PREFIX: z.string().regex(/^([a-z0-9_]+)?$/, 'must be lowercase letters, digits or underscores').default(''),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535),
  RPC_TIMEOUT_MS: z.coerce.number().int().min(50).max(60000).default(5000),
  /** `kid:base64(Ed25519 PKCS#8)`: signs the actor assertions this process sends (the gateway; services that call others for a user). */
  ACTOR_SIGNING_KEY: z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+$/, 'must be kid:base64key').optional(),
  /** `kid:base64(Ed25519 SPKI)[,kid:…]`: the caller keys whose actor assertions this process accepts. */
  ACTOR_VERIFY_KEYS: z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, 'must be kid:base64key[,kid:base64key]').optional(),
});

/**
 * A well-known key pair so that `npm start`, docker compose and tests work without setup. It is
 * public (it is in this file), so production refuses to start without keys of its own.
 */
const DEVELOPMENT_ACTOR_KEYS = {
  signingKey: 'dev:MC4CAQAwBQYDK2VwBCIEILEgwfBbhpQcUvMfzjyl/SyHpZv5P3S5HWF1hfQNolQX',
  verifyKeys: 'dev:MCowBQYDK2VwAyEAhtu81hdB05tzPSjiOO9r/0SJK8oTEqiSOc5Fd8Gx1Zw=',
};

/** The actor keys to use: the configured ones, or outside production the development pair. */
export function actorKeys(config: { NODE_ENV: string; ACTOR_SIGNING_KEY?: string; ACTOR_VERIFY_KEYS?: string }, need: 'sign' | 'verify'): { signingKey: string; verifyKeys: string; development: boolean } {
  const variable = need === 'sign' ? 'ACTOR_SIGNING_KEY' : 'ACTOR_VERIFY_KEYS';
  if (config.NODE_ENV === 'production' && !config[variable]) throw new ConfigError(variable, 'is required in production');
  return {
    signingKey: config.ACTOR_SIGNING_KEY ?? DEVELOPMENT_ACTOR_KEYS.signingKey,
    verifyKeys: config.ACTOR_VERIFY_KEYS ?? DEVELOPMENT_ACTOR_KEYS.verifyKeys,
    development: !config[variable],
  };
}

export const databaseConfigSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// URL').default('postgres://postgres@127.0.0.1:5432/gov'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
});

/**
 * Parses the environment once at start-up. Fails with the first bad variable named, so an
 * operator sees one line ("configuration: PII_KEYS is required") instead of a stack trace.
 */
export function parseConfig<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'environment');
  const detail = issue.code === 'invalid_type' && cleaned[variable] === undefined ? 'is required' : `is invalid: ${issue.message}`;
  throw new ConfigError(variable, detail);
}

/**
 * Settings of a service process (not the gateway): its HTTP port and schema default to its own,
 * and the outbox relay can be switched off (tests of what survives a crash do).
 */
export function serviceConfigSchema(service: { schema: string; httpPort: number }) {
  return baseConfigSchema.merge(databaseConfigSchema).extend({
    HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(service.httpPort),
    DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default(service.schema),
    OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
    OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(500),
    /** Failed publishes (NATS answering but refusing) after which an event is parked, docs/adr/0003. */
    OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(10),
    // Retention of the JetStream streams every service creates at start (GOV_EVENTS, GOV_DLQ).
    // The streams are shared: give every service of a deployment the same values.
    NATS_STREAM_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    NATS_STREAM_MAX_BYTES: z.coerce.number().int().min(1024 * 1024).default(10 * 1024 ** 3),
    NATS_STREAM_REPLICAS: z.coerce.number().int().refine((n) => [1, 3, 5].includes(n), 'must be 1, 3 or 5').default(1),
    NATS_DLQ_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    NATS_DLQ_MAX_BYTES: z.coerce.number().int().min(1024 * 1024).default(1024 ** 3),
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
