import { AppError, type Actor } from '@gov/kernel';
import type { LiveContext } from './live.js';
import type { LoaderRegistry } from './loaders.js';

/** Per-request state every service's resolvers receive; the gateway builds it once per HTTP request. */
export interface GqlContext {
  actor: Actor | null;
  /** Set when a token was sent but failed verification; operations that need an actor rethrow it. */
  authError: AppError | null;
  /** Request-reply to a service as the calling actor. */
  call<T>(subject: string, input: unknown): Promise<T>;
  /** DataLoaders of this request only, so batching never mixes callers with different visibility. */
  loaders: LoaderRegistry;
  /** Subscriptions of this WebSocket connection (graphql-ws); absent over HTTP. */
  live?: LiveContext;
}

/** For operations that need a signed-in caller: the token's own error wins over "sign in first". */
export function requireSignedIn(ctx: GqlContext): Actor {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'sign in first', 'NO_TOKEN');
  return ctx.actor;
}

const needsWebSocket = () => new AppError('VALIDATION', 'subscriptions are served over WebSocket (graphql-ws protocol) on /graphql', 'SUBSCRIPTION_NEEDS_WEBSOCKET');

/** For subscription fields: they are served over the WebSocket (graphql-ws) only. */
export function requireLive(ctx: GqlContext): LiveContext {
  if (!ctx.live) throw needsWebSocket();
  return ctx.live;
}

/**
 * A subscription field's `resolve`: the pushed value itself. Over HTTP a subscription document is
 * executed like a query, with nothing pushed: refused as VALIDATION SUBSCRIPTION_NEEDS_WEBSOCKET.
 */
export function livePush<T>(value: T | undefined): T {
  if (value === undefined) throw needsWebSocket();
  return value;
}
