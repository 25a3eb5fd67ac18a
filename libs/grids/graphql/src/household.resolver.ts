import type { Page } from '@gov/kernel';
import { GridsRpc, type CentralHeadCoverageView, type CentralHeadView, type HouseholdView, type RegionView } from '@gov/grids-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AddHouseholdMemberInput,
  AppointCentralHeadInput,
  CentralHead,
  CentralHeadCoverage,
  Household,
  HouseholdConnection,
  LinkToCentralHeadInput,
  MoveHouseholdInput,
  RegisterHouseholdInput,
} from './household.types.js';
import { regionLoader } from './loaders.js';
import { Region } from './region.types.js';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => HouseholdConnection, { description: 'Households below a node (building, grid, community…), for people working on it or above; not for residents.' })
  async households(
    @Args('regionId', { type: () => ID }) regionId: string,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<HouseholdView>>(GridsRpc.householdList, { regionId, first: first ?? undefined, after }));
  }

  @Mutation(() => Household, { description: 'Admins of the region, or its grid worker.' })
  registerHousehold(@Args('input') input: RegisterHouseholdInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<HouseholdView>(GridsRpc.householdRegister, input);
  }

  @Mutation(() => Household)
  moveHousehold(@Args('input') input: MoveHouseholdInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<HouseholdView>(GridsRpc.householdMove, input);
  }

  @Mutation(() => Household)
  addHouseholdMember(@Args('input') input: AddHouseholdMemberInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<HouseholdView>(GridsRpc.householdAddMember, input);
  }

  @Mutation(() => CentralHead, { description: "Appoints a member of the household as a central-household head (中心户长); the household is linked to them." })
  appointCentralHead(@Args('input') input: AppointCentralHeadInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<CentralHeadView>(GridsRpc.centralHeadAppoint, input);
  }

  @Mutation(() => CentralHead, { description: "Links households of the head's community to the head (十户一联)." })
  linkToCentralHead(@Args('input') input: LinkToCentralHeadInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<CentralHeadView>(GridsRpc.centralHeadLink, input);
  }

  @Query(() => CentralHeadCoverage, { description: 'How many households below a node have a central-household head, and which do not.' })
  centralHeadCoverage(@Args('regionId', { type: () => ID }) regionId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<CentralHeadCoverageView>(GridsRpc.centralHeadCoverage, { regionId });
  }

  @ResolveField(() => Region, { nullable: true })
  building(@Parent() h: HouseholdView, @Context() ctx: GqlContext): Promise<RegionView | null> {
    return ctx.loaders.get(regionLoader).load(h.buildingId);
  }
}
