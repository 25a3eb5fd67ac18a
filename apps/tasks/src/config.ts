import { serviceConfigSchema } from '@gov/platform-config';
import { z } from 'zod';

export const tasksConfigSchema = serviceConfigSchema({ schema: 'tasks', httpPort: 4003 }).extend({
  /** How often published tasks past their deadline are expired (their open claims with them). */
  TASK_EXPIRY_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** How often ended months, quarters and years are announced (`period.closed`) once per county. */
  PERIOD_CLOSE_SWEEP_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
});

export type TasksConfig = z.infer<typeof tasksConfigSchema>;
