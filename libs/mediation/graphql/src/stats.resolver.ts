import { MediationRpc, type DisputeCategory, type MediationStatsView, type StatsGrouping } from '@gov/mediation-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { DisputeCategoryEnum } from './organisation.types.js';
import { MediationStats, MediationStatsGroupingEnum } from './stats.types.js';

@Resolver(() => MediationStats)
export class MediationStatsResolver {
  @Query(() => MediationStats, {
    description:
      'Live statistics of the cases opened in a region subtree over [from, to): taken, resolved, success rate, days to agreement, grouped as asked. ' +
      'For staff (grid workers, mediators, admins) of the region or above it; NOT_FOUND for anyone else. VALIDATION for a day that does not exist, to not after from, or too long a period.',
  })
  mediationStats(
    @Args('region', { description: 'A county or a region below it (the city for city admins).' }) region: string,
    @Context() ctx: GqlContext,
    @Args('from', { type: () => String, nullable: true, description: 'Opened on or after, YYYY-MM-DD; default 12 months back.' }) from?: string | null,
    @Args('to', { type: () => String, nullable: true, description: 'Opened before (exclusive), YYYY-MM-DD; default tomorrow.' }) to?: string | null,
    @Args('category', { type: () => DisputeCategoryEnum, nullable: true }) category?: DisputeCategory | null,
    @Args('groupBy', { type: () => MediationStatsGroupingEnum, nullable: true, description: 'Default month.' }) groupBy?: StatsGrouping | null,
  ) {
    requireSignedIn(ctx);
    // Fields with a default in the contract must be left out, not sent as null.
    return ctx.call<MediationStatsView>(MediationRpc.statsGet, { region, from, to, category, groupBy: groupBy ?? undefined });
  }
}
