import { eventType, idSchema as id } from '@gov/kernel';
import { z } from 'zod';

/**
 * The events that answer a petition's request to hand it on (PetitionService.spawn): the other
 * service's object carries the petition's id as `sourcePetitionId`. Each `@EventPattern` gets its
 * own durable JetStream consumer named `petitions__<type>`: the inbox keys on it.
 */
export const TASK_PUBLISHED = eventType('tasks', 'task', 'published');
/** Mediation's event when it opens a dispute case (调解案件), for a petition handed on among others. */
export const MEDIATION_CASE_OPENED = eventType('mediation', 'case', 'opened');

/**
 * What petitions reads of the payloads (tasks' TaskView; mediation's case event data); other fields are ignored. Most tasks and cases come from
 * no petition: their `sourcePetitionId` is null or absent. A payload that does not parse throws:
 * the event is retried, then dead-lettered.
 */
export const SourcedData = z.object({
  id,
  sourcePetitionId: id.nullish().transform((v) => v ?? null),
});
export type SourcedData = z.input<typeof SourcedData>;
