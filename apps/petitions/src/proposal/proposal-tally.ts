import type { ProposalResultView, ProposalState, QuestionResultView } from '@gov/petitions-contracts';
import type { ProposalRecord, TallyRecord } from '@gov/petitions-data-access';

/** Quorums are stored to four decimals (numeric(5, 4)); compared in whole ten-thousandths, never in floating point. */
const QUORUM_SCALE = 10_000;

/** discussion until discussionEndsAt, then voting; decided once the sweep has counted it. */
export function stateOf(p: Pick<ProposalRecord, 'discussionEndsAt' | 'decidedAt'>, now: Date): ProposalState {
  if (p.decidedAt) return 'decided';
  return now >= p.discussionEndsAt ? 'voting' : 'discussion';
}

/**
 * Votes the first option needs. The base differs by threshold, on purpose:
 * - simple majority (简单多数): more than half of the households that VOTED — abstention is neutral;
 * - two thirds (三分之二, the old-compound renovation rule 四个三分之二): two thirds of the area's
 *   ELIGIBLE households, voted or not — a household that stays home counts as not agreeing, so a
 *   renovation cannot pass on a low turnout.
 * Whole numbers only: agree > voted / 2 ⇔ agree ≥ ⌊voted / 2⌋ + 1, and agree ≥ 2/3 · eligible ⇔ agree ≥ ⌈2 · eligible / 3⌉.
 */
export function requiredAgree(threshold: QuestionResultView['threshold'], t: Pick<TallyRecord, 'eligible' | 'voted'>): number {
  if (threshold === 'simple_majority') return Math.floor(t.voted / 2) + 1;
  return Math.max(1, Math.ceil((2 * t.eligible) / 3));
}

/**
 * The result of a proposal from its raw count. The quorum is the share of eligible households that
 * voted; a proposal nobody voted on never meets it. Adopted: the quorum met and every question
 * passed (its first option reached its threshold).
 */
export function resultOf(p: ProposalRecord, t: TallyRecord, state: ProposalState, decidedAt: Date | null): ProposalResultView {
  const questions = p.questions.map((q, i): QuestionResultView => {
    const counts = q.options.map((_, o) => t.counts[i]?.[o] ?? 0);
    const agree = counts[0] ?? 0;
    const needed = requiredAgree(q.threshold, t);
    return { text: q.text, options: q.options, threshold: q.threshold, counts, agreeShare: t.voted ? agree / t.voted : null, requiredAgree: needed, passed: agree >= needed };
  });
  const quorumMet = t.voted > 0 && t.voted * QUORUM_SCALE >= Math.round(p.quorum * QUORUM_SCALE) * t.eligible;
  return {
    proposalId: p.id,
    state,
    eligibleHouseholds: t.eligible,
    votedHouseholds: t.voted,
    paperBallots: t.paper,
    turnout: t.eligible ? t.voted / t.eligible : 0,
    quorumMet,
    questions,
    adopted: quorumMet && questions.every((q) => q.passed),
    decidedAt: decidedAt ? decidedAt.toISOString() : null,
  };
}
