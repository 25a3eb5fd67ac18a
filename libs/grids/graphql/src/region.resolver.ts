import { GridsRpc, type RegionView } from '@gov/grids-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Region, CreateRegionInput } from './region.types.js';

@Resolver(() => Region)
export class RegionResolver {
  @Query(() => Region, { description: 'One region, if it lies in, above or below one of your regions.' })
  region(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionGet, { id });
  }

  @Mutation(() => Region, { description: 'Admins of the region (or above) only.' })
  createRegion(@Args('input') input: CreateRegionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionView>(GridsRpc.regionCreate, input);
  }
}
