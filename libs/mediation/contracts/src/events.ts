import { defineEvents } from '@gov/kernel';
import { z } from 'zod';
import { AGREEMENT_TEMPLATES, FOLLOW_UP_KINDS } from './agreement.js';
import { CASE_OUTCOMES, CASE_SOURCES, CASE_STATES, CONFIRMATION_STATES, CONFLICT_KINDS, PARTY_ROLES, RISK_LEVELS } from './case.js';
import { AGENDA_SOURCES, COMMITTEE_LISTS, DECISION_ACTIONS, LIST_ITEM_STATES, MEETING_KINDS, MEETING_STATES } from './meeting.js';
import { CASE_LEVELS, DISPUTE_CATEGORIES, ORGANISATION_KINDS } from './organisation.js';
import { SESSION_MODES } from './session.js';

/*
 * The `data` of each event, as the service writes it (apps/mediation: organisation.service.ts,
 * case-view.ts caseEventData, meeting.service.ts, committee.service.ts). Times are ISO strings,
 * ids uuid strings. No event carries a party's or an attendee's name, phone or ID number, nor a
 * mediator's name: the case events describe the case without its parties, the meeting events the
 * meeting without its attendees.
 */

/** An organisation (调解组织) as created. */
const OrganisationData = z.object({
  id: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  region: z.string(),
  level: z.enum(CASE_LEVELS),
  createdAt: z.string(),
});

/** A mediator: who mediates where and for what (`personId` is the identity person; the name stays out). */
const MediatorData = z.object({
  id: z.string(),
  organisationId: z.string(),
  personId: z.string(),
  region: z.string(),
  level: z.enum(CASE_LEVELS),
  specialities: z.array(z.enum(DISPUTE_CATEGORIES)),
  available: z.boolean(),
  capacity: z.number().int(),
});

/** Every case event: the case without its parties, title, facts or amount (caseEventData); each event adds its own fields. */
const CaseData = z.object({
  id: z.string(),
  /** 东宝调〔2026〕0001号 style case number. */
  number: z.string(),
  source: z.enum(CASE_SOURCES),
  /** The petition the case came from (petitions links it back). */
  sourcePetitionId: z.string().nullable(),
  sourceMeetingId: z.string().nullable(),
  category: z.enum(DISPUTE_CATEGORIES),
  region: z.string(),
  level: z.enum(CASE_LEVELS),
  state: z.enum(CASE_STATES),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  risk: z.enum(RISK_LEVELS),
  criminalRisk: z.boolean(),
  organisationId: z.string().nullable(),
  mediatorId: z.string().nullable(),
  agreedAt: z.string().nullable(),
  /** The last day to apply jointly for judicial confirmation. */
  confirmationDeadline: z.string().nullable(),
  confirmationState: z.enum(CONFIRMATION_STATES),
});

const SessionData = { sessionId: z.string(), seq: z.number().int(), mode: z.enum(SESSION_MODES) };
const FollowUpData = { followUpId: z.string(), kind: z.enum(FOLLOW_UP_KINDS), dueOn: z.string() };

/** Every meeting event: the meeting without its attendees or minutes. */
const MeetingData = z.object({
  id: z.string(),
  kind: z.enum(MEETING_KINDS),
  region: z.string(),
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  state: z.enum(MEETING_STATES),
});

/** What tasks, petitions and mediation need to act on a decision (decisionEventData). */
const DecisionData = z.object({
  meetingId: z.string(),
  region: z.string(),
  kind: z.enum(MEETING_KINDS),
  meetingTitle: z.string(),
  decisionId: z.string(),
  agendaItemId: z.string().nullable(),
  text: z.string(),
  action: z.enum(DECISION_ACTIONS),
  /** The same as `action`: who should take the decision up. */
  creates: z.enum(DECISION_ACTIONS),
  /** The list item the decision filed (`list_item`). */
  listItemId: z.string().nullable(),
  decidedAt: z.string(),
  list: z.enum(COMMITTEE_LISTS).nullable(),
  agendaItemTitle: z.string().nullable(),
  source: z.enum(AGENDA_SOURCES).nullable(),
  sourceId: z.string().nullable(),
});

/** A committee list item (ListItemView) and whether it was just created or updated. */
const ListItemData = z.object({
  id: z.string(),
  community: z.string(),
  list: z.enum(COMMITTEE_LISTS),
  title: z.string(),
  detail: z.string().nullable(),
  state: z.enum(LIST_ITEM_STATES),
  ownerUnit: z.string().nullable(),
  sourceMeetingId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  change: z.enum(['created', 'updated']),
});

/**
 * Events the mediation service publishes (ce-type gov.mediation.<aggregate>.<event>.v<version>);
 * integrators subscribe to these. Spread an entry into `Outbox.add`: `{ ...MediationEvents.caseOpened, … }`.
 */
export const MediationEvents = defineEvents({
  organisationCreated: {
    aggregate: 'organisation',
    event: 'created',
    version: 1,
    summary: 'A mediation organisation (committee, five-elders team, judge studio or county centre) was created for a region.',
    schema: OrganisationData,
  },
  mediatorAdded: {
    aggregate: 'mediator',
    event: 'added',
    version: 1,
    summary: 'A person was added as a mediator of an organisation, with their specialities and capacity.',
    schema: MediatorData,
  },
  mediatorUpdated: {
    aggregate: 'mediator',
    event: 'updated',
    version: 1,
    summary: "A mediator's specialities, availability or capacity changed.",
    schema: MediatorData,
  },
  /** `data.sourcePetitionId` names the petition it came from (petitions links it back). */
  caseOpened: {
    aggregate: 'case',
    event: 'opened',
    version: 1,
    summary: 'A dispute case was opened, from a petition, a walk-in, a court referral or a deliberation meeting.',
    schema: CaseData.extend({ title: z.string() }),
  },
  /** A party completed or corrected (no personal data in the event). */
  partyUpdated: {
    aggregate: 'case',
    event: 'party-updated',
    version: 1,
    summary: "A party of a case was completed or corrected (the event names only the party's id and role).",
    schema: CaseData.extend({ partyId: z.string(), role: z.enum(PARTY_ROLES) }),
  },
  caseAssigned: {
    aggregate: 'case',
    event: 'assigned',
    version: 1,
    summary: 'A case was given to a mediator, or moved from one mediator to another.',
    schema: CaseData.extend({ previousMediatorId: z.string().nullable() }),
  },
  /** An assignment despite a conflict of interest: `data.override` carries the reason. */
  conflictOverridden: {
    aggregate: 'case',
    event: 'conflict-overridden',
    version: 1,
    summary: 'An admin assigned a mediator despite a conflict of interest with a party, giving a reason.',
    schema: CaseData.extend({
      /** The mediator being assigned (the case's state and mediator are still those before the assignment). */
      mediatorId: z.string(),
      conflicts: z.array(z.object({ kind: z.enum(CONFLICT_KINDS), partyId: z.string() })),
      override: z.string(),
    }),
  },
  caseEscalated: {
    aggregate: 'case',
    event: 'escalated',
    version: 1,
    summary: 'A case was escalated one level up and waits there for a new mediator.',
    schema: CaseData.extend({ fromLevel: z.enum(CASE_LEVELS), reason: z.string() }),
  },
  /** 民转刑 risk: addressed to the police grid of the place (`data.policeGrid`). */
  policeAlerted: {
    aggregate: 'case',
    event: 'police-alerted',
    version: 1,
    summary: "A case at risk of turning criminal was reported to the police grid of the dispute's place.",
    schema: CaseData.extend({ policeGrid: z.string(), title: z.string() }),
  },
  sessionScheduled: {
    aggregate: 'case',
    event: 'session-scheduled',
    version: 1,
    summary: 'A mediation session of a case was scheduled (the first one starts the mediation).',
    schema: CaseData.extend({ ...SessionData, startsAt: z.string() }),
  },
  sessionRecorded: {
    aggregate: 'case',
    event: 'session-recorded',
    version: 1,
    summary: 'A mediation session was recorded as held or cancelled.',
    schema: CaseData.extend({ ...SessionData, held: z.boolean() }),
  },
  agreementDrafted: {
    aggregate: 'case',
    event: 'agreement-drafted',
    version: 1,
    summary: "A new version of a case's mediation agreement was drafted (only its template and the number of terms and instalments are published).",
    schema: CaseData.extend({ agreementVersion: z.number().int(), template: z.enum(AGREEMENT_TEMPLATES), terms: z.number().int(), instalments: z.number().int() }),
  },
  agreementAccepted: {
    aggregate: 'case',
    event: 'agreement-accepted',
    version: 1,
    summary: 'A party accepted the current version of the agreement, in the app or signing in person.',
    schema: CaseData.extend({ agreementVersion: z.number().int(), partyId: z.string(), role: z.enum(PARTY_ROLES), inPerson: z.boolean() }),
  },
  /** Every party accepted: the case is settled (调解成功). */
  caseAgreed: {
    aggregate: 'case',
    event: 'agreed',
    version: 1,
    summary: 'Every party accepted the agreement: the case is settled and the judicial-confirmation window opens.',
    schema: CaseData.extend({ agreementVersion: z.number().int(), followUps: z.number().int() }),
  },
  confirmationRequested: {
    aggregate: 'case',
    event: 'confirmation-requested',
    version: 1,
    summary: 'The parties applied jointly to a court for judicial confirmation of the agreement.',
    schema: CaseData.extend({ court: z.string() }),
  },
  confirmationRecorded: {
    aggregate: 'case',
    event: 'confirmation-recorded',
    version: 1,
    summary: "The court's ruling on the judicial confirmation of the agreement was recorded.",
    schema: CaseData.extend({ confirmed: z.boolean(), rulingReference: z.string().nullable() }),
  },
  confirmationReminder: {
    aggregate: 'case',
    event: 'confirmation-reminder',
    version: 1,
    summary: 'A reminder that the window to apply for judicial confirmation closes in a few days.',
    schema: CaseData.extend({ reminder: z.number().int(), daysLeft: z.number().int() }),
  },
  /** The 30 days passed without a joint application: the agreement can no longer be confirmed (`confirmationState` lapsed). */
  confirmationLapsed: {
    aggregate: 'case',
    event: 'confirmation-lapsed',
    version: 1,
    summary: 'The judicial-confirmation window closed without a joint application.',
    schema: CaseData,
  },
  followUpScheduled: {
    aggregate: 'case',
    event: 'follow-up-scheduled',
    version: 1,
    summary: 'A follow-up (a visit or an instalment to check) of an agreed case was scheduled.',
    schema: CaseData.extend(FollowUpData),
  },
  followUpRecorded: {
    aggregate: 'case',
    event: 'follow-up-recorded',
    version: 1,
    summary: 'A follow-up of an agreed case was recorded as done or not done.',
    schema: CaseData.extend({ ...FollowUpData, done: z.boolean() }),
  },
  followUpOverdue: {
    aggregate: 'case',
    event: 'follow-up-overdue',
    version: 1,
    summary: 'A follow-up passed its day without being recorded.',
    schema: CaseData.extend(FollowUpData),
  },
  caseClosed: {
    aggregate: 'case',
    event: 'closed',
    version: 1,
    summary: 'A case was closed with its outcome (performed, referred to litigation or arbitration, withdrawn or no agreement).',
    schema: CaseData,
  },
  meetingScheduled: {
    aggregate: 'meeting',
    event: 'scheduled',
    version: 1,
    summary: 'A deliberation meeting of a community was scheduled.',
    schema: MeetingData,
  },
  agendaItemAdded: {
    aggregate: 'meeting',
    event: 'agenda-item-added',
    version: 1,
    summary: "An item was added to a scheduled meeting's agenda, from a petition, a proposal, a list item or raised at the meeting.",
    schema: MeetingData.extend({
      agendaItem: z.object({
        id: z.string(),
        meetingId: z.string(),
        position: z.number().int(),
        source: z.enum(AGENDA_SOURCES),
        sourceId: z.string().nullable(),
        title: z.string(),
        description: z.string().nullable(),
      }),
    }),
  },
  minutesRecorded: {
    aggregate: 'meeting',
    event: 'minutes-recorded',
    version: 1,
    summary: "A meeting's minutes were recorded and the meeting counts as held (only the number of attendees is published).",
    schema: MeetingData.extend({ attendeeCount: z.number().int() }),
  },
  /** `data.creates` says what the decision asks for: tasks, petitions' proposals or a case take it up. */
  decisionRecorded: {
    aggregate: 'meeting',
    event: 'decision-recorded',
    version: 1,
    summary: 'A held meeting recorded a decision, which may ask for a task, a proposal, a mediation case or a list item.',
    schema: DecisionData,
  },
  committeeItemChanged: {
    aggregate: 'committee-item',
    event: 'changed',
    version: 1,
    summary: "An item on one of a community committee's four lists (problems, needs, resources, projects) was created or updated.",
    schema: ListItemData,
  },
});
