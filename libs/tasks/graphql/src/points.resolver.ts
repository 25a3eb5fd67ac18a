import { TasksRpc, type AdjustmentView, type LedgerEntryView, type PointsView } from '@gov/tasks-contracts';
import type { Page } from '@gov/kernel';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { LedgerEntryConnection, Points, PointsAdjustment, RequestAdjustmentInput } from './points.types.js';

@Resolver(() => Points)
export class PointsResolver {
  @Query(() => Points, { description: 'Your points (enrolled stewards).' })
  myPoints(@Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PointsView>(TasksRpc.pointsMine, {});
  }

  @Query(() => LedgerEntryConnection, { description: "A steward's ledger (yours when stewardId is absent), newest first; with a period (2026, 2026-Q4, 2026-11) the earnings behind a ranking figure." })
  async pointsLedger(
    @Context() ctx: GqlContext,
    @Args('stewardId', { type: () => ID, nullable: true }) stewardId?: string | null,
    @Args('period', { type: () => String, nullable: true }) period?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<LedgerEntryView>>(TasksRpc.pointsLedger, { stewardId, period, first: first ?? undefined, after }));
  }

  @Query(() => [PointsAdjustment], { description: 'Adjustments of stewards in a region (pending ones unless pendingOnly is false), for its admins.' })
  pointsAdjustments(
    @Args('region') region: string,
    @Context() ctx: GqlContext,
    @Args('pendingOnly', { type: () => Boolean, nullable: true }) pendingOnly?: boolean | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<AdjustmentView[]>(TasksRpc.adjustments, { region, pendingOnly: pendingOnly ?? undefined, first: first ?? undefined });
  }

  @Mutation(() => PointsAdjustment, { description: "Admins of the steward's region ask for a correction with a reason; nothing moves until another admin approves." })
  requestPointsAdjustment(@Args('input') input: RequestAdjustmentInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<AdjustmentView>(TasksRpc.adjustmentRequest, input);
  }

  @Mutation(() => PointsAdjustment, { description: 'Another admin of the region approves (the points move) or rejects; never the requester.' })
  decidePointsAdjustment(@Args('id', { type: () => ID }) id: string, @Args('approve') approve: boolean, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<AdjustmentView>(TasksRpc.adjustmentDecide, { id, approve });
  }
}
