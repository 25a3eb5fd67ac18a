import { IdentityRpc, type RoleGrantView } from '@gov/identity-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Resolver } from '@nestjs/graphql';
import { GrantRoleInput, RoleGrant } from './role.types.js';

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
