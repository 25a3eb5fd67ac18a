import { serviceConfigSchema } from '@gov/platform-config';
import { piiConfigSchema } from '@gov/platform-persistence';
import { attachmentStoreConfig } from '@gov/platform-storage';
import { z } from 'zod';

export const petitionsConfigSchema = serviceConfigSchema({ schema: 'petitions', httpPort: 4004 })
  .extend(piiConfigSchema.shape)
  .extend(attachmentStoreConfig.shape)
  .extend({
    /** The city's root region: petitions asks grids where a point lies as a resident of it. */
    CITY_REGION: z.string().regex(/^[a-z0-9-]+$/).default('jingmen'),
    /** How often the clocks are swept: level deadlines, unrated results, unanswered whistles. */
    CLOCK_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  });

export type PetitionsConfig = z.infer<typeof petitionsConfigSchema>;
