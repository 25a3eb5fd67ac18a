import { PetitionsRpc, type PetitionView } from '@gov/petitions-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Petition, CreatePetitionInput } from './petition.types.js';

@Resolver(() => Petition)
export class PetitionResolver {
  @Query(() => Petition, { description: 'One petition, if it lies in, above or below one of your regions.' })
  petition(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionGet, { id });
  }

  @Mutation(() => Petition, { description: 'Admins of the region (or above) only.' })
  createPetition(@Args('input') input: CreatePetitionInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<PetitionView>(PetitionsRpc.petitionCreate, input);
  }
}
