import { AppError, actorCan, type Actor } from '@gov/kernel';
import { MediationEvents, type AssignMediatorInput, type MediationCaseView, type MediatorSuggestionView, type SuggestMediatorsInput } from '@gov/mediation-contracts';
import { CaseRepository, HouseholdRepository, OrganisationRepository, type CaseRecord, type MediatorRecord, type PartyRecord } from '@gov/mediation-data-access';
import { CASE_STAFF_ROLES, findConflicts, mayManage, nodeAt, suggestionScore, type PartyForCheck } from '@gov/mediation-domain';
import { Outbox } from '@gov/platform-outbox';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { caseEventData } from '../case/case-view.js';
import { CaseWorkflow } from '../case/case-workflow.js';
import { CaseErrors } from '../case/case.errors.js';

/** States in which a case takes a (new) mediator. */
const ASSIGNABLE_STATES = ['opened', 'assigned', 'mediating'] as const;

/**
 * Who mediates a case: suggestions by speciality, nearness and load, each with the conflicts of
 * interest found (回避), and the assignment itself, which refuses a conflicted mediator unless an
 * admin gives a reason — written to `conflict_override` and published.
 */
@Injectable()
export class AssignmentService {
  constructor(
    private readonly workflow: CaseWorkflow,
    private readonly cases: CaseRepository,
    private readonly organisations: OrganisationRepository,
    private readonly households: HouseholdRepository,
    private readonly outbox: Outbox,
  ) {}

  async suggest(actor: Actor | null, input: z.output<typeof SuggestMediatorsInput>): Promise<MediatorSuggestionView[]> {
    const { case: c, parties } = await this.workflow.visible(actor, input.caseId);
    if (!actorCan(actor, CASE_STAFF_ROLES, c.region)) throw new AppError('FORBIDDEN', 'only staff of the place see mediator suggestions');
    const candidates = (await this.organisations.mediatorsForCase(c.county, c.region)).filter((m) => servesCase(m, c));
    const checks = await this.conflictChecks(candidates, parties);
    return candidates
      .map((m) => ({
        mediatorId: m.id,
        name: m.name,
        organisationId: m.organisationId,
        organisationName: m.organisationName,
        specialities: m.specialities,
        load: m.load,
        capacity: m.capacity,
        score: m.available ? suggestionScore(m, c.category, c.region) : 0,
        conflicts: checks(m),
      }))
      .sort((x, y) => Number(x.conflicts.length > 0) - Number(y.conflicts.length > 0) || y.score - x.score || x.load - y.load)
      .slice(0, input.first);
  }

  assign(actor: Actor | null, input: z.output<typeof AssignMediatorInput>): Promise<MediationCaseView> {
    return this.workflow.transition(actor, input.caseId, async (em, c, parties, a) => {
      // The mediator named is resolved before the case's state is judged: another county's is NOT_FOUND, always.
      const m = await this.organisations.mediatorIn(em, input.mediatorId, true);
      if (!m || m.county !== c.county) throw CaseErrors.unknownMediator();
      if (!mayManage(a, c)) throw new AppError('FORBIDDEN', 'only an admin of the place (or above) assigns a mediator');
      if (!(ASSIGNABLE_STATES as readonly string[]).includes(c.state)) throw CaseErrors.wrongState(c.state, 'given a mediator');
      if (!servesCase(m, c)) throw CaseErrors.mediatorWrongLevel();
      if (m.id !== c.mediatorId && (!m.available || m.load >= m.capacity)) throw CaseErrors.mediatorUnavailable();
      const conflicts = (await this.conflictChecks([m], parties))(m);
      if (conflicts.length > 0 && !input.overrideReason) throw CaseErrors.conflictOfInterest(conflicts);
      if (conflicts.length > 0) {
        await this.cases.recordOverride(em, { caseId: c.id, mediatorId: m.id, conflicts, reason: input.overrideReason!, actorAccountId: a.accountId });
        await this.cases.appendTimeline(em, { caseId: c.id, action: 'conflict_overridden', fromState: c.state, toState: c.state, actorAccountId: a.accountId, actorLabel: a.username, note: input.overrideReason });
        await this.outbox.add(em, {
          ...MediationEvents.conflictOverridden,
          region: c.region,
          subjectId: c.id,
          data: caseEventData(c, { mediatorId: m.id, conflicts: conflicts.map((x) => ({ kind: x.kind, partyId: x.partyId })), override: input.overrideReason }),
        });
      }
      return {
        patch: { mediatorId: m.id, organisationId: m.organisationId, state: c.state === 'opened' ? 'assigned' : c.state, assignedAt: new Date() },
        action: c.mediatorId ? 'reassigned' : 'assigned',
        note: `${m.organisationName} ${m.name}`,
        event: MediationEvents.caseAssigned,
        extra: { previousMediatorId: c.mediatorId },
      };
    });
  }

  /** One lookup of everyone's households, then a conflict check per mediator. */
  private async conflictChecks(mediators: readonly MediatorRecord[], parties: readonly PartyRecord[]) {
    const persons = [...mediators.map((m) => m.personId), ...parties.flatMap((p) => (p.personId ? [p.personId] : []))];
    const residences = await this.households.residencesOf(persons);
    const forCheck: PartyForCheck[] = parties.map((p) => ({
      id: p.id,
      name: p.name,
      personId: p.personId,
      relatedPersonIds: p.relatedPersonIds,
      residences: p.personId ? (residences.get(p.personId) ?? []) : [],
    }));
    return (m: MediatorRecord) => findConflicts({ personId: m.personId, residences: residences.get(m.personId) ?? [] }, forCheck);
  }
}

/** A mediator serves a case when their organisation is the case's node at the case's level. */
function servesCase(m: MediatorRecord, c: CaseRecord): boolean {
  return m.level === c.level && nodeAt(c.region, c.level) === m.region;
}
