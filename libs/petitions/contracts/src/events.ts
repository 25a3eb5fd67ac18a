/** Events the petitions service publishes (ce-type gov.petitions.<aggregate>.<event>.v1); integrators subscribe to these. */
export const PetitionsEvents = {
  petitionSubmitted: { aggregate: 'petition', event: 'submitted' },
  petitionScreened: { aggregate: 'petition', event: 'screened' },
  petitionMerged: { aggregate: 'petition', event: 'merged' },
  petitionAssigned: { aggregate: 'petition', event: 'assigned' },
  petitionAccepted: { aggregate: 'petition', event: 'accepted' },
  petitionStarted: { aggregate: 'petition', event: 'started' },
  petitionResolved: { aggregate: 'petition', event: 'resolved' },
  petitionRated: { aggregate: 'petition', event: 'rated' },
  petitionReopened: { aggregate: 'petition', event: 'reopened' },
  petitionClosed: { aggregate: 'petition', event: 'closed' },
  petitionEscalated: { aggregate: 'petition', event: 'escalated' },
  /** A sentinel's report: `data.notify` lists the chain (sentinel → group leader → squad leader) to alert. */
  sentinelAlerted: { aggregate: 'petition', event: 'sentinel-alerted' },
  /** A task or a mediation case is asked for; the owning service answers with its own event carrying `sourcePetitionId`. */
  taskRequested: { aggregate: 'petition', event: 'task-requested' },
  mediationRequested: { aggregate: 'petition', event: 'mediation-requested' },
  linked: { aggregate: 'petition', event: 'linked' },
  whistleBlown: { aggregate: 'whistle', event: 'blown' },
  whistleAcknowledged: { aggregate: 'whistle', event: 'acknowledged' },
  whistleOverdue: { aggregate: 'whistle', event: 'overdue' },
  categoryUpdated: { aggregate: 'category', event: 'updated' },
  proposalCreated: { aggregate: 'proposal', event: 'created' },
  voteCast: { aggregate: 'proposal', event: 'vote-cast' },
  proposalDecided: { aggregate: 'proposal', event: 'decided' },
} as const;
