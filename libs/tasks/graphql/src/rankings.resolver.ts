import type { Page } from '@gov/kernel';
import {
  TasksRpc,
  type ExcellentStewardsView,
  type HonourConfigView,
  type MyRankView,
  type RankingEntryView,
  type RankingScope,
  type StewardStarsView,
  type UnitRankingEntryView,
  type UnitTiersView,
} from '@gov/tasks-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  ConfigureHonoursInput,
  ExcellentStewards,
  HonourConfig,
  MyRank,
  RankingConnection,
  RankingEntry,
  RankingScopeEnum,
  StewardStars,
  UnitRankingConnection,
  UnitTiers,
} from './rankings.types.js';

@Resolver(() => RankingEntry)
export class RankingsResolver {
  @Query(() => RankingConnection, {
    description:
      'A live ranking (排行榜) of a month (2026-11), quarter (2026-Q4) or year (2026): COMMUNITY needs `region` (a community), CLASS `class` and `region` (a county or community), UNIT `unitId`. For regions you work on, above or below.',
  })
  async rankings(
    @Args('scope', { type: () => RankingScopeEnum }) scope: RankingScope,
    @Args('period') period: string,
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true }) region?: string | null,
    @Args('class', { type: () => Int, nullable: true }) stewardClass?: number | null,
    @Args('unitId', { type: () => ID, nullable: true }) unitId?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<RankingEntryView>>(TasksRpc.rankings, { scope, period, region, class: stewardClass, unitId, first: first ?? undefined, after }));
  }

  @Query(() => MyRank, { description: 'Your place (enrolled stewards) in your community, your unit, or your class in your county (or your community as `region`).' })
  myRank(
    @Args('scope', { type: () => RankingScopeEnum }) scope: RankingScope,
    @Args('period') period: string,
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true }) region?: string | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<MyRankView>(TasksRpc.myRank, { scope, period, region });
  }

  @Query(() => UnitRankingConnection, { description: 'Units of a region that you may see, by score: the points their stewards earned over their members.' })
  async unitRankings(
    @Args('period') period: string,
    @Args('region') region: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<UnitRankingEntryView>>(TasksRpc.unitRankings, { period, region, first: first ?? undefined, after }));
  }

  @Query(() => StewardStars, { description: "A community's steward stars (红管家之星) of a month (2026-11): the top N of its ranking, ties at the cut included." })
  stewardStars(@Args('community') community: string, @Args('month') month: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<StewardStarsView>(TasksRpc.stewardStars, { community, month });
  }

  @Query(() => ExcellentStewards, { description: "A county's excellent stewards (优秀红管家) of a year (2026), with medals: chosen among the year's stars." })
  excellentStewards(@Args('county') county: string, @Args('year') year: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ExcellentStewardsView>(TasksRpc.excellentStewards, { county, year });
  }

  @Query(() => UnitTiers, { description: 'Unit tiers of a quarter (2026-Q4) in a region, by its county’s score lines, and the units under the pass line.' })
  async unitTiers(
    @Args('region') region: string,
    @Args('quarter') quarter: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    const v = await ctx.call<UnitTiersView>(TasksRpc.unitTiers, { region, quarter, first: first ?? undefined, after });
    return { ...v, units: connection(v.units) };
  }

  @Mutation(() => HonourConfig, { description: "The county's honour settings: its admin or the city's." })
  configureHonours(@Args('input') input: ConfigureHonoursInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<HonourConfigView>(TasksRpc.honourConfigSet, input);
  }
}
