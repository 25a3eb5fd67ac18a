import type { Page } from '@gov/kernel';
import {
  TasksRpc,
  type LotteryView,
  type MerchantView,
  type RedemptionStatus,
  type RedemptionView,
  type RewardItemView,
  type VoucherStatus,
  type VoucherView,
} from '@gov/tasks-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { taskLoader } from './loaders.js';
import {
  CreateMerchantInput,
  CreateRewardItemInput,
  DrawLotteryInput,
  LotteryDraw,
  Merchant,
  MerchantConnection,
  Redemption,
  RedemptionConnection,
  RedemptionStatusEnum,
  RestockRewardItemInput,
  RewardItem,
  Voucher,
  VoucherConnection,
  VoucherStatusEnum,
} from './rewards.types.js';
import { Task } from './task.types.js';

/** The red merchant alliance, the points supermarket and the voucher lotteries. */
@Resolver()
export class RewardsResolver {
  @Query(() => MerchantConnection, { description: "Merchants of a region's subtree with their rewards, by name: everyone working in the county sees them." })
  async merchants(
    @Args('region') region: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<MerchantView>>(TasksRpc.merchants, { region, first: first ?? undefined, after }));
  }

  @Query(() => RedemptionConnection, { description: 'Your redemptions (enrolled stewards), newest first, with their codes.' })
  async myRedemptions(
    @Context() ctx: GqlContext,
    @Args('statuses', { type: () => [RedemptionStatusEnum], nullable: true }) statuses?: RedemptionStatus[] | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<RedemptionView>>(TasksRpc.redemptionsMine, { statuses, first: first ?? undefined, after }));
  }

  @Query(() => VoucherConnection, { description: 'Your lottery vouchers (积分奖券), newest first.' })
  async myVouchers(
    @Context() ctx: GqlContext,
    @Args('statuses', { type: () => [VoucherStatusEnum], nullable: true }) statuses?: VoucherStatus[] | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<VoucherView>>(TasksRpc.vouchersMine, { statuses, first: first ?? undefined, after }));
  }

  @Query(() => LotteryDraw, { description: 'A draw with its seed, pool digest and winners, and a page of its pool, to re-verify it.' })
  lottery(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
    @Args('poolFirst', { type: () => Int, nullable: true }) poolFirst?: number | null,
    @Args('poolAfter', { type: () => String, nullable: true, description: 'A voucher id: the pool page after it (poolNextCursor).' }) poolAfter?: string | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<LotteryView>(TasksRpc.lotteryGet, { id, poolFirst: poolFirst ?? undefined, poolAfter });
  }

  @Mutation(() => Merchant, { description: 'Admins of the region (or above) only.' })
  createMerchant(@Args('input') input: CreateMerchantInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MerchantView>(TasksRpc.merchantCreate, input);
  }

  @Mutation(() => RewardItem, { description: "Admins of the merchant's region (or above) only." })
  createRewardItem(@Args('input') input: CreateRewardItemInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RewardItemView>(TasksRpc.rewardItemCreate, input);
  }

  @Mutation(() => RewardItem, { description: "Adds stock, or puts the item on or off the shelf; admins of the merchant's region only." })
  restockRewardItem(@Args('input') input: RestockRewardItemInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RewardItemView>(TasksRpc.rewardItemRestock, input);
  }

  @Mutation(() => Redemption, { description: 'Enrolled stewards redeem points for a reward of their county; CONFLICT INSUFFICIENT_POINTS or OUT_OF_STOCK changes nothing.' })
  redeem(@Args('itemId', { type: () => ID }) itemId: string, @Context() ctx: GqlContext, @Args('quantity', { type: () => Int, nullable: true }) quantity?: number | null) {
    requireSignedIn(ctx);
    return ctx.call<RedemptionView>(TasksRpc.redeem, { itemId, quantity: quantity ?? undefined });
  }

  @Mutation(() => Redemption, { description: "The merchant's contact person or an admin of its region confirms a code once (then CONFLICT WRONG_STATE)." })
  confirmRedemption(@Args('code') code: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RedemptionView>(TasksRpc.redemptionConfirm, { code });
  }

  @Mutation(() => LotteryDraw, { description: 'Admins of a county or street draw winners among the held vouchers issued there.' })
  drawLottery(@Args('input') input: DrawLotteryInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<LotteryView>(TasksRpc.lotteryDraw, input);
  }
}

@Resolver(() => Voucher)
export class VoucherResolver {
  @ResolveField(() => Task, { nullable: true, description: 'The task whose five-star completion issued it.' })
  task(@Parent() v: VoucherView, @Context() ctx: GqlContext) {
    return ctx.loaders.get(taskLoader).load(v.taskId);
  }
}
