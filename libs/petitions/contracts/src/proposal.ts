/**
 * Residents' proposals (居民提案) and household votes: one vote per household of the affected
 * area (the grids household registry), a quorum, a threshold per question. Old-compound
 * renovation asks four questions, each needing two thirds (四个三分之二).
 */
import { idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * How a question passes, and the base each threshold counts against:
 * - `simple_majority`: more than half of the households that voted choose the first option;
 * - `two_thirds`: at least two thirds of the area's ELIGIBLE households (voted or not) choose it —
 *   the old-compound renovation rule (四个三分之二), where staying home counts as not agreeing.
 */
export const THRESHOLDS = ['simple_majority', 'two_thirds'] as const;
export type Threshold = (typeof THRESHOLDS)[number];
/** discussion (讨论) until discussionEndsAt, then voting (表决) until votingEndsAt, then decided once the sweep has counted it. */
export const PROPOSAL_STATES = ['discussion', 'voting', 'decided'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
/** `online`: a member of the household voted; `paper`: a paper ballot (纸质选票) entered by the building head or grid staff. */
export const VOTE_CHANNELS = ['online', 'paper'] as const;
export type VoteChannel = (typeof VOTE_CHANNELS)[number];
export const MAX_QUESTIONS = 8;
export const MAX_OPTIONS = 6;
/** Share of the area's households that must vote when the proposal names none. */
export const DEFAULT_QUORUM = 0.5;
/** The affected area is a community (city/county/street/community) or something inside it: a grid, compound or building. */
export const PROPOSAL_AREA_MIN_DEPTH = 4;

const QuestionInput = z.object({
  text: z.string().trim().min(1).max(200),
  /** Defaults to 同意 / 不同意. The first option is the one the threshold counts (agree, or the proposed choice). */
  options: z.array(z.string().trim().min(1).max(60)).min(2).max(MAX_OPTIONS).default(['同意', '不同意']),
  threshold: z.enum(THRESHOLDS).default('simple_majority'),
});

export const CreateProposalInput = z
  .object({
    title: z.string().trim().min(1).max(100),
    body: z.string().trim().min(1).max(5000),
    /** The affected area: a community, grid, compound or building; its households vote. */
    region: regionPath.refine((p) => p.split('/').length >= PROPOSAL_AREA_MIN_DEPTH, { message: 'must be a community or a grid, compound or building inside one' }),
    questions: z.array(QuestionInput).min(1).max(MAX_QUESTIONS),
    /** Share of the area's households that must vote, 0–1 (default one half). */
    quorum: z.number().min(0).max(1).default(DEFAULT_QUORUM),
    /** Voting opens then; a time already past opens it at once (the discussion was held elsewhere, e.g. at a meeting). */
    discussionEndsAt: z.iso.datetime({ offset: true }),
    /** Must lie in the future. */
    votingEndsAt: z.iso.datetime({ offset: true }),
  })
  .refine((p) => Date.parse(p.discussionEndsAt) < Date.parse(p.votingEndsAt), { message: 'discussion must end before voting ends', path: ['votingEndsAt'] });
export const GetProposalInput = z.object({ id });
/** Proposals whose area overlaps `region` (contains it or lies in it); without one, those of all the caller's regions. Newest first. */
export const ListProposalsInput = z.object({ region: regionPath.nullish(), first });
const answers = z.array(z.number().int().min(0).max(MAX_OPTIONS - 1)).min(1).max(MAX_QUESTIONS);
/** One answer per question, in order: the index of the chosen option. */
export const CastVoteInput = z.object({ proposalId: id, answers });
/** A paper ballot entered by the building head for a household of their building (audited). */
export const PaperBallotInput = z.object({
  proposalId: id,
  householdId: id,
  answers,
  note: z.string().trim().max(200).nullish(),
});

export type CreateProposalInput = z.input<typeof CreateProposalInput>;
export type GetProposalInput = z.input<typeof GetProposalInput>;
export type ListProposalsInput = z.input<typeof ListProposalsInput>;
export type CastVoteInput = z.input<typeof CastVoteInput>;
export type PaperBallotInput = z.input<typeof PaperBallotInput>;

export interface QuestionResultView {
  text: string;
  options: string[];
  threshold: Threshold;
  /** Votes per option, in order. */
  counts: number[];
  /** Share of votes cast for the first option (agree); null before anyone voted. */
  agreeShare: number | null;
  /**
   * Votes the first option needs to pass as the count stands: more than half of the votes cast
   * (simple majority), or two thirds of the eligible households (two thirds).
   */
  requiredAgree: number;
  passed: boolean;
}

export interface ProposalView {
  id: string;
  title: string;
  body: string;
  region: string;
  state: ProposalState;
  quorum: number;
  discussionEndsAt: string;
  votingEndsAt: string;
  /** The account that created it (staff, or a resident of the area). */
  createdBy: string;
  createdAt: string;
  questions: { text: string; options: string[]; threshold: Threshold }[];
  /** The deliberation meeting's decision (议事会决定, mediation's) that put it to the vote; null when a person opened it. */
  sourceDecisionId: string | null;
}

export interface ProposalResultView {
  proposalId: string;
  state: ProposalState;
  /** Households of the area in grids' registry, and any that voted and have moved out since. */
  eligibleHouseholds: number;
  votedHouseholds: number;
  paperBallots: number;
  /** votedHouseholds / eligibleHouseholds (0 with no households). */
  turnout: number;
  quorumMet: boolean;
  questions: QuestionResultView[];
  /** Every question passed and the quorum met (final once decided). */
  adopted: boolean;
  /** When the sweep counted it; the figures no longer change from then on. */
  decidedAt: string | null;
}

/** One household's ballot, as its caster (or the building head who entered it) sees it. */
export interface BallotView {
  proposalId: string;
  householdId: string;
  /** The household's room number within its building, e.g. 2-301. */
  householdNumber: string;
  channel: VoteChannel;
  answers: number[];
  castAt: string;
  /** The account that voted online, or that entered the paper ballot. */
  castBy: string;
  /** The paper ballot's note (e.g. "户主签字的纸质选票"); null online. */
  note: string | null;
}
