import { MediationRpc, type MediatorView, type OrganisationView } from '@gov/mediation-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AddMediatorInput, CreateMediationOrganisationInput, MediationOrganisation, Mediator, UpdateMediatorInput } from './organisation.types.js';

/** Mediation organisations (调解组织) and their mediators (调解员), kept by the admins of their regions. */
@Resolver(() => MediationOrganisation)
export class OrganisationResolver {
  @Query(() => [MediationOrganisation], { description: 'Mediation organisations of your regions, below them and above them (the street and county centres). NOT_FOUND for a region outside yours.' })
  mediationOrganisations(
    @Context() ctx: GqlContext,
    @Args('region', { type: () => String, nullable: true, description: 'A region subtree; default: every region you see.' }) region?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<OrganisationView[]>(MediationRpc.organisationList, { region, first: first ?? undefined });
  }

  @Query(() => [Mediator], { description: 'Mediators of an organisation or a region subtree you see. NOT_FOUND for a region outside yours; NOT_FOUND UNKNOWN_ORGANISATION for an organisation that is missing or not yours to see.' })
  mediators(
    @Context() ctx: GqlContext,
    @Args('organisationId', { type: () => ID, nullable: true }) organisationId?: string | null,
    @Args('region', { type: () => String, nullable: true, description: 'A region subtree; default: every region you see.' }) region?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    return ctx.call<MediatorView[]>(MediationRpc.mediatorList, { organisationId, region, first: first ?? undefined });
  }

  @Mutation(() => MediationOrganisation, {
    description:
      'Admins (community, street, county, city) of the region or above create an organisation serving it (FORBIDDEN otherwise). ' +
      'Refused: VALIDATION for a region that is not a grid, community, street or county node, or a kind at the wrong level (the one-stop centre serves a county, every other kind a grid, community or street); NOT_FOUND for a region outside yours.',
  })
  createMediationOrganisation(@Args('input') input: CreateMediationOrganisationInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<OrganisationView>(MediationRpc.organisationCreate, input);
  }

  @Mutation(() => Mediator, {
    description:
      "Admins of the organisation's region or above add a person as its mediator (FORBIDDEN otherwise). Refused: CONFLICT ALREADY_A_MEDIATOR (the person mediates for it already); NOT_FOUND UNKNOWN_ORGANISATION (missing or another county's).",
  })
  addMediator(@Args('input') input: AddMediatorInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    // Fields with a default in the contract must be left out, not sent as null.
    return ctx.call<MediatorView>(MediationRpc.mediatorAdd, { ...input, capacity: input.capacity ?? undefined });
  }

  @Mutation(() => Mediator, {
    description:
      "Admins of the organisation's region or above change a mediator's specialities, availability or capacity (FORBIDDEN otherwise). Refused: NOT_FOUND UNKNOWN_MEDIATOR (missing or another county's).",
  })
  updateMediator(@Args('input') input: UpdateMediatorInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediatorView>(MediationRpc.mediatorUpdate, input);
  }
}
