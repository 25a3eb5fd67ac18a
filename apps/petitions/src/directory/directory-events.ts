import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * identity's events petitions keeps its read models with (gov.<service>.<aggregate>.<event>.v1).
 * Each `@EventPattern` gets its own durable JetStream consumer named `petitions__<type>`.
 */
export const UNIT_CREATED = eventType('identity', 'unit', 'created');
export const STEWARD_ENROLLED = eventType('identity', 'steward', 'enrolled');
export const STEWARD_UPDATED = eventType('identity', 'steward', 'updated');

/** What petitions reads of identity's UnitView and StewardView; other fields are ignored. */
export const UnitData = z.object({
  id,
  code: z.string().max(64).nullish().transform((v) => v ?? null),
  name: z.string().min(1).max(200),
  kind: z.string().min(1).max(64),
  region: regionPath,
});
export const StewardData = z.object({
  id,
  personId: id,
  number: z.string().min(1).max(64),
  class: z.number().int().min(1).max(6),
  grid: regionPath,
  reportsToId: id.nullish().transform((v) => v ?? null),
});
/** Units of this kind are departments a petition can be assigned to or a whistle can summon. */
export const DEPARTMENT_UNIT_KIND = 'government_department';
