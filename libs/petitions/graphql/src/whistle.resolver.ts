import { PetitionsRpc, WHISTLE_ACK_HOURS, type WhistleView } from '@gov/petitions-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AcknowledgeWhistleInput, BlowWhistleInput, Whistle } from './whistle.types.js';

/** 社区吹哨、部门报到: a community summons a department to a petition; the department reports within a limit. */
@Resolver(() => Whistle)
export class WhistleResolver {
  @Query(() => [Whistle], {
    description: "Whistles of your communities, or summoning your department, newest first. NOT_FOUND for a region outside yours.",
  })
  whistles(
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true, description: 'A region subtree; default: every region you handle.' }) region?: string | null,
    @Args('open', { type: () => Boolean, nullable: true, description: 'true: only those not yet acknowledged; false: only acknowledged ones.' }) open?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<WhistleView[]>(PetitionsRpc.whistleList, { region, open, first: first ?? undefined });
  }

  @Mutation(() => Whistle, {
    description:
      `The petition's community (or above) summons a department of its county; it must report within ${WHISTLE_ACK_HOURS.normal} h (urgent: ${WHISTLE_ACK_HOURS.urgent} h). FORBIDDEN for anyone else. ` +
      'Refused: CONFLICT WHISTLE_NOT_COMMUNITY (the petition is above community level), WRONG_STATE (not being handled); VALIDATION UNKNOWN_DEPARTMENT; NOT_FOUND for a petition that is missing or another county’s.',
  })
  blowWhistle(@Args('input') input: BlowWhistleInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WhistleView>(PetitionsRpc.whistleBlow, { ...input, urgency: input.urgency ?? undefined });
  }

  @Mutation(() => Whistle, {
    description: "A department handler of the county reports for duty (报到), once (FORBIDDEN for anyone else). Refused: CONFLICT ALREADY_ACKNOWLEDGED; NOT_FOUND for a whistle that is missing or another county's.",
  })
  acknowledgeWhistle(@Args('input') input: AcknowledgeWhistleInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WhistleView>(PetitionsRpc.whistleAcknowledge, input);
  }
}
