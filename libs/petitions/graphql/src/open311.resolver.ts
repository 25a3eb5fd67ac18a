import { PetitionsRpc, type ApiKeyView } from '@gov/petitions-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Open311Key } from './open311.types.js';

@Resolver(() => Open311Key)
export class Open311Resolver {
  @Query(() => [Open311Key], { description: 'The Open311 keys of every county you administer (county or city admins; FORBIDDEN otherwise), newest first, without the keys themselves.' })
  open311Keys(@Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ApiKeyView[]>(PetitionsRpc.open311Keys, {});
  }

  @Mutation(() => Open311Key, {
    description: "Issue an Open311 key for an integrator of the county (its county admins, or the city's; FORBIDDEN otherwise). The answer holds the key once: keep it, it cannot be shown again.",
  })
  issueOpen311Key(@Args('county') county: string, @Args('label') label: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ApiKeyView>(PetitionsRpc.open311KeyIssue, { county, label });
  }

  @Mutation(() => Open311Key, { description: "Stop an Open311 key at once. NOT_FOUND when missing or another county's, alike; CONFLICT WRONG_STATE when revoked already." })
  revokeOpen311Key(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ApiKeyView>(PetitionsRpc.open311KeyRevoke, { id });
  }
}
