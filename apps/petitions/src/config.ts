import { serviceConfigSchema } from '@gov/platform-config';
import type { z } from 'zod';

export const petitionsConfigSchema = serviceConfigSchema({ schema: 'petitions', httpPort: 4004 }).extend({
  // The service's own settings go here (zod, parsed once at start; a bad one stops the process with one line).
});

export type PetitionsConfig = z.infer<typeof petitionsConfigSchema>;
