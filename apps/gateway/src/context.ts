import { AppError, type Actor } from '@gov/kernel';
import type { JwtVerifier } from '@gov/platform-auth';
import { LoaderRegistry, type GqlContext } from '@gov/platform-graphql';
import { getMany, type RpcClient } from '@gov/platform-messaging';
import type { Request } from 'express';

/** Who is calling, and loaders bound to that caller: a batch never mixes two callers' visibility. */
export async function buildContext(req: Request, rpc: RpcClient, verifier: JwtVerifier): Promise<GqlContext> {
  let actor: Actor | null = null;
  let authError: AppError | null = null;
  const header = req.headers.authorization;
  if (header) {
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    if (!token) authError = new AppError('UNAUTHENTICATED', 'Authorization must be "Bearer <token>"', 'BAD_TOKEN');
    else actor = await verifier.verify(token).catch((err: AppError) => ((authError = err), null));
  }
  return {
    actor,
    authError,
    call: <T>(subject: string, input: unknown) => rpc.request<T>(subject, input, { actor }),
    loaders: new LoaderRegistry(<T extends { id: string }>(subject: string, ids: readonly string[]) => getMany<T>(rpc, subject, ids, { actor })),
  };
}
