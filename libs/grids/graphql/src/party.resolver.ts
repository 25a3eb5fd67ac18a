import { GridsRpc, type PartyOrgView } from '@gov/grids-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CreatePartyOrgInput, PartyOrg } from './party.types.js';

@Resolver(() => PartyOrg)
export class PartyResolver {
  @Query(() => [PartyOrg], { description: "The party organisation overlay (党组织) on a node's subtree, parents first, each with its party-member central households." })
  partyOrgs(@Args('regionId', { type: () => ID }) regionId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PartyOrgView[]>(GridsRpc.partyOrgList, { regionId });
  }

  @Mutation(() => PartyOrg, { description: 'Admins of the node: a party organisation whose kind fits the node, under the organisation of the level above.' })
  createPartyOrg(@Args('input') input: CreatePartyOrgInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PartyOrgView>(GridsRpc.partyOrgCreate, input);
  }

  @Mutation(() => PartyOrg, { description: "Links a party-member central head living on the group's node to a building or village-group party group (党员中心户)." })
  linkCentralHeadToParty(@Args('centralHeadId', { type: () => ID }) centralHeadId: string, @Args('partyOrgId', { type: () => ID }) partyOrgId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PartyOrgView>(GridsRpc.partyOrgLinkCentralHead, { centralHeadId, partyOrgId });
  }
}
