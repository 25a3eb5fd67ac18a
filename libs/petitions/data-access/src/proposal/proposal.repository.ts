import type { Threshold, VoteChannel } from '@gov/petitions-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface ProposalQuestionRecord {
  text: string;
  options: string[];
  threshold: Threshold;
}

export interface ProposalRecord {
  id: string;
  title: string;
  body: string;
  region: string;
  county: string;
  quorum: number;
  discussionEndsAt: Date;
  votingEndsAt: Date;
  createdBy: string;
  createdByPerson: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  adopted: boolean | null;
  /** The count frozen when the proposal was decided (a ProposalResultView); null until then. */
  result: unknown;
  questions: ProposalQuestionRecord[];
  /** The deliberation meeting's decision (mediation's) that opened it; null for one opened by a person. */
  sourceDecisionId: string | null;
}

export type NewProposal = Omit<ProposalRecord, 'createdAt' | 'decidedAt' | 'adopted' | 'result' | 'sourceDecisionId'> & { sourceDecisionId?: string | null };

export interface NewVote {
  id: string;
  proposalId: string;
  householdId: string;
  householdRegion: string;
  answers: readonly number[];
  channel: VoteChannel;
  castBy: string;
  castByPerson: string | null;
  note: string | null;
}

export interface VoteRecord extends NewVote {
  castAt: Date;
}

/** The raw count of a proposal: households, ballots, and votes per question and option. */
export interface TallyRecord {
  eligible: number;
  voted: number;
  paper: number;
  /** counts[question][option]; options nobody chose are absent (read as 0). */
  counts: number[][];
}

/**
 * The regions a caller sees proposals of. A proposal is visible when its area overlaps one of
 * them: `exact` lists the regions and all their ancestors (areas containing them), `below` the
 * patterns of areas lying inside them.
 */
export interface ProposalScope {
  exact: string[];
  below: string[];
}

const COLUMNS = `p.id, p.title, p.body, p.region, p.county, p.quorum, p.discussion_ends_at as "discussionEndsAt", p.voting_ends_at as "votingEndsAt",
  p.created_by as "createdBy", p.created_by_person as "createdByPerson", p.created_at as "createdAt", p.decided_at as "decidedAt", p.adopted, p.result,
  p.source_decision_id as "sourceDecisionId",
  coalesce((select json_agg(json_build_object('text', q.text, 'options', q.options, 'threshold', q.threshold) order by q.position)
            from {schema}.proposal_question q where q.proposal_id = p.id), '[]'::json) as questions`;

const BY_ID: HotRead = { name: 'petitions.proposal.byId', text: `select ${COLUMNS} from {schema}.proposal p where p.id = $1` };

/** Visible to the caller ($1 exact, $2 below) and overlapping the asked region ($3 exact, $4 below), newest first. */
const LIST: HotRead = {
  name: 'petitions.proposal.list',
  text: `select ${COLUMNS} from {schema}.proposal p
         where (p.region = any($1::text[]) or p.region like any($2::text[]))
           and (p.region = any($3::text[]) or p.region like any($4::text[]))
         order by p.created_at desc, p.id desc limit $5`,
};

/** A key of its own for the decider's advisory lock: one replica decides at a time. */
const DECIDER_LOCK = 'proposal-decider';

/** Proposals, their questions and the households' ballots. Reads of one proposal are prepared; writes run in the caller's transaction. */
@Injectable()
export class ProposalRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async insert(em: EntityManager, p: NewProposal): Promise<ProposalRecord> {
    await em.execute(
      `insert into ${this.s}.proposal (id, title, body, region, county, quorum, discussion_ends_at, voting_ends_at, created_by, created_by_person, source_decision_id)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [p.id, p.title, p.body, p.region, p.county, p.quorum, p.discussionEndsAt, p.votingEndsAt, p.createdBy, p.createdByPerson, p.sourceDecisionId ?? null],
    );
    // JSON keeps any text in the options intact (no array literal to escape).
    await em.execute(
      `insert into ${this.s}.proposal_question (proposal_id, position, text, options, threshold)
       select ?, q.position - 1, q.value->>'text', array(select jsonb_array_elements_text(q.value->'options')), q.value->>'threshold'
       from jsonb_array_elements(?::jsonb) with ordinality as q(value, position)`,
      [p.id, JSON.stringify(p.questions)],
    );
    const created = await this.lock(em, p.id, 'share');
    if (!created) throw new Error(`proposal ${p.id} vanished in its own transaction`);
    return created;
  }

  /** The proposal a meeting's decision opened, read in the caller's transaction; null when it opened none. */
  async bySourceDecision(em: EntityManager, decisionId: string): Promise<ProposalRecord | null> {
    const [row] = await em.execute<ProposalRecord[]>(
      `select ${COLUMNS.replaceAll('{schema}', this.s)} from ${this.s}.proposal p where p.source_decision_id = ?`,
      [decisionId],
    );
    return row ? record(row) : null;
  }

  async byId(id: string): Promise<ProposalRecord | null> {
    const [row] = await this.reads.rows<ProposalRecord>(BY_ID, [id]);
    return row ? record(row) : null;
  }

  async list(q: { scope: ProposalScope; area: ProposalScope; limit: number }): Promise<ProposalRecord[]> {
    const rows = await this.reads.rows<ProposalRecord>(LIST, [q.scope.exact, q.scope.below, q.area.exact, q.area.below, q.limit]);
    return rows.map(record);
  }

  /**
   * The proposal, locked until the transaction ends: `share` for a ballot (ballots of one proposal
   * go in side by side), `update` for the decision, which so waits for ballots being cast and
   * makes those that come after it see the decision.
   */
  async lock(em: EntityManager, id: string, mode: 'share' | 'update'): Promise<ProposalRecord | null> {
    const [row] = await em.execute<ProposalRecord[]>(
      `select ${COLUMNS.replaceAll('{schema}', this.s)} from ${this.s}.proposal p where p.id = ? for ${mode === 'share' ? 'share' : 'update'} of p`,
      [id],
    );
    return row ? record(row) : null;
  }

  /** Records the household's ballot; null when the household has voted on this proposal already (nothing changes). */
  async insertVote(em: EntityManager, v: NewVote): Promise<VoteRecord | null> {
    const [row] = await em.execute<{ castAt: Date }[]>(
      `insert into ${this.s}.vote (id, proposal_id, household_id, household_region, answers, channel, cast_by, cast_by_person, note)
       values (?, ?, ?, ?, ?::smallint[], ?, ?, ?, ?)
       on conflict (proposal_id, household_id) do nothing
       returning cast_at as "castAt"`,
      [v.id, v.proposalId, v.householdId, v.householdRegion, `{${v.answers.map((a) => String(Math.trunc(a))).join(',')}}`, v.channel, v.castBy, v.castByPerson, v.note],
    );
    return row ? { ...v, castAt: new Date(row.castAt) } : null;
  }

  /**
   * The count as it stands. Eligible are the households of the area in the registry now, plus any
   * that voted and have moved out since: a ballot cast by an eligible household stays counted, and
   * its household in the base, so turnout never exceeds one.
   */
  async tally(em: EntityManager, p: { id: string; region: string }): Promise<TallyRecord> {
    const [totals] = await em.execute<{ eligible: string; voted: string; paper: string }[]>(
      `select (select count(*) from (
                 select h.id from ${this.s}.household_ref h where h.region = ? or h.region like ?
                 union
                 select v.household_id from ${this.s}.vote v where v.proposal_id = ?) e) as eligible,
              count(*) as voted,
              count(*) filter (where channel = 'paper') as paper
       from ${this.s}.vote where proposal_id = ?`,
      [p.region, `${p.region}/%`, p.id, p.id],
    );
    const cells = await em.execute<{ question: number; option: number; n: string }[]>(
      `select (a.position - 1)::int as question, a.option::int as option, count(*) as n
       from ${this.s}.vote v cross join lateral unnest(v.answers) with ordinality as a(option, position)
       where v.proposal_id = ? group by 1, 2`,
      [p.id],
    );
    const counts: number[][] = [];
    for (const c of cells) (counts[c.question] ??= [])[c.option] = Number(c.n);
    return { eligible: Number(totals!.eligible), voted: Number(totals!.voted), paper: Number(totals!.paper), counts };
  }

  /**
   * Takes the decider's lock for this transaction if no other replica holds it; false when one
   * does (it is deciding right now, so this replica has nothing to do).
   */
  async tryDeciderLock(em: EntityManager): Promise<boolean> {
    const [row] = await em.execute<{ locked: boolean }[]>(`select pg_try_advisory_xact_lock(hashtext(?)) as locked`, [`${this.schema}:${DECIDER_LOCK}`]);
    return row!.locked;
  }

  /**
   * Up to `limit` undecided proposals whose voting ended at or before `now`, locked for their
   * decision. A proposal with a ballot still committing (its share lock) is skipped and decided on
   * the next pass, that ballot included.
   */
  async lockDue(em: EntityManager, now: Date, limit: number): Promise<ProposalRecord[]> {
    const rows = await em.execute<ProposalRecord[]>(
      `select ${COLUMNS.replaceAll('{schema}', this.s)} from ${this.s}.proposal p
       where p.decided_at is null and p.voting_ends_at <= ?
       order by p.voting_ends_at, p.id limit ? for update of p skip locked`,
      [now, limit],
    );
    return rows.map(record);
  }

  /** Freezes the count; false when the proposal was decided already (nothing changes). */
  async decide(em: EntityManager, id: string, at: Date, adopted: boolean, result: object): Promise<boolean> {
    const res = await em.execute<{ affectedRows: number }>(
      `update ${this.s}.proposal set decided_at = ?, adopted = ?, result = ?::jsonb where id = ? and decided_at is null`,
      [at, adopted, JSON.stringify(result), id],
      'run',
    );
    return res.affectedRows === 1;
  }
}

function record(r: ProposalRecord): ProposalRecord {
  const date = (d: Date | string) => new Date(d);
  return {
    ...r,
    quorum: Number(r.quorum),
    discussionEndsAt: date(r.discussionEndsAt),
    votingEndsAt: date(r.votingEndsAt),
    createdAt: date(r.createdAt),
    decidedAt: r.decidedAt === null ? null : date(r.decidedAt),
  };
}
