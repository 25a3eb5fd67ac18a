import { AppError, type Page } from '@gov/kernel';
import { IdentityRpc, type StewardCard as StewardCardView, type StewardNumberView, type StewardView } from '@gov/identity-contracts';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { personLoader, stewardCardLoader, stewardLoader, unitLoader } from './loaders.js';
import { Person } from './person.types.js';
import { EnrollStewardInput, Steward, StewardCard, StewardConnection, StewardFilter, StewardNumber, UpdateStewardInput } from './steward.types.js';
import { Unit } from './unit.types.js';

@Resolver(() => Steward)
export class StewardResolver {
  @Mutation(() => Steward)
  enrollSteward(@Args('input') input: EnrollStewardInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<StewardView>(IdentityRpc.stewardEnroll, input);
  }

  @Mutation(() => Steward)
  updateSteward(@Args('input') input: UpdateStewardInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<StewardView>(IdentityRpc.stewardUpdate, input);
  }

  @Query(() => Steward)
  steward(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<StewardView>(IdentityRpc.stewardGet, { id });
  }

  @Query(() => StewardConnection, { description: 'Stewards in your regions, filtered by region, class and unit.' })
  async stewards(
    @Context() ctx: GqlContext,
    @Args('filter', { nullable: true }) filter?: StewardFilter,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<StewardView>>(IdentityRpc.stewardList, { ...filter, first: first ?? undefined, after }));
  }

  @ResolveField(() => Person, { nullable: true, description: 'Null when the person is outside your regions.' })
  person(@Parent() s: StewardView, @Context() ctx: GqlContext) {
    return ctx.loaders.get(personLoader).load(s.personId);
  }

  @ResolveField(() => Unit, { nullable: true })
  unit(@Parent() s: StewardView, @Context() ctx: GqlContext) {
    return ctx.loaders.get(unitLoader).load(s.unitId);
  }

  @ResolveField(() => Steward, { nullable: true, description: 'Superior in the sentinel chain.' })
  reportsTo(@Parent() s: StewardView, @Context() ctx: GqlContext) {
    return s.reportsToId ? ctx.loaders.get(stewardLoader).load(s.reportsToId) : null;
  }

  /** One request per steward: meant for a steward's own page, not for lists. */
  @ResolveField(() => [StewardNumber], { description: 'Every number this steward has held, oldest first; the last one is in use.' })
  numberHistory(@Parent() s: StewardView, @Context() ctx: GqlContext): Promise<StewardNumberView[]> {
    return ctx.call<StewardNumberView[]>(IdentityRpc.stewardNumberHistory, { id: s.id });
  }

  /** Through a loader: the cards of every steward in the response come in one request. */
  @ResolveField(() => StewardCard)
  async card(@Parent() s: StewardView, @Context() ctx: GqlContext): Promise<StewardCardView> {
    const card = await ctx.loaders.get(stewardCardLoader).load(s.id);
    // The parent was readable a moment ago; only a change in between (or a caller without a token) leaves no card.
    if (!card) throw new AppError('NOT_FOUND', `steward ${s.id} not found`);
    return card;
  }
}
