import { TasksRpc, type MicroWishStatsView, type MicroWishStatus, type MicroWishView, type TaskView } from '@gov/tasks-contracts';
import type { Page } from '@gov/kernel';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { taskLoader } from './loaders.js';
import { MicroWish, MicroWishConnection, MicroWishStats, MicroWishStatusEnum, PostMicroWishInput } from './micro-wish.types.js';
import { Task } from './task.types.js';

@Resolver(() => MicroWish)
export class MicroWishResolver {
  @Query(() => MicroWishConnection, { description: 'The micro-wish board: wishes in the region subtree that you may see, newest first.' })
  async microWishes(
    @Args('region') region: string,
    @Context() ctx: GqlContext,
    @Args('status', { type: () => MicroWishStatusEnum, nullable: true }) status?: MicroWishStatus | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<MicroWishView>>(TasksRpc.microWishes, { region, status, first: first ?? undefined, after }));
  }

  @Query(() => MicroWishStats, { description: 'Micro-wishes collected and confirmed per community under the region.' })
  microWishStats(@Args('region') region: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MicroWishStatsView>(TasksRpc.microWishStats, { region });
  }

  @Mutation(() => MicroWish, { description: 'Post a micro-wish (anyone with a role on the region, residents included); stewards take it as a task.' })
  postMicroWish(@Args('input') input: PostMicroWishInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MicroWishView>(TasksRpc.microWishPost, input);
  }

  @Mutation(() => MicroWish, { description: "The resident who posted it confirms the steward's work with 1–5 stars: the steward's points, and for five stars a bonus and a voucher." })
  confirmMicroWish(@Args('id', { type: () => ID }) id: string, @Args('stars', { type: () => Int }) stars: number, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MicroWishView>(TasksRpc.microWishConfirm, { id, stars });
  }

  @ResolveField(() => Task, { nullable: true, description: 'Its task (claims, check-in, submission).' })
  task(@Parent() w: MicroWishView, @Context() ctx: GqlContext): Promise<TaskView | null> {
    return ctx.loaders.get(taskLoader).load(w.taskId);
  }
}
