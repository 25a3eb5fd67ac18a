import { TasksRpc, type DutySummaryView } from '@gov/tasks-contracts';
import { LatLngInput, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DutySummary } from './duty.types.js';

@Resolver(() => DutySummary)
export class DutyResolver {
  @Mutation(() => DutySummary, {
    description:
      "Enrolled stewards: a duty check-in at an office or party-mass centre of your home community, within its radius (50 m unless set), once a day. Answers the year's tally.",
  })
  dutyCheckIn(@Args('placeId', { type: () => ID }) placeId: string, @Args('location', { type: () => LatLngInput }) location: LatLngInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<DutySummaryView>(TasksRpc.dutyCheckIn, { placeId, location });
  }

  @Query(() => DutySummary, { description: "A year's duty check-ins: yours, or (by stewardId) a steward's in a region where you are a grid worker or admin." })
  dutyCheckIns(@Args('year', { type: () => Int }) year: number, @Context() ctx: GqlContext, @Args('stewardId', { type: () => ID, nullable: true }) stewardId?: string | null) {
    requireSignedIn(ctx);
    return ctx.call<DutySummaryView>(TasksRpc.dutyCheckIns, { year, stewardId });
  }
}
