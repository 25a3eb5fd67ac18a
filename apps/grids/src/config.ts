import { serviceConfigSchema } from '@gov/platform-config';
import type { z } from 'zod';

export const gridsConfigSchema = serviceConfigSchema({ schema: 'grids', httpPort: 4002 }).extend({
  // The service's own settings go here (zod, parsed once at start; a bad one stops the process with one line).
});

export type GridsConfig = z.infer<typeof gridsConfigSchema>;
