import { IdentityRpc, type MeView, type TokenPair } from '@gov/identity-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { isIP } from 'node:net';
import { Me, TokenPayload } from './access.types.js';

/** Sign-in needs no actor: these operations are how a caller gets one. */
@Resolver()
export class AccessResolver {
  /**
   * Identity throttles failed sign-ins per account and per client address, so the address goes
   * along: Express's `req.ip`, which honours X-Forwarded-For only from the proxies the gateway
   * trusts (apps/gateway/src/app.ts).
   */
  @Mutation(() => TokenPayload, { description: 'Sign in with a username or mobile number and password. Repeated failures are refused for a while (UNAUTHENTICATED, reason TOO_MANY_ATTEMPTS, retryAfterSeconds).' })
  login(@Args('login') login: string, @Args('password') password: string, @Context() ctx: GqlContext, @Context('req') req?: { ip?: string }) {
    return ctx.call<TokenPair>(IdentityRpc.login, { login, password, clientAddress: clientAddress(req?.ip) });
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

/** `::ffff:10.1.2.3` → `10.1.2.3`; anything that is not an IP address is left out. */
export function clientAddress(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  const v4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
  const address = v4 ?? ip;
  return isIP(address) ? address : undefined;
}
