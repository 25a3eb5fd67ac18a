import { IdentityRpc, type MeView, type TokenPair } from '@gov/identity-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Me, TokenPayload } from './access.types.js';

/** Sign-in needs no actor: these operations are how a caller gets one. */
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
