import { AppError, type Actor } from '@gov/kernel';
import { CORRELATION_HEADER, currentCorrelationId } from '@gov/platform-observability';
import { errors, headers, type NatsConnection } from '@nats-io/transport-node';
import { ACTOR_HEADER, type ActorSigner } from './headers.js';
import type { Namespace } from './namespace.js';
import type { RpcReply } from './envelope.js';

export interface RequestOptions {
  actor?: Actor | null;
  timeoutMs?: number;
  correlationId?: string;
}

export interface RpcClientOptions {
  /** Timeout of a call that does not set its own. */
  timeoutMs?: number;
  /** Needed to send an actor: every service verifies the assertion it makes. */
  signer?: ActorSigner;
}

const DEFAULT_TIMEOUT_MS = 5000;

/** Calls another service; every call has a timeout and every failure arrives as an AppError. */
export class RpcClient {
  constructor(
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly opts: RpcClientOptions = {},
  ) {}

  async request<T>(subject: string, input: unknown, opts: RequestOptions = {}): Promise<T> {
    const h = headers();
    const correlationId = opts.correlationId ?? currentCorrelationId();
    if (correlationId) h.set(CORRELATION_HEADER, correlationId);
    const body = JSON.stringify(input ?? {});
    if (opts.actor) {
      if (!this.opts.signer) throw new Error(`RpcClient cannot send an actor on ${subject}: it has no actor signer`);
      h.set(ACTOR_HEADER, this.opts.signer.sign(opts.actor, subject, body));
    }
    let raw;
    try {
      raw = await this.nc.request(this.ns.subject(subject), body, {
        timeout: opts.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        headers: h,
      });
    } catch (err) {
      if (err instanceof errors.TimeoutError) throw new AppError('UNAVAILABLE', `${subject} did not answer in time`, 'TIMEOUT');
      if (err instanceof errors.NoRespondersError || (err as Error)?.message?.includes('no responders'))
        throw new AppError('UNAVAILABLE', `no service answers ${subject}`, 'NO_RESPONDERS');
      if (err instanceof errors.RequestError && (err as Error).message.includes('503'))
        throw new AppError('UNAVAILABLE', `no service answers ${subject}`, 'NO_RESPONDERS');
      throw new AppError('UNAVAILABLE', `messaging failed for ${subject}`, 'NATS');
    }
    const reply = raw.json<RpcReply>();
    if (reply.ok) return reply.data as T;
    throw AppError.fromEnvelope(reply.error);
  }
}

/**
 * The batch form of reads: one request for many ids, answered in the same order with null for
 * ids that are missing or not visible to the actor. DataLoaders in the gateway sit on this.
 */
export async function getMany<T extends { id: string }>(client: RpcClient, subject: string, ids: readonly string[], opts: RequestOptions = {}): Promise<(T | null)[]> {
  if (ids.length === 0) return [];
  const found = await client.request<T[]>(subject, { ids: [...new Set(ids)] }, opts);
  const byId = new Map(found.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id) ?? null);
}
