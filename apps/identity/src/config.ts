import { serviceConfigSchema } from '@gov/platform-config';
import { piiConfigSchema } from '@gov/platform-persistence';
import { z } from 'zod';

/** Longest an access token may live: role changes reach a session at its next refresh. */
const MAX_ACCESS_TOKEN_TTL_SECONDS = 900;

export const identityConfigSchema = serviceConfigSchema({ schema: 'identity', httpPort: 4001 }).extend(piiConfigSchema.shape).extend({
  JWT_ISSUER: z.string().default('gov-identity'),
  JWT_AUDIENCE: z.string().default('gov-platform'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(MAX_ACCESS_TOKEN_TTL_SECONDS).default(MAX_ACCESS_TOKEN_TTL_SECONDS),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  SIGNING_KEY_ROTATE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Failed sign-ins one account (or one unknown login name) may have per window. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  /** Failed sign-ins one client address (an IPv6 /64) may have per window, over all logins. */
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
});

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
