import { notFound, type Actor, type EventContract } from '@gov/kernel';
import type { MediationCaseView } from '@gov/mediation-contracts';
import { CaseRepository, type CasePatch, type CaseRecord, type PartyRecord } from '@gov/mediation-data-access';
import { caseVisibleTo } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { accessOf, caseEventData, caseView } from './case-view.js';

/** Who did a transition, as the timeline records it. */
export interface Doer {
  accountId: string | null;
  label: string;
}
export const SYSTEM: Doer = { accountId: null, label: 'system' };
export const doer = (a: Actor): Doer => ({ accountId: a.accountId, label: a.username });

/** One step of a case: what changes, what the timeline says and which event tells the world. */
export interface Step {
  patch?: CasePatch;
  action: string;
  note?: string | null;
  /** A `MediationEvents` entry: its schema checks the event's data (case fields and `extra`). */
  event: EventContract;
  /** Added to the event's data (never personal data); the event's schema must list each field. */
  extra?: Record<string, unknown>;
}

/** A case the caller may see, with its parties. */
export interface VisibleCase {
  case: CaseRecord;
  parties: PartyRecord[];
}

/**
 * Every change of a case goes through here: one transaction that locks the case, checks that the
 * caller may see it (another county's case answers NOT_FOUND, exactly as a missing one), lets the
 * feature check its rules and write its own rows, then patches the case, appends the timeline row
 * and adds the event. Sessions, agreements, follow-ups and assignment all use it, so the audit
 * trail and the events cannot be forgotten.
 */
@Injectable()
export class CaseWorkflow {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly cases: CaseRepository,
  ) {}

  async transition(actor: Actor | null, caseId: string, decide: (em: EntityManager, c: CaseRecord, parties: PartyRecord[], a: Actor) => Promise<Step>): Promise<MediationCaseView> {
    const a = requireActor(actor);
    return this.tx.run(async (em) => {
      const c = await this.cases.lock(em, caseId);
      if (!c) throw notFound('mediation case', caseId);
      const parties = await this.cases.partiesIn(em, caseId);
      if (!caseVisibleTo(a, accessOf(c, parties))) throw notFound('mediation case', caseId);
      const step = await decide(em, c, parties, a);
      const after = await this.apply(em, doer(a), c, step);
      return caseView(after, await this.cases.partiesIn(em, caseId));
    });
  }

  /** Applies a step inside a transaction the caller holds (sweepers and event consumers). */
  async apply(em: EntityManager, by: Doer, c: CaseRecord, step: Step): Promise<CaseRecord> {
    const after = step.patch && Object.keys(step.patch).length > 0 ? await this.cases.patch(em, c.id, step.patch) : c;
    await this.cases.appendTimeline(em, { caseId: c.id, action: step.action, fromState: c.state, toState: after.state, actorAccountId: by.accountId, actorLabel: by.label, note: step.note ?? null });
    await this.outbox.add(em, { ...step.event, region: after.region, subjectId: after.id, data: caseEventData(after, step.extra) });
    return after;
  }

  /** Reads a case for a caller, NOT_FOUND when missing or not theirs to see. */
  async visible(actor: Actor | null, caseId: string): Promise<VisibleCase> {
    const a = requireActor(actor);
    const c = await this.cases.byId(caseId);
    if (!c) throw notFound('mediation case', caseId);
    const parties = await this.cases.parties([caseId]);
    if (!caseVisibleTo(a, accessOf(c, parties))) throw notFound('mediation case', caseId);
    return { case: c, parties };
  }
}
