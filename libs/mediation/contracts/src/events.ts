/** Events the mediation service publishes (ce-type gov.mediation.<aggregate>.<event>.v1); integrators subscribe to these. */
export const MediationEvents = {
  organisationCreated: { aggregate: 'organisation', event: 'created' },
  mediatorAdded: { aggregate: 'mediator', event: 'added' },
  mediatorUpdated: { aggregate: 'mediator', event: 'updated' },
  /** `data.sourcePetitionId` names the petition it came from (petitions links it back). */
  caseOpened: { aggregate: 'case', event: 'opened' },
  /** A party completed or corrected (no personal data in the event). */
  partyUpdated: { aggregate: 'case', event: 'party-updated' },
  caseAssigned: { aggregate: 'case', event: 'assigned' },
  /** An assignment despite a conflict of interest: `data.override` carries the reason. */
  conflictOverridden: { aggregate: 'case', event: 'conflict-overridden' },
  caseEscalated: { aggregate: 'case', event: 'escalated' },
  /** 民转刑 risk: addressed to the police grid of the place (`data.policeGrid`). */
  policeAlerted: { aggregate: 'case', event: 'police-alerted' },
  sessionScheduled: { aggregate: 'case', event: 'session-scheduled' },
  sessionRecorded: { aggregate: 'case', event: 'session-recorded' },
  agreementDrafted: { aggregate: 'case', event: 'agreement-drafted' },
  agreementAccepted: { aggregate: 'case', event: 'agreement-accepted' },
  /** Every party accepted: the case is settled (调解成功). */
  caseAgreed: { aggregate: 'case', event: 'agreed' },
  confirmationRequested: { aggregate: 'case', event: 'confirmation-requested' },
  confirmationRecorded: { aggregate: 'case', event: 'confirmation-recorded' },
  confirmationReminder: { aggregate: 'case', event: 'confirmation-reminder' },
  /** The 30 days passed without a joint application: the agreement can no longer be confirmed (`confirmationState` lapsed). */
  confirmationLapsed: { aggregate: 'case', event: 'confirmation-lapsed' },
  followUpScheduled: { aggregate: 'case', event: 'follow-up-scheduled' },
  followUpRecorded: { aggregate: 'case', event: 'follow-up-recorded' },
  followUpOverdue: { aggregate: 'case', event: 'follow-up-overdue' },
  caseClosed: { aggregate: 'case', event: 'closed' },
  meetingScheduled: { aggregate: 'meeting', event: 'scheduled' },
  agendaItemAdded: { aggregate: 'meeting', event: 'agenda-item-added' },
  minutesRecorded: { aggregate: 'meeting', event: 'minutes-recorded' },
  /** `data.creates` says what the decision asks for: tasks, petitions' proposals or a case take it up. */
  decisionRecorded: { aggregate: 'meeting', event: 'decision-recorded' },
  committeeItemChanged: { aggregate: 'committee-item', event: 'changed' },
} as const;
