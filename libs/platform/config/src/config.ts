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
  /** Prepended to every NATS subject and stream name; lets test runs and tenants of one NATS share it. */
  SUBJECT_PREFIX: z.string().regex(/^([a-z0-9_]+)?$/, 'must be lowercase letters, digits or underscores').default(''),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535),
  RPC_TIMEOUT_MS: z.coerce.number().int().min(50).max(60000).default(5000),
});

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
  });
}

export type ServiceConfig = z.infer<ReturnType<typeof serviceConfigSchema>>;
