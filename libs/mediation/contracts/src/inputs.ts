/** Inputs of the mediation service: zod schemas, validated by the service's pipe before a handler runs. */
import { idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

export const CreateMediationCaseInput = z.object({
  name: z.string().trim().min(1).max(100),
  region: regionPath,
});
export const GetMediationCaseInput = z.object({ id });

export type CreateMediationCaseInput = z.infer<typeof CreateMediationCaseInput>;
export type GetMediationCaseInput = z.infer<typeof GetMediationCaseInput>;
