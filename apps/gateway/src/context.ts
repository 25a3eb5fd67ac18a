import { AppError, type Actor } from '@gov/kernel';
import { IdentityRpc, type PersonView, type StewardView, type UnitView } from '@gov/identity-contracts';
import type { JwtVerifier } from '@gov/platform-auth';
import { getMany, type RpcClient } from '@gov/platform-messaging';
import DataLoader from 'dataloader';
import type { Request } from 'express';

/** Per-request state: who is calling and DataLoaders that batch reads within this request only. */
export interface GqlContext {
  actor: Actor | null;
  /** Set when a token was sent but failed verification; operations that need an actor rethrow it. */
  authError: AppError | null;
  call<T>(subject: string, input: unknown): Promise<T>;
  persons: DataLoader<string, PersonView | null>;
  units: DataLoader<string, UnitView | null>;
  stewards: DataLoader<string, StewardView | null>;
}

export async function buildContext(req: Request, rpc: RpcClient, verifier: JwtVerifier): Promise<GqlContext> {
  let actor: Actor | null = null;
  let authError: AppError | null = null;
  const header = req.headers.authorization;
  if (header) {
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    if (!token) authError = new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', 'BAD_TOKEN');
    else actor = await verifier.verify(token).catch((err: AppError) => ((authError = err), null));
  }
  const call = <T>(subject: string, input: unknown) => rpc.request<T>(subject, input, { actor });
  const loader = <T extends { id: string }>(subject: string) => new DataLoader<string, T | null>((ids) => getMany<T>(rpc, subject, ids, { actor }), { maxBatchSize: 200 });
  return {
    actor,
    authError,
    call,
    persons: loader<PersonView>(IdentityRpc.personGetMany),
    units: loader<UnitView>(IdentityRpc.unitGetMany),
    stewards: loader<StewardView>(IdentityRpc.stewardGetMany),
  };
}

/** For operations that need a signed-in caller: the token's own error wins over "sign in first". */
export function requireSignedIn(ctx: GqlContext): Actor {
  if (ctx.authError) throw ctx.authError;
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'sign in first', 'NO_TOKEN');
  return ctx.actor;
}
