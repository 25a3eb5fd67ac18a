import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * mediation's event when a deliberation meeting (议事会) records a decision
 * (gov.mediation.meeting.decision-recorded.v1). Its `@EventPattern` gets its own durable
 * JetStream consumer named `petitions__<type>`; the inbox keys on it. Module boundaries keep
 * @gov/mediation-contracts out of petitions: the payload is described here, as mediation publishes
 * it (apps/mediation/src/meeting/meeting.service.ts, decisionEventData).
 */
export const MEETING_DECISION_RECORDED = eventType('mediation', 'meeting', 'decision-recorded');

/** The decision's action that asks petitions to put it to the households' vote; other actions are not petitions' to act on. */
export const PROPOSAL_ACTION = 'proposal';

/**
 * What petitions reads of the payload; other fields are ignored. `action` stays any text, so an
 * action mediation adds later is consumed and ignored rather than dead-lettered. A payload that
 * does not parse throws: the event is retried, then dead-lettered.
 */
export const DecisionRecordedData = z.object({
  meetingId: id,
  /** The meeting's place: its community, or a grid inside it. */
  region: regionPath,
  kind: z.string().min(1).max(40),
  meetingTitle: z.string().trim().min(1),
  decisionId: id,
  text: z.string().trim().min(1),
  action: z.string().min(1).max(40),
  decidedAt: z.iso.datetime({ offset: true }),
  /** The agenda item the decision settles; null for a decision taken outside the agenda. */
  agendaItemTitle: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null),
});
export type DecisionRecordedData = z.input<typeof DecisionRecordedData>;
