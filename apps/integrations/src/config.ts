import { serviceConfigSchema } from '@gov/platform-config';
import { piiConfigSchema } from '@gov/platform-persistence';
import { z } from 'zod';

export const integrationsConfigSchema = serviceConfigSchema({ schema: 'integrations', httpPort: 4006 })
  // Webhook secrets are kept encrypted with the platform's personal-data keys.
  .extend(piiConfigSchema.shape)
  .extend({
    /** Delay before the second try of a failed delivery; each further try waits twice as long. */
    WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
    /** The longest wait between two tries. */
    WEBHOOK_BACKOFF_CAP_MS: z.coerce.number().int().min(10).max(86_400_000).default(600_000),
    /** Tries after which a delivery is dead (kept, and replayable on request). */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    /** How long one POST may take, answer included. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** How often the dispatcher looks for due deliveries besides being woken by new ones. */
    WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
    /** Deliveries the dispatcher takes at once (across webhooks; one webhook's go one after another). */
    WEBHOOK_BATCH: z.coerce.number().int().min(1).max(500).default(50),
    /**
     * Plain http to localhost/127.0.0.1 receivers (development, tests). Never in production: there
     * every webhook URL must be https, whatever this says.
     */
    WEBHOOK_ALLOW_HTTP_LOCALHOST: z.enum(['on', 'off']).optional(),
  });

export type IntegrationsConfig = z.infer<typeof integrationsConfigSchema>;

/** Plain http to localhost: outside production by default, never in production. */
export function allowHttpLocalhost(c: IntegrationsConfig): boolean {
  if (c.NODE_ENV === 'production') return false;
  return c.WEBHOOK_ALLOW_HTTP_LOCALHOST !== 'off';
}
