import { IdentityRpc, type PersonView } from '@gov/identity-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Person, RegisterPersonInput } from './person.types.js';

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
