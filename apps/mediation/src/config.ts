import { serviceConfigSchema } from '@gov/platform-config';
import { piiConfigSchema } from '@gov/platform-persistence';
import { z } from 'zod';

/** Debian's fonts-wqy-microhei: a CJK font agreements' PDFs embed (tools/test.mjs and the image install it). */
export const DEFAULT_AGREEMENT_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

export const mediationConfigSchema = serviceConfigSchema({ schema: 'mediation', httpPort: 4005 })
  .extend(piiConfigSchema.shape)
  .extend({
    /** How often the clocks are swept: judicial-confirmation reminders and lapses, overdue follow-ups. */
    CLOCK_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
    /** A TrueType font (or collection) with Chinese glyphs, embedded in agreement PDFs. */
    AGREEMENT_FONT: z.string().min(1).default(DEFAULT_AGREEMENT_FONT),
  });

export type MediationConfig = z.infer<typeof mediationConfigSchema>;
