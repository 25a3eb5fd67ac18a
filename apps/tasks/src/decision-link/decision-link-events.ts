import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * mediation's event when a deliberation meeting (议事会) records a decision
 * (gov.mediation.meeting.decision-recorded.v1; subject: the meeting's id). Its `@EventPattern`
 * gets its own durable JetStream consumer `tasks__<type>`: the inbox keys on it.
 */
export const MEETING_DECISION_RECORDED = eventType('mediation', 'meeting', 'decision-recorded');

/** The decision's action that asks tasks for a volunteer task; other actions are not tasks' to act on. */
export const TASK_ACTION = 'task';

/** Above mediation's own bound (80): the title goes whole into the task's description. */
const MEETING_TITLE_MAX = 200;

/**
 * What tasks reads of the decision (mediation's `decisionEventData`); other fields are ignored.
 * Tasks keeps its own reading of the payload and never imports mediation's contracts (module
 * boundaries). `action` stays any text, so an action mediation adds later is consumed and ignored
 * rather than dead-lettered. A payload that does not parse throws: the event is retried, then
 * dead-lettered.
 */
export const DecisionRecordedData = z.object({
  meetingId: id,
  /** The meeting's place: its community, or a grid inside it. */
  region: regionPath,
  meetingTitle: z.string().trim().min(1).max(MEETING_TITLE_MAX),
  decisionId: id,
  text: z.string().trim().min(1),
  action: z.string().min(1).max(40),
  /** The agenda item the decision settles; null for a decision taken outside the agenda. */
  agendaItemTitle: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null),
});
export type DecisionRecordedData = z.input<typeof DecisionRecordedData>;
