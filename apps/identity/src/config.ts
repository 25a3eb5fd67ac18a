import { baseConfigSchema, databaseConfigSchema } from '@gov/platform-config';
import { z } from 'zod';

const base64Key = (bytes: number) => z.string().refine((s) => Buffer.from(s, 'base64').length >= bytes, `must be base64 of at least ${bytes} bytes`);

export const identityConfigSchema = baseConfigSchema.merge(databaseConfigSchema).extend({
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(4001),
  DB_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('identity'),
  /** `kid:base64(32 bytes)[,kid:…]`: every key that may have encrypted stored data. */
  PII_KEYS: z.string().regex(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/, 'must be kid:base64key[,kid:base64key]'),
  /** The key new values are encrypted with. */
  PII_ACTIVE_KEY_ID: z.string().min(1),
  PII_HMAC_KEY: base64Key(32),
  JWT_ISSUER: z.string().default('gov-identity'),
  JWT_AUDIENCE: z.string().default('gov-platform'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  SIGNING_KEY_ROTATE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  OUTBOX_RELAY: z.enum(['on', 'off']).default('on'),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60000).default(500),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
