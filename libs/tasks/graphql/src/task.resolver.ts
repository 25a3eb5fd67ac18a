import { TasksRpc, type ClaimStatus, type ClaimView, type TaskView } from '@gov/tasks-contracts';
import type { Page } from '@gov/kernel';
import { LatLngInput, connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ClaimStatusEnum, PublishTaskInput, Task, TaskClaim, TaskClaimConnection, TaskSearchInput } from './task.types.js';

@Resolver(() => Task)
export class TaskResolver {
  @Query(() => Task, { description: 'One task, if it lies in, above or below one of your regions.' })
  task(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<TaskView>(TasksRpc.taskGet, { id });
  }

  @Query(() => [Task], { description: 'The map: tasks within a radius (nearest first), a box or a region subtree that you may see.' })
  tasksNear(@Args('search') search: TaskSearchInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<TaskView[]>(TasksRpc.taskSearch, { ...search, first: search.first ?? undefined });
  }

  @Query(() => [TaskClaim], { description: "A task's claims: all of them for its publisher and verifiers, your own otherwise." })
  taskClaims(@Args('taskId', { type: () => ID }) taskId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ClaimView[]>(TasksRpc.taskClaims, { taskId });
  }

  @Query(() => TaskClaimConnection, { description: 'Your claims, newest first.' })
  async myClaims(
    @Context() ctx: GqlContext,
    @Args('statuses', { type: () => [ClaimStatusEnum], nullable: true }) statuses?: ClaimStatus[] | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<ClaimView>>(TasksRpc.myClaims, { statuses, first: first ?? undefined, after }));
  }

  @Mutation(() => Task, { description: 'Stewards, grid workers and admins of the region; emergencies only grid workers and admins.' })
  publishTask(@Args('input') input: PublishTaskInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<TaskView>(TasksRpc.taskPublish, input);
  }

  @Mutation(() => Task, { description: 'The publisher or a verifier of the region; open claims are withdrawn.' })
  cancelTask(@Args('id', { type: () => ID }) id: string, @Args('reason') reason: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<TaskView>(TasksRpc.taskCancel, { id, reason });
  }

  @Mutation(() => TaskClaim, { description: 'Take a place on the task (enrolled stewards; never beyond capacity).' })
  claimTask(@Args('taskId', { type: () => ID }) taskId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ClaimView>(TasksRpc.taskClaim, { taskId });
  }

  @Mutation(() => TaskClaim, { description: 'Give your place back before submitting.' })
  withdrawClaim(@Args('taskId', { type: () => ID }) taskId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ClaimView>(TasksRpc.taskWithdraw, { taskId });
  }

  @Mutation(() => TaskClaim, { description: "Check in on the spot: counts only within the task's radius (50 m unless its place says otherwise)." })
  checkIn(@Args('taskId', { type: () => ID }) taskId: string, @Args('location', { type: () => LatLngInput }) location: LatLngInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ClaimView>(TasksRpc.taskCheckIn, { taskId, location });
  }

  @Mutation(() => TaskClaim, { description: 'Hand in the work with a note and photo references, once.' })
  submitTask(
    @Args('taskId', { type: () => ID }) taskId: string,
    @Args('note') note: string,
    @Context() ctx: GqlContext,
    @Args('photos', { type: () => [String], nullable: true }) photos?: string[] | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<ClaimView>(TasksRpc.taskSubmit, { taskId, note, photos: photos ?? undefined });
  }

  @Mutation(() => TaskClaim, { description: 'Approve (posts the points) or reject with a reason. Not your own work, nor that of someone who reports to you.' })
  verifyTask(
    @Args('claimId', { type: () => ID }) claimId: string,
    @Args('approve') approve: boolean,
    @Context() ctx: GqlContext,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<ClaimView>(TasksRpc.taskVerify, { claimId, approve, reason });
  }

  @Mutation(() => TaskClaim, { description: 'The publisher rates a verified completion, once; five stars add a bonus and a lottery voucher.' })
  rateTask(@Args('claimId', { type: () => ID }) claimId: string, @Args('stars', { type: () => Int }) stars: number, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ClaimView>(TasksRpc.taskRate, { claimId, stars });
  }
}
