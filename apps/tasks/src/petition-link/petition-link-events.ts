import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * petitions' request for a volunteer task for a petition (诉求), made by its handler
 * (gov.petitions.petition.task-requested.v1; subject: the petition's id). Its `@EventPattern`
 * gets its own durable JetStream consumer `tasks__<type>`: the inbox keys on it.
 */
export const PETITION_TASK_REQUESTED = eventType('petitions', 'petition', 'task-requested');

const LatLng = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

/**
 * What tasks reads of the request (petitions' event data); other fields are ignored. Tasks keeps
 * its own reading of the payload and never imports petitions' contracts (module boundaries). A
 * payload that does not parse throws: the event is retried, then dead-lettered.
 */
export const TaskRequestedData = z.object({
  /** The petition's id. */
  id,
  trackingCode: z.string().min(1).max(32),
  /** The petition's place: its grid (or community) path. */
  region: regionPath,
  category: z
    .string()
    .max(64)
    .nullish()
    .transform((v) => v ?? null),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
  /** Where the problem is; null when the petition came without a point (a hotline call). */
  location: LatLng.nullish().transform((v) => v ?? null),
  /** The handler's note on the request. */
  note: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => (v ? v : null)),
  /** The petition's own deadline (its category's time limit). */
  deadline: z.iso.datetime({ offset: true }),
});
export type TaskRequestedData = z.input<typeof TaskRequestedData>;
