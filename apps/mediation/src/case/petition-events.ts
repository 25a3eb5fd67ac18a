import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * petitions' request to take a petition up as a dispute (PetitionService.spawn). Its own durable
 * JetStream consumer `mediation__<type>` feeds the inbox. Module boundaries keep
 * @gov/petitions-contracts out of mediation: the payload is described here, as petitions publishes it.
 */
export const PETITION_MEDIATION_REQUESTED = eventType('petitions', 'petition', 'mediation-requested');

/** What mediation reads of the payload; other fields are ignored. A payload that does not parse is retried, then dead-lettered. */
export const MediationRequestedData = z.object({
  id,
  trackingCode: z.string().min(1).max(40),
  category: z.string().min(1).max(64),
  region: regionPath,
  title: z.string().min(1).max(200),
  description: z.string().min(1).max(4000),
  note: z.string().max(500).nullish(),
});
export type MediationRequestedData = z.input<typeof MediationRequestedData>;
