/** Inputs of the grids service: zod schemas, validated by the service's pipe before a handler runs. */
import { idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

export const CreateRegionInput = z.object({
  name: z.string().trim().min(1).max(100),
  region: regionPath,
});
export const GetRegionInput = z.object({ id });

export type CreateRegionInput = z.infer<typeof CreateRegionInput>;
export type GetRegionInput = z.infer<typeof GetRegionInput>;
