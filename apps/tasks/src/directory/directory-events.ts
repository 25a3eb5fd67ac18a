import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * The other services' events tasks keeps its read models with (gov.<service>.<aggregate>.<event>.v1).
 * Each `@EventPattern` on one of these gets its own durable JetStream consumer filtered on
 * `evt.*.<service>.<aggregate>.<event>.v1` (NatsTransport), named `tasks__<type>`: the inbox keys on it.
 */
export const STEWARD_ENROLLED = eventType('identity', 'steward', 'enrolled');
export const STEWARD_UPDATED = eventType('identity', 'steward', 'updated');
export const STEWARD_NUMBER_REISSUED = eventType('identity', 'steward', 'number-reissued');
export const UNIT_CREATED = eventType('identity', 'unit', 'created');
export const PLACE_CREATED = eventType('grids', 'place', 'created');
export const DIRECTORY_EVENT_TYPES = [STEWARD_ENROLLED, STEWARD_UPDATED, STEWARD_NUMBER_REISSUED, UNIT_CREATED, PLACE_CREATED] as const;

/**
 * What tasks reads of the payloads (identity's StewardView and UnitView, grids' PlaceView); other
 * fields are ignored. A payload that does not parse throws: the event is retried, then dead-lettered.
 */
export const StewardData = z.object({
  id,
  personId: id,
  number: z.string().min(1).max(64),
  class: z.number().int().min(1).max(6),
  unitId: id,
  grid: regionPath,
  reportsToId: id.nullish().transform((v) => v ?? null),
});
export const NumberReissuedData = z.object({ id, previousNumber: z.string().max(64).nullish(), number: z.string().min(1).max(64) });
export const UnitData = z.object({ id, name: z.string().min(1).max(200), region: regionPath });
export const PlaceData = z.object({
  id,
  kind: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  region: regionPath,
  location: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }),
  archived: z.boolean().default(false),
});
export type StewardData = z.input<typeof StewardData>;
export type NumberReissuedData = z.input<typeof NumberReissuedData>;
export type UnitData = z.input<typeof UnitData>;
export type PlaceData = z.input<typeof PlaceData>;
