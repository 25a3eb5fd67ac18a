/** Inputs of the petitions service: zod schemas, validated by the service's pipe before a handler runs. */
import { idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

export const CreatePetitionInput = z.object({
  name: z.string().trim().min(1).max(100),
  region: regionPath,
});
export const GetPetitionInput = z.object({ id });

export type CreatePetitionInput = z.infer<typeof CreatePetitionInput>;
export type GetPetitionInput = z.infer<typeof GetPetitionInput>;
