import { actorCan, countyOf, notFound, pathNotFound, regionContains, type Actor } from '@gov/kernel';
import {
  PetitionsEvents,
  type BallotView,
  type CastVoteInput,
  type CreateProposalInput,
  type GetProposalInput,
  type ListProposalsInput,
  type PaperBallotInput,
  type ProposalResultView,
  type ProposalView,
} from '@gov/petitions-contracts';
import { DirectoryRepository, HouseholdRepository, ProposalRepository, type HouseholdRecord, type ProposalRecord, type VoteRecord } from '@gov/petitions-data-access';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ProposalErrors } from './proposal.errors.js';
import { BALLOT_STAFF_ROLES, BUILDING_HEAD_CLASS, PROPOSER_ROLES, overlapScope, proposalVisibleTo, regionsOf } from './proposal-policy.js';
import { resultOf, stateOf } from './proposal-tally.js';

/**
 * Residents' proposals (居民提案): a discussion window, then a voting window in which every
 * household of the affected area (grids' household registry, as petitions' read model holds it)
 * casts one ballot — online by a member, or on paper entered by the building head (楼栋长) or grid
 * staff. Results and turnout are published to the area; the ProposalDecider freezes them once
 * voting has ended.
 */
@Injectable()
export class ProposalService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly orm: MikroORM,
    private readonly outbox: Outbox,
    private readonly proposals: ProposalRepository,
    private readonly households: HouseholdRepository,
    private readonly directory: DirectoryRepository,
  ) {}

  /** Staff of the area, or a resident whose household lies in it, opens a proposal; it and `proposal.created` commit together. */
  async create(actor: Actor | null, input: z.output<typeof CreateProposalInput>): Promise<ProposalView> {
    const a = requireActor(actor);
    const now = new Date();
    const household = await this.householdOf(a);
    const resident = household !== null && regionContains(input.region, household.region);
    if (!actorCan(a, PROPOSER_ROLES, input.region) && !resident) throw ProposalErrors.mayNotPropose();
    const votingEndsAt = new Date(input.votingEndsAt);
    if (votingEndsAt <= now) throw ProposalErrors.votingEndsInPast();
    return this.tx.run(async (em) => {
      const p = await this.proposals.insert(em, {
        id: randomUUID(),
        title: input.title,
        body: input.body,
        region: input.region,
        county: countyOf(input.region),
        quorum: input.quorum,
        discussionEndsAt: new Date(input.discussionEndsAt),
        votingEndsAt,
        createdBy: a.accountId,
        createdByPerson: a.personId,
        questions: input.questions.map((q) => ({ text: q.text, options: q.options, threshold: q.threshold })),
      });
      const v = proposalView(p, now);
      await this.outbox.add(em, { ...PetitionsEvents.proposalCreated, region: p.region, subjectId: p.id, data: { ...v } });
      return v;
    });
  }

  async get(actor: Actor | null, { id }: z.output<typeof GetProposalInput>): Promise<ProposalView> {
    return proposalView(await this.visible(requireActor(actor), id), new Date());
  }

  /** Proposals about the asked region (or any of the caller's), newest first. NOT_FOUND for a region the caller does not belong to. */
  async list(actor: Actor | null, input: z.output<typeof ListProposalsInput>): Promise<ProposalView[]> {
    const a = requireActor(actor);
    const regions = regionsOf(a, (await this.householdOf(a))?.region ?? null);
    if (input.region && !proposalVisibleTo(regions, input.region)) throw pathNotFound('region');
    const scope = overlapScope(regions);
    const rows = await this.proposals.list({ scope, area: input.region ? overlapScope([input.region]) : scope, limit: input.first });
    const now = new Date();
    return rows.map((p) => proposalView(p, now));
  }

  /**
   * The published result (结果公示): turnout and every question's count as they stand while voting
   * runs, frozen once the proposal is decided.
   */
  async result(actor: Actor | null, { id }: z.output<typeof GetProposalInput>): Promise<ProposalResultView> {
    const p = await this.visible(requireActor(actor), id);
    if (p.decidedAt) return p.result as ProposalResultView;
    const tally = await this.proposals.tally(this.orm.em.fork() as EntityManager, p);
    return resultOf(p, tally, stateOf(p, new Date()), null);
  }

  /** A member of a household in the area votes for it online, once per household. */
  async castVote(actor: Actor | null, input: z.output<typeof CastVoteInput>): Promise<BallotView> {
    const a = requireActor(actor);
    const household = await this.householdOf(a);
    return this.tx.run(async (em) => {
      const p = await this.openForBallots(em, a, household, input.proposalId);
      if (!household || !regionContains(p.region, household.region)) throw ProposalErrors.notAHouseholdInArea();
      return this.record(em, p, household, input.answers, { channel: 'online', castBy: a.accountId, castByPerson: a.personId, note: null });
    });
  }

  /**
   * A paper ballot (纸质选票) for a household of the area, entered by the head of its building — a
   * building-head steward (class 6) whose own household lives in that building — or by grid staff
   * of the building's region. Who entered it, when and the note stay on the ballot (append-only).
   */
  async enterPaperBallot(actor: Actor | null, input: z.output<typeof PaperBallotInput>): Promise<BallotView> {
    const a = requireActor(actor);
    const own = await this.householdOf(a);
    return this.tx.run(async (em) => {
      const h = await this.households.byId(em, input.householdId);
      // A household the caller's regions do not reach answers exactly as a missing one.
      if (!h || !proposalVisibleTo(regionsOf(a, own?.region ?? null), h.region)) throw notFound('household', input.householdId);
      const p = await this.openForBallots(em, a, own, input.proposalId);
      if (!regionContains(p.region, h.region)) throw ProposalErrors.householdOutsideArea();
      if (!actorCan(a, BALLOT_STAFF_ROLES, h.region) && !(await this.headsBuildingOf(em, a, own, h))) throw ProposalErrors.notBuildingHead();
      return this.record(em, p, h, input.answers, { channel: 'paper', castBy: a.accountId, castByPerson: a.personId, note: input.note ?? null });
    });
  }

  /** The household the caller is a member of, as grids last told petitions. */
  private householdOf(a: Actor): Promise<HouseholdRecord | null> {
    return a.personId ? this.households.ofPerson(a.personId) : Promise.resolve(null);
  }

  /** The proposal, if the caller belongs to a region its area overlaps: NOT_FOUND otherwise, exactly as for a missing one. */
  private async visible(a: Actor, id: string): Promise<ProposalRecord> {
    const p = await this.proposals.byId(id);
    if (!p || !proposalVisibleTo(regionsOf(a, (await this.householdOf(a))?.region ?? null), p.region)) throw notFound('proposal', id);
    return p;
  }

  /**
   * The proposal locked for a ballot, visible to the caller and in its voting window. The share
   * lock makes a ballot and the decision exclude each other: a ballot that commits before the
   * decider counts it is counted, one after it finds the proposal decided.
   */
  private async openForBallots(em: EntityManager, a: Actor, own: HouseholdRecord | null, id: string): Promise<ProposalRecord> {
    const p = await this.proposals.lock(em, id, 'share');
    if (!p || !proposalVisibleTo(regionsOf(a, own?.region ?? null), p.region)) throw notFound('proposal', id);
    const now = new Date();
    if (now < p.discussionEndsAt) throw ProposalErrors.votingNotOpen(p.discussionEndsAt);
    if (p.decidedAt || now >= p.votingEndsAt) throw ProposalErrors.votingClosed();
    return p;
  }

  /** The caller is a building head (楼栋长) living in the household's building. */
  private async headsBuildingOf(em: EntityManager, a: Actor, own: HouseholdRecord | null, h: HouseholdRecord): Promise<boolean> {
    if (!a.personId || !own || own.buildingId !== h.buildingId) return false;
    const steward = await this.directory.stewardByPerson(em, a.personId);
    return steward?.class === BUILDING_HEAD_CLASS;
  }

  /** Checks the answers against the questions, then records the household's one ballot and `proposal.vote-cast`. */
  private async record(
    em: EntityManager,
    p: ProposalRecord,
    h: HouseholdRecord,
    answers: readonly number[],
    by: Pick<VoteRecord, 'channel' | 'castBy' | 'castByPerson' | 'note'>,
  ): Promise<BallotView> {
    checkAnswers(p, answers);
    const vote = await this.proposals.insertVote(em, { id: randomUUID(), proposalId: p.id, householdId: h.id, householdRegion: h.region, answers, ...by });
    if (!vote) throw ProposalErrors.householdAlreadyVoted();
    const ballot = ballotView(vote, h);
    // Which household voted and how it was cast, never what it answered: the count is published, ballots are not.
    await this.outbox.add(em, {
      ...PetitionsEvents.voteCast,
      region: p.region,
      subjectId: p.id,
      data: { proposalId: p.id, householdId: h.id, channel: vote.channel, castAt: ballot.castAt },
    });
    return ballot;
  }
}

/** One answer per question, each the index of one of its options. */
function checkAnswers(p: ProposalRecord, answers: readonly number[]): void {
  const fields: { path: string; message: string }[] = [];
  if (answers.length !== p.questions.length) fields.push({ path: 'answers', message: `give ${p.questions.length} answers, one per question` });
  answers.forEach((a, i) => {
    const q = p.questions[i];
    if (q && a >= q.options.length) fields.push({ path: `answers.${i}`, message: `question ${i + 1} has ${q.options.length} options` });
  });
  if (fields.length) throw ProposalErrors.answerMismatch(fields);
}

export function proposalView(p: ProposalRecord, now: Date): ProposalView {
  return {
    id: p.id,
    title: p.title,
    body: p.body,
    region: p.region,
    state: stateOf(p, now),
    quorum: p.quorum,
    discussionEndsAt: p.discussionEndsAt.toISOString(),
    votingEndsAt: p.votingEndsAt.toISOString(),
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    questions: p.questions.map((q) => ({ text: q.text, options: q.options, threshold: q.threshold })),
    sourceDecisionId: p.sourceDecisionId,
  };
}

function ballotView(v: VoteRecord, h: HouseholdRecord): BallotView {
  return {
    proposalId: v.proposalId,
    householdId: v.householdId,
    householdNumber: h.number,
    channel: v.channel,
    answers: [...v.answers],
    castAt: v.castAt.toISOString(),
    castBy: v.castBy,
    note: v.note,
  };
}
