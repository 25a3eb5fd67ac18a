import { AppError, type Actor } from '@gov/kernel';
import { CORRELATION_HEADER, currentCorrelationId, traceRequest, tracingEnabled, type Metrics } from '@gov/platform-observability';
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
  /** Counts failed calls in `gov_rpc_errors_total{side="client"}` by subject and code. */
  metrics?: Metrics;
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
      const send = () => this.nc.request(this.ns.subject(subject), body, { timeout: opts.timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, headers: h });
      // Tracing on: a CLIENT span whose context travels in the `traceparent` header.
      raw = tracingEnabled() ? await traceRequest(subject, h, correlationId ? { 'gov.correlation_id': correlationId } : {}, send) : await send();
    } catch (err) {
      const failure = toAppError(subject, err);
      this.opts.metrics?.rpcErrors.inc({ subject, code: failure.reason ?? failure.code, side: 'client' });
      throw failure;
    }
    const reply = raw.json<RpcReply>();
    if (reply.ok) return reply.data as T;
    this.opts.metrics?.rpcErrors.inc({ subject, code: reply.error.code, side: 'client' });
    throw AppError.fromEnvelope(reply.error);
  }
}

/** A failed request as a coded AppError: TIMEOUT, NO_RESPONDERS, or NATS for anything else. */
function toAppError(subject: string, err: unknown): AppError {
  if (err instanceof errors.TimeoutError) return new AppError('UNAVAILABLE', `${subject} did not answer in time`, 'TIMEOUT');
  if (err instanceof errors.NoRespondersError || (err as Error)?.message?.includes('no responders'))
    return new AppError('UNAVAILABLE', `no service answers ${subject}`, 'NO_RESPONDERS');
  if (err instanceof errors.RequestError && (err as Error).message.includes('503')) return new AppError('UNAVAILABLE', `no service answers ${subject}`, 'NO_RESPONDERS');
  return new AppError('UNAVAILABLE', `messaging failed for ${subject}`, 'NATS');
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
