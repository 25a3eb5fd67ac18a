import { MAX_STATS_PERIOD_DAYS, PetitionsRpc, type OverdueItemView, type PetitionStatsView } from '@gov/petitions-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import { OverduePetition, PetitionStats } from './stats.types.js';

@Resolver(() => PetitionStats)
export class StatsResolver {
  @Query(() => PetitionStats, {
    description:
      `Statistics of a region subtree over [from, to) (ISO 8601 instants, at most ${MAX_STATS_PERIOD_DAYS} days apart), for staff of the region or above it. ` +
      "FORBIDDEN for anyone else of its county; NOT_FOUND for another county's region; VALIDATION for a bad period.",
  })
  petitionStats(@Args('region') region: string, @Args('from') from: string, @Args('to') to: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionStatsView>(PetitionsRpc.statsGet, { region, from, to });
  }

  @Query(() => [OverduePetition], { description: 'Open petitions of a region subtree past their deadline, the most overdue first; the same access as petitionStats.' })
  overduePetitions(@Args('region') region: string, @Context() ctx: GqlContext, @Args('first', { type: () => Int, nullable: true }) first?: number | null) {
    requireSignedIn(ctx);
    return ctx.call<OverdueItemView[]>(PetitionsRpc.overdueList, { region, first: first ?? undefined });
  }
}
