import { serviceConfigSchema } from '@gov/platform-config';
import type { z } from 'zod';

export const mediationConfigSchema = serviceConfigSchema({ schema: 'mediation', httpPort: 4005 }).extend({
  // The service's own settings go here (zod, parsed once at start; a bad one stops the process with one line).
});

export type MediationConfig = z.infer<typeof mediationConfigSchema>;
