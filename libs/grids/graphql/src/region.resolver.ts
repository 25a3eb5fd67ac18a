import type { Page } from '@gov/kernel';
import { GridsRpc, type RegionView, type SubtreeCountView } from '@gov/grids-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { regionLoader } from './loaders.js';
import { CreateRegionInput, Region, RegionConnection, SubtreeCount, UpdateRegionInput } from './region.types.js';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { description: 'One node, if it lies in, above or below one of your regions.' })
  region(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionGet, { id });
  }

  @Query(() => Region, { description: 'One node by its path, e.g. jingmen/dongbao/longquan.' })
  regionByPath(@Args('region', { description: 'The path.' }) region: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionByPath, { path: region });
  }

  @Query(() => RegionConnection, { description: 'The children of a node, by path.' })
  async regionChildren(
    @Args('id', { type: () => ID }) id: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('includeArchived', { nullable: true }) includeArchived?: boolean,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<RegionView>>(GridsRpc.regionChildren, { id, first: first ?? undefined, after, includeArchived: includeArchived ?? undefined }));
  }

  @Query(() => SubtreeCount, { description: 'How many nodes of each level, and households, lie below a node.' })
  regionSubtreeCount(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<SubtreeCountView>(GridsRpc.regionSubtreeCount, { id });
  }

  @Mutation(() => Region, { description: 'Admins of the parent region (or above) only; a city needs a city admin.' })
  createRegion(@Args('input') input: CreateRegionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionCreate, input);
  }

  @Mutation(() => Region)
  updateRegion(@Args('input') input: UpdateRegionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionUpdate, input);
  }

  @Mutation(() => Region, { description: 'Re-parents a node; every path below it follows.' })
  moveRegion(@Args('id', { type: () => ID }) id: string, @Args('newParentId', { type: () => ID }) newParentId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionMove, { id, newParentId });
  }

  @Mutation(() => Region, { description: 'Archives a node with no active children; nodes are never deleted.' })
  archiveRegion(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionArchive, { id });
  }

  @ResolveField(() => Region, { nullable: true })
  parent(@Parent() r: RegionView, @Context() ctx: GqlContext) {
    return r.parentId ? ctx.loaders.get(regionLoader).load(r.parentId) : null;
  }
}
