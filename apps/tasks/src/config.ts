import { serviceConfigSchema } from '@gov/platform-config';
import { z } from 'zod';

export const tasksConfigSchema = serviceConfigSchema({ schema: 'tasks', httpPort: 4003 }).extend({
  /** How often published tasks past their deadline are expired (their open claims with them). */
  TASK_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
});

export type TasksConfig = z.infer<typeof tasksConfigSchema>;
