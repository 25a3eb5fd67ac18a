import { PetitionsRpc, type BallotView, type ProposalResultView, type ProposalView } from '@gov/petitions-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ballot, CastVoteInput, CreateProposalInput, PaperBallotInput, Proposal, ProposalResult } from './proposal.types.js';

/**
 * Residents' proposals (居民提案) and household votes: one ballot per household of the area (grids'
 * household registry), a quorum, a threshold per question; results published to the area.
 */
@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => Proposal, {
    description: "One proposal, for anyone who belongs to its area (residents, their households, staff of the region). NOT_FOUND when missing, another county's or another community's, alike.",
  })
  proposal(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ProposalView>(PetitionsRpc.proposalGet, { id });
  }

  @Query(() => [Proposal], { description: 'Proposals about a region (its area contains the region or lies in it) that you belong to, newest first. NOT_FOUND for a region outside yours.' })
  proposals(
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true, description: 'Default: every region you belong to.' }) region?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<ProposalView[]>(PetitionsRpc.proposalList, { region, first: first ?? undefined });
  }

  @Query(() => ProposalResult, {
    description: "The published result (结果公示): turnout and each question's count, live while voting runs and final once decided. For anyone who may read the proposal; NOT_FOUND otherwise.",
  })
  proposalResult(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ProposalResultView>(PetitionsRpc.proposalResult, { id });
  }

  @Mutation(() => Proposal, {
    description:
      "Open a proposal for an area: its grid workers and admins, or a resident whose household lies in it (FORBIDDEN otherwise). " +
      'Refused: VALIDATION for a region above community level, voting ending in the past or before the discussion, or a question without 2–6 options.',
  })
  createProposal(@Args('input') input: CreateProposalInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ProposalView>(PetitionsRpc.proposalCreate, {
      ...input,
      quorum: input.quorum ?? undefined,
      questions: input.questions.map((q) => ({ text: q.text, options: q.options ?? undefined, threshold: q.threshold ?? undefined })),
    });
  }

  @Mutation(() => Ballot, {
    description:
      "Vote for your household (one ballot per household, whichever member casts it). Refused: FORBIDDEN NOT_A_HOUSEHOLD_IN_AREA (no household of yours in the area); " +
      'CONFLICT VOTING_NOT_OPEN (still under discussion), VOTING_CLOSED, HOUSEHOLD_ALREADY_VOTED (online or on paper); VALIDATION ANSWER_MISMATCH; NOT_FOUND for a proposal you may not read.',
  })
  castVote(@Args('input') input: CastVoteInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<BallotView>(PetitionsRpc.voteCast, input);
  }

  @Mutation(() => Ballot, {
    description:
      "Enter a household's paper ballot: the head of its building (楼栋长, a class-6 steward living there) or grid staff of its region; who entered it, when and the note are kept. " +
      'Refused: FORBIDDEN NOT_BUILDING_HEAD; VALIDATION NOT_A_HOUSEHOLD_IN_AREA, ANSWER_MISMATCH; CONFLICT VOTING_NOT_OPEN, VOTING_CLOSED, HOUSEHOLD_ALREADY_VOTED; NOT_FOUND for a proposal you may not read.',
  })
  enterPaperBallot(@Args('input') input: PaperBallotInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<BallotView>(PetitionsRpc.paperBallotEnter, { ...input, note: input.note ?? undefined });
  }
}
