import {
  DEFAULT_QUORUM,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  PROPOSAL_STATES,
  THRESHOLDS,
  VOTE_CHANNELS,
  type BallotView,
  type ProposalResultView,
  type ProposalState,
  type ProposalView,
  type QuestionResultView,
  type Threshold,
  type VoteChannel,
} from '@gov/petitions-contracts';
import { enumFromValues } from '@gov/platform-graphql';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const ProposalThresholdEnum = enumFromValues(THRESHOLDS);
registerEnumType(ProposalThresholdEnum, {
  name: 'ProposalThreshold',
  description:
    'How a question passes. simple_majority: more than half of the households that voted choose the first option. ' +
    "two_thirds: at least two thirds of the area's eligible households — voted or not — choose it (old-compound renovation, 四个三分之二).",
});
export const ProposalStateEnum = enumFromValues(PROPOSAL_STATES);
registerEnumType(ProposalStateEnum, {
  name: 'ProposalState',
  description: 'discussion (讨论) until discussionEndsAt → voting (表决) until votingEndsAt → decided (counted and published; final).',
});
export const VoteChannelEnum = enumFromValues(VOTE_CHANNELS);
registerEnumType(VoteChannelEnum, { name: 'VoteChannel', description: 'online: a member of the household voted; paper: a paper ballot (纸质选票) entered by the building head or grid staff.' });

@ObjectType({ description: 'One question of a ballot.' })
export class ProposalQuestion {
  @Field() text!: string;
  @Field(() => [String], { description: 'The options, in order; the first is the one the threshold counts (agree, or the proposed choice).' }) options!: string[];
  @Field(() => ProposalThresholdEnum) threshold!: Threshold;
}

@ObjectType({ description: "A residents' proposal (居民提案): discussed, then voted on by the households of its area, one ballot per household." })
export class Proposal implements ProposalView {
  @Field(() => ID) id!: string;
  @Field() title!: string;
  @Field() body!: string;
  @Field({ description: 'The affected area (a community, grid, compound or building): its households vote.' }) region!: string;
  @Field(() => ProposalStateEnum) state!: ProposalState;
  @Field(() => Float, { description: "Share of the area's households that must vote, 0–1." }) quorum!: number;
  @Field({ description: 'Voting opens then.' }) discussionEndsAt!: string;
  @Field({ description: 'Voting closes then; the proposal is decided shortly after.' }) votingEndsAt!: string;
  @Field(() => ID, { description: 'The account that opened it (staff of the area, or a resident living there).' }) createdBy!: string;
  @Field() createdAt!: string;
  @Field(() => [ProposalQuestion]) questions!: ProposalQuestion[];
  @Field(() => ID, { nullable: true, description: "The deliberation meeting's decision (议事会决定) that put it to the vote; null when a person opened it." }) sourceDecisionId!: string | null;
}

@ObjectType({ description: "One question's count." })
export class QuestionResult implements QuestionResultView {
  @Field() text!: string;
  @Field(() => [String]) options!: string[];
  @Field(() => ProposalThresholdEnum) threshold!: Threshold;
  @Field(() => [Int], { description: 'Households per option, in order.' }) counts!: number[];
  @Field(() => Float, { nullable: true, description: 'Share of the votes cast for the first option; null before anyone voted.' }) agreeShare!: number | null;
  @Field(() => Int, { description: 'Votes the first option needs to pass as the count stands (see ProposalThreshold for the base).' }) requiredAgree!: number;
  @Field() passed!: boolean;
}

@ObjectType({ description: 'The published result (结果公示): turnout and every question, live while voting runs, final once decided.' })
export class ProposalResult implements ProposalResultView {
  @Field(() => ID) proposalId!: string;
  @Field(() => ProposalStateEnum) state!: ProposalState;
  @Field(() => Int, { description: "Households of the area in grids' registry (and any that voted and moved out since)." }) eligibleHouseholds!: number;
  @Field(() => Int) votedHouseholds!: number;
  @Field(() => Int, { description: 'Of them, on paper.' }) paperBallots!: number;
  @Field(() => Float, { description: 'votedHouseholds / eligibleHouseholds.' }) turnout!: number;
  @Field() quorumMet!: boolean;
  @Field(() => [QuestionResult]) questions!: QuestionResult[];
  @Field({ description: 'The quorum met and every question passed.' }) adopted!: boolean;
  @Field(() => String, { nullable: true, description: 'When it was decided; the figures no longer change.' }) decidedAt!: string | null;
}

@ObjectType({ description: "A household's ballot, as its caster (or whoever entered the paper ballot) sees it." })
export class Ballot implements BallotView {
  @Field(() => ID) proposalId!: string;
  @Field(() => ID) householdId!: string;
  @Field({ description: 'The room number within its building, e.g. 2-301.' }) householdNumber!: string;
  @Field(() => VoteChannelEnum) channel!: VoteChannel;
  @Field(() => [Int], { description: "The chosen option's index, per question." }) answers!: number[];
  @Field() castAt!: string;
  @Field(() => ID, { description: 'The account that voted, or that entered the paper ballot.' }) castBy!: string;
  @Field(() => String, { nullable: true, description: "The paper ballot's note." }) note!: string | null;
}

@InputType()
export class ProposalQuestionInput {
  @Field({ description: '1–200 characters.' }) text!: string;
  @Field(() => [String], { nullable: true, description: `2–${MAX_OPTIONS} options of 1–60 characters; default 同意 / 不同意. The first is the one the threshold counts.` })
  options?: string[] | null;
  @Field(() => ProposalThresholdEnum, { nullable: true, description: 'Default simple_majority.' }) threshold?: Threshold | null;
}

@InputType()
export class CreateProposalInput {
  @Field({ description: '1–100 characters.' }) title!: string;
  @Field({ description: '1–5000 characters.' }) body!: string;
  @Field({ description: 'The affected area: a community, or a grid, compound or building in one.' }) region!: string;
  @Field(() => [ProposalQuestionInput], { description: `1–${MAX_QUESTIONS} questions, answered on one ballot.` }) questions!: ProposalQuestionInput[];
  @Field(() => Float, { nullable: true, description: `Share of the area's households that must vote, 0–1; default ${DEFAULT_QUORUM}.` }) quorum?: number | null;
  @Field({ description: 'ISO 8601 with offset. Voting opens then; a time already past opens it at once.' }) discussionEndsAt!: string;
  @Field({ description: 'ISO 8601 with offset, after discussionEndsAt and in the future.' }) votingEndsAt!: string;
}

@InputType()
export class CastVoteInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => [Int], { description: "One answer per question, in order: the chosen option's index (0 = the first)." }) answers!: number[];
}

@InputType()
export class PaperBallotInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => ID, { description: "A household of the proposal's area (grids' household id)." }) householdId!: string;
  @Field(() => [Int], { description: "One answer per question, in order: the chosen option's index, as marked on the paper ballot." }) answers!: number[];
  @Field(() => String, { nullable: true, description: 'At most 200 characters, kept with the ballot (e.g. who signed it).' }) note?: string | null;
}
