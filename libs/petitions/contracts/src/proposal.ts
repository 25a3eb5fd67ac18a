/**
 * Residents' proposals (居民提案) and household votes: one vote per household of the affected
 * area (the grids household registry), a quorum, a threshold per question. Old-compound
 * renovation asks four questions, each needing two thirds (四个三分之二).
 */
import { idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

export const THRESHOLDS = ['simple_majority', 'two_thirds'] as const;
export type Threshold = (typeof THRESHOLDS)[number];
export const PROPOSAL_STATES = ['discussion', 'voting', 'decided'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export const MAX_QUESTIONS = 8;
export const MAX_OPTIONS = 6;

const QuestionInput = z.object({
  text: z.string().trim().min(1).max(200),
  /** Defaults to 同意 / 不同意. */
  options: z.array(z.string().trim().min(1).max(60)).min(2).max(MAX_OPTIONS).default(['同意', '不同意']),
  threshold: z.enum(THRESHOLDS).default('simple_majority'),
});

export const CreateProposalInput = z
  .object({
    title: z.string().trim().min(1).max(100),
    body: z.string().trim().min(1).max(5000),
    /** The affected area: a compound, grid or community; its households vote. */
    region: regionPath,
    questions: z.array(QuestionInput).min(1).max(MAX_QUESTIONS),
    /** Share of the area's households that must vote, 0–1 (default one half). */
    quorum: z.number().min(0).max(1).default(0.5),
    discussionEndsAt: z.iso.datetime({ offset: true }),
    votingEndsAt: z.iso.datetime({ offset: true }),
  })
  .refine((p) => Date.parse(p.discussionEndsAt) < Date.parse(p.votingEndsAt), { message: 'discussion must end before voting ends' });
export const GetProposalInput = z.object({ id });
export const ListProposalsInput = z.object({ region: regionPath.nullish(), first });
/** One answer per question, in order: the index of the chosen option. */
export const CastVoteInput = z.object({ proposalId: id, answers: z.array(z.number().int().min(0).max(MAX_OPTIONS - 1)).min(1).max(MAX_QUESTIONS) });
/** A paper ballot entered by the building head for a household of their building (audited). */
export const PaperBallotInput = z.object({
  proposalId: id,
  householdId: id,
  answers: z.array(z.number().int().min(0).max(MAX_OPTIONS - 1)).min(1).max(MAX_QUESTIONS),
  note: z.string().trim().max(200).nullish(),
});

export interface QuestionResultView {
  text: string;
  options: string[];
  threshold: Threshold;
  /** Votes per option, in order. */
  counts: number[];
  /** Share of votes cast for the first option (agree). */
  agreeShare: number | null;
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
  createdBy: string;
  createdAt: string;
  questions: { text: string; options: string[]; threshold: Threshold }[];
}

export interface ProposalResultView {
  proposalId: string;
  state: ProposalState;
  eligibleHouseholds: number;
  votedHouseholds: number;
  paperBallots: number;
  turnout: number;
  quorumMet: boolean;
  questions: QuestionResultView[];
  /** Every question passed and the quorum met (final once decided). */
  adopted: boolean;
}
