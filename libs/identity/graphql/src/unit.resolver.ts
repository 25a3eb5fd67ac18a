import type { Page } from '@gov/kernel';
import { IdentityRpc, type UnitView } from '@gov/identity-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreateUnitInput, Unit, UnitConnection } from './unit.types.js';

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => UnitConnection, { description: 'Units visible in your regions, ordered by code.' })
  async units(
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true }) region?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<UnitView>>(IdentityRpc.unitList, { region: region ?? undefined, first: first ?? undefined, after }));
  }

  @Mutation(() => Unit)
  createUnit(@Args('input') input: CreateUnitInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<UnitView>(IdentityRpc.unitCreate, input);
  }
}
