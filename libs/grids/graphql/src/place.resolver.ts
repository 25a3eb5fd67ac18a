import { GridsRpc, type PlaceKind, type PlaceView } from '@gov/grids-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreatePlaceInput, Place, PlaceKindEnum, PlaceNearInput } from './place.types.js';

@Resolver(() => Place)
export class PlaceResolver {
  @Query(() => [Place], { description: 'Places below a node that you may see: by name, or nearest first within `near.radiusM`.' })
  places(
    @Args('regionId', { type: () => ID }) regionId: string,
    @Context() ctx: GqlContext,
    @Args('kinds', { type: () => [PlaceKindEnum], nullable: true }) kinds?: PlaceKind[] | null,
    @Args('near', { type: () => PlaceNearInput, nullable: true }) near?: PlaceNearInput | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<PlaceView[]>(GridsRpc.placeList, { regionId, kinds, near, first: first ?? undefined });
  }

  @Mutation(() => Place, { description: 'Admins of the node only.' })
  createPlace(@Args('input') input: CreatePlaceInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PlaceView>(GridsRpc.placeCreate, input);
  }
}
