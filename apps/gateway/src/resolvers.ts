import { type Page } from '@gov/kernel';
import { IdentityRpc, type AuditEntryView, type MeView, type PersonView, type RoleGrantView, type StewardCard as StewardCardView, type StewardView, type TokenPair, type UnitView } from '@gov/identity-contracts';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { requireSignedIn, type GqlContext } from './context.js';
import {
  AuditConnection,
  CreateUnitInput,
  EnrollStewardInput,
  GrantRoleInput,
  Me,
  Person,
  RegisterPersonInput,
  RoleGrant,
  Steward,
  StewardCard,
  StewardConnection,
  StewardFilter,
  TokenPayload,
  Unit,
  UnitConnection,
  UpdateStewardInput,
} from './types.js';

/** Resolvers only translate: every rule lives in the service behind the subject. */
const connection = <T>(page: Page<T>) => ({ items: page.items, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } });

@Resolver()
export class AccessResolver {
  @Mutation(() => TokenPayload, { description: 'Sign in with a username or mobile number and password.' })
  login(@Args('login') login: string, @Args('password') password: string, @Context() ctx: GqlContext) {
    return ctx.call<TokenPair>(IdentityRpc.login, { login, password });
  }

  @Mutation(() => TokenPayload, { description: 'Exchange a refresh token (once) for a new pair. Reusing one ends the whole login.' })
  refreshToken(@Args('refreshToken') refreshToken: string, @Context() ctx: GqlContext) {
    return ctx.call<TokenPair>(IdentityRpc.refresh, { refreshToken });
  }

  @Mutation(() => Boolean, { description: 'End the login the refresh token belongs to.' })
  logout(@Args('refreshToken') refreshToken: string, @Context() ctx: GqlContext) {
    return ctx.call<boolean>(IdentityRpc.logout, { refreshToken });
  }

  @Query(() => Me)
  me(@Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MeView>(IdentityRpc.me, {});
  }
}

@Resolver(() => Unit)
export class UnitResolver {
  @Query(() => UnitConnection, { description: 'Units visible in your regions, ordered by code.' })
  async units(
    @Context() ctx: GqlContext,
    @Args('region', { nullable: true }) region?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<UnitView>>(IdentityRpc.unitList, { region, first, after }));
  }

  @Mutation(() => Unit)
  createUnit(@Args('input') input: CreateUnitInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<UnitView>(IdentityRpc.unitCreate, input);
  }
}

@Resolver(() => Person)
export class PersonResolver {
  @Mutation(() => Person)
  registerPerson(@Args('input') input: RegisterPersonInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PersonView>(IdentityRpc.personRegister, input);
  }

  @Query(() => Person, { description: 'unmask: true shows phone and ID number in full to admins who may, and is audited.' })
  person(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext, @Args('unmask', { nullable: true, defaultValue: false }) unmask: boolean) {
    requireSignedIn(ctx);
    return ctx.call<PersonView>(IdentityRpc.personGet, { id, unmask });
  }
}

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
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<StewardView>>(IdentityRpc.stewardList, { ...filter, first, after }));
  }

  @ResolveField(() => Person, { nullable: true, description: 'Null when the person is outside your regions.' })
  person(@Parent() s: StewardView, @Context() ctx: GqlContext) {
    return ctx.persons.load(s.personId);
  }

  @ResolveField(() => Unit, { nullable: true })
  unit(@Parent() s: StewardView, @Context() ctx: GqlContext) {
    return ctx.units.load(s.unitId);
  }

  @ResolveField(() => Steward, { nullable: true, description: 'Superior in the sentinel chain.' })
  reportsTo(@Parent() s: StewardView, @Context() ctx: GqlContext) {
    return s.reportsToId ? ctx.stewards.load(s.reportsToId) : null;
  }

  @ResolveField(() => StewardCard)
  card(@Parent() s: StewardView, @Context() ctx: GqlContext) {
    return ctx.call<StewardCardView>(IdentityRpc.stewardCard, { id: s.id });
  }
}

@Resolver(() => RoleGrant)
export class RoleResolver {
  @Mutation(() => RoleGrant)
  grantRole(@Args('input') input: GrantRoleInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RoleGrantView>(IdentityRpc.roleGrant, input);
  }

  @Mutation(() => RoleGrant)
  revokeRole(@Args('grantId', { type: () => ID }) grantId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RoleGrantView>(IdentityRpc.roleRevoke, { grantId });
  }
}

@Resolver(() => AuditConnection)
export class AuditResolver {
  @Query(() => AuditConnection, { description: 'Audit entries of regions you administer, newest first.' })
  async auditLog(
    @Context() ctx: GqlContext,
    @Args('region', { nullable: true }) region?: string,
    @Args('targetId', { nullable: true }) targetId?: string,
    @Args('operation', { nullable: true }) operation?: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { nullable: true }) after?: string,
  ) {
    requireSignedIn(ctx);
    const page = await ctx.call<Page<AuditEntryView>>(IdentityRpc.auditList, { region, targetId, operation, first, after });
    return connection({ ...page, items: page.items.map((e) => ({ ...e, detail: e.detail ? JSON.stringify(e.detail) : null })) });
  }
}

export const resolvers = [AccessResolver, UnitResolver, PersonResolver, StewardResolver, RoleResolver, AuditResolver];
