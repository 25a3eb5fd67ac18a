import { MediationRpc, type MediationCaseView } from '@gov/mediation-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { MediationCase, CreateMediationCaseInput } from './mediation-case.types.js';

@Resolver(() => MediationCase)
export class MediationCaseResolver {
  @Query(() => MediationCase, { description: 'One mediation case, if it lies in, above or below one of your regions.' })
  mediationCase(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.mediationCaseGet, { id });
  }

  @Mutation(() => MediationCase, { description: 'Admins of the region (or above) only.' })
  createMediationCase(@Args('input') input: CreateMediationCaseInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<MediationCaseView>(MediationRpc.mediationCaseCreate, input);
  }
}
