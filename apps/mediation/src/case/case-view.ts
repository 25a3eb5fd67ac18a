import { DISPUTE_CATEGORY_ZH, type CaseTimelineEntryView, type MediationCaseView, type PartyView } from '@gov/mediation-contracts';
import type { CaseRecord, CaseTimelineRecord, PartyRecord } from '@gov/mediation-data-access';
import type { CaseAccess } from '@gov/mediation-domain';

export function partyView(p: PartyRecord): PartyView {
  return {
    id: p.id,
    role: p.role,
    name: p.name,
    personId: p.personId,
    phoneMasked: p.phoneMasked,
    idNumberMasked: p.idNumberMasked,
    acceptedAgreementVersion: p.acceptedVersion,
  };
}

export function caseView(c: CaseRecord, parties: readonly PartyRecord[]): MediationCaseView {
  return {
    id: c.id,
    number: c.number,
    source: c.source,
    sourcePetitionId: c.sourcePetitionId,
    sourceMeetingId: c.sourceMeetingId,
    courtReference: c.courtReference,
    category: c.category,
    categoryZh: DISPUTE_CATEGORY_ZH[c.category],
    title: c.title,
    facts: c.facts,
    region: c.region,
    county: c.county,
    level: c.level,
    amountFen: c.amountFen,
    risk: c.risk,
    criminalRisk: c.criminalRisk,
    policeGrid: c.policeGrid,
    state: c.state,
    outcome: c.outcome,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    mediatorId: c.mediatorId,
    mediatorName: c.mediatorName,
    parties: parties.filter((p) => p.caseId === c.id).map(partyView),
    escalations: c.escalations,
    agreementVersion: c.agreementVersion,
    agreedAt: c.agreedAt?.toISOString() ?? null,
    confirmationDeadline: c.confirmationDeadline?.toISOString() ?? null,
    confirmationState: c.confirmationState,
    openedBy: c.openedBy,
    openedAt: c.openedAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
  };
}

/** What the policy needs of a case and its parties. */
export function accessOf(c: CaseRecord, parties: readonly PartyRecord[]): CaseAccess {
  return { region: c.region, mediatorPersonId: c.mediatorPersonId, partyPersonIds: parties.filter((p) => p.caseId === c.id && p.personId).map((p) => p.personId!) };
}

export function timelineView(t: CaseTimelineRecord): CaseTimelineEntryView {
  return { seq: t.seq, at: t.at.toISOString(), action: t.action, fromState: t.fromState, toState: t.toState, actorAccountId: t.actorAccountId, actorLabel: t.actorLabel, note: t.note };
}

/** Event payloads: the case without its parties' names or contacts (integrators read these). */
export function caseEventData(c: CaseRecord, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: c.id,
    number: c.number,
    source: c.source,
    sourcePetitionId: c.sourcePetitionId,
    sourceMeetingId: c.sourceMeetingId,
    category: c.category,
    region: c.region,
    level: c.level,
    state: c.state,
    outcome: c.outcome,
    risk: c.risk,
    criminalRisk: c.criminalRisk,
    organisationId: c.organisationId,
    mediatorId: c.mediatorId,
    agreedAt: c.agreedAt?.toISOString() ?? null,
    confirmationDeadline: c.confirmationDeadline?.toISOString() ?? null,
    confirmationState: c.confirmationState,
    ...extra,
  };
}
