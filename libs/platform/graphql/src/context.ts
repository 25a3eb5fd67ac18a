import { AppError, type Actor } from '@gov/kernel';
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
}

/** For operations that need a signed-in caller: the token's own error wins over "sign in first". */
export function requireSignedIn(ctx: GqlContext): Actor {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'sign in first', 'NO_TOKEN');
  return ctx.actor;
}
