import { GridsRpc, type GridLayerView, type LayerGridView, type LocateView, type StaffView } from '@gov/grids-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Float, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AssignGridStaffInput, CreateGridLayerInput, CreateLayerGridInput, GridLayer, GridStaff, LayerGrid, Location } from './region.types.js';

@Resolver()
export class LayerResolver {
  @Query(() => [GridLayer])
  gridLayers(@Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<GridLayerView[]>(GridsRpc.layerList, {});
  }

  @Query(() => Location, { description: 'The node at every level, the grid of every layer and its people, for a point.' })
  locate(@Args('lat', { type: () => Float }) lat: number, @Args('lng', { type: () => Float }) lng: number, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<LocateView>(GridsRpc.locate, { lat, lng });
  }

  @Mutation(() => GridLayer, { description: 'City admins only.' })
  createGridLayer(@Args('input') input: CreateGridLayerInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<GridLayerView>(GridsRpc.layerCreate, input);
  }

  @Mutation(() => LayerGrid, { description: 'A grid of a layer other than the comprehensive one (whose grids are regions).' })
  createLayerGrid(@Args('input') input: CreateLayerGridInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<LayerGridView>(GridsRpc.layerGridCreate, input);
  }

  @Mutation(() => GridStaff)
  assignGridStaff(@Args('input') input: AssignGridStaffInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<StaffView>(GridsRpc.staffAssign, input);
  }

  @Mutation(() => GridStaff, { description: 'Ends a duty; the person leaves the team.' })
  endGridStaff(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<StaffView>(GridsRpc.staffEnd, { id });
  }
}
