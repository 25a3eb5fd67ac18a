import { AppError, type Actor, type DomainEvent, type RoleGrantRef } from '@gov/kernel';
import type { JwtVerifier } from '@gov/platform-auth';
import { LiveConnection, LoaderRegistry, type GqlContext } from '@gov/platform-graphql';
import { getMany, type RpcClient } from '@gov/platform-messaging';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { getOperationAST, subscribe as graphqlSubscribe, validate, type ExecutionArgs, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { CloseCode, type Context, type ServerOptions } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { formatError, validationError } from '../errors.js';
import { checkOperation, depthLimit, type OperationLimits } from '../limits.js';
import { DocumentCache } from './documents.js';
import type { NatsLiveFeed } from './feed.js';

/**
 * Close codes the gateway ends a graphql-ws connection with (graphql-ws's own besides):
 * - 4401 Unauthorized: no access token in `connectionParams.authorization`, or one that failed;
 *   the reason says which (`UNAUTHENTICATED TOKEN_EXPIRED: …`). graphql-ws clients do not retry it:
 *   get a fresh token and connect again.
 * - 1013 Try Again Later: the client fell `LIVE_MAX_QUEUE` updates behind; retried like a restart.
 * - 1001 Going Away: the gateway is shutting down; retried.
 */
export const LIVE_CLOSE = { unauthorized: CloseCode.Unauthorized, slowConsumer: 1013 } as const;

/** A WebSocket close reason is at most 123 bytes. */
const MAX_CLOSE_REASON_BYTES = 123;

export interface LiveServerOptions {
  rpc: RpcClient;
  verifier: JwtVerifier;
  feed: NatsLiveFeed;
  logger: Logger;
  /** Updates one subscription may have waiting before its connection is closed (LIVE_MAX_QUEUE). */
  maxQueue: number;
  maxDepth: number;
  limits: OperationLimits;
}

/** graphql-ws's per-connection context; `extra` is the `ws` socket and its upgrade request (graphql-ws/use/ws). */
type WsContext = Context;

/** The options the gateway's GraphQLModule hands graphql-ws (Nest passes them through). */
export type LiveWsOptions = GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'context' | 'onSubscribe' | 'subscribe' | 'execute' | 'onNext' | 'onError'>;

/**
 * GraphQL subscriptions over graphql-ws on /graphql: who is connected, as whom, and what each
 * connection follows.
 *
 * A connection authenticates once, with `connectionParams.authorization: "Bearer <access token>"`,
 * verified like the HTTP header. Every re-read a subscription makes for an event is sent as the
 * connection's actor *as it is now*: the token is verified again (an expired one ends the
 * subscription with UNAUTHENTICATED TOKEN_EXPIRED), and a role identity has revoked since
 * (`gov.identity.role.revoked.v1`) is taken out of the actor at once, each subscription re-checking
 * what it follows — so a revoked grant stops the pushes without waiting for the token to expire.
 */
export class LiveServer {
  private readonly sessions = new WeakMap<object, Session>();
  private readonly byAccount = new Map<string, Set<Session>>();
  private stopRevocations: (() => void) | null = null;
  private documents: DocumentCache | null = null;

  constructor(private readonly opts: LiveServerOptions) {}

  async start(): Promise<void> {
    this.stopRevocations = await this.opts.feed.watch([{ service: 'identity', aggregate: 'role' }], (e) => this.onRoleEvent(e));
  }

  close(): void {
    this.stopRevocations?.();
    this.stopRevocations = null;
    this.opts.feed.close();
  }

  /** The gateway's schema, once Nest has built it: subscription documents are then parsed and validated once per query text. */
  useSchema(schema: GraphQLSchema): void {
    this.documents = new DocumentCache(schema, [depthLimit(this.opts.maxDepth)]);
  }

  /** Connections open now (tests, metrics). */
  get connections(): number {
    let n = 0;
    for (const s of this.byAccount.values()) n += s.size;
    return n;
  }

  wsOptions(): LiveWsOptions {
    return {
      onConnect: (ctx) => this.connect(ctx),
      onClose: (ctx) => this.disconnect(ctx),
      context: (ctx) => this.contextOf(ctx),
      // A shared, already validated tree per query text; before useSchema, graphql-ws parses each one itself.
      onSubscribe: (_ctx, _id, payload) => {
        if (!this.documents) return undefined;
        const checked = this.documents.check(payload.query);
        if (checked.errors) return checked.errors;
        return { schema: this.documents.schema, document: checked.document, operationName: payload.operationName, variableValues: payload.variables };
      },
      // The gateway's depth and cost limits, as over HTTP (graphql-ws validates with the standard rules only).
      subscribe: (args) => {
        const refused = this.refusal(args);
        return refused.length ? { errors: refused } : graphqlSubscribe(args);
      },
      execute: () => ({ errors: [validationError('the WebSocket serves subscriptions; send queries and mutations by HTTP POST to /graphql', 'SUBSCRIPTIONS_ONLY')] }),
      // Errors as over HTTP: extensions.code and reason, no stack traces.
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map((e) => this.format(e)) } : undefined),
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => this.format(e)),
    };
  }

  private async connect(ctx: WsContext): Promise<boolean> {
    const { socket } = ctx.extra as Extra;
    const refuse = (err: AppError) => {
      this.opts.logger.info({ code: err.code, reason: err.reason }, `subscription connection refused: ${err.message}`);
      socket.close(LIVE_CLOSE.unauthorized, closeReason(`${err.code} ${err.reason ?? ''}: ${err.message}`));
      return false;
    };
    const header = ctx.connectionParams?.authorization;
    if (typeof header !== 'string' || !header) return refuse(new AppError('UNAUTHENTICATED', 'send connectionParams.authorization "Bearer <access token>"', 'NO_TOKEN'));
    const token = /^Bearer (.+)$/i.exec(header)?.[1];
    if (!token) return refuse(new AppError('UNAUTHENTICATED', 'authorization must be "Bearer <access token>"', 'BAD_TOKEN'));
    let actor: Actor;
    try {
      actor = await this.opts.verifier.verify(token);
    } catch (err) {
      if (err instanceof AppError) return refuse(err);
      throw err;
    }
    const connection = new LiveConnection({
      source: this.opts.feed,
      maxQueue: this.opts.maxQueue,
      onOverflow: () => socket.close(LIVE_CLOSE.slowConsumer, closeReason(`UNAVAILABLE SLOW_CONSUMER: fell ${this.opts.maxQueue} updates behind; reconnect`)),
    });
    const session = new Session(token, actor, connection, this.opts.verifier);
    this.sessions.set(ctx, session);
    let set = this.byAccount.get(actor.accountId);
    if (!set) this.byAccount.set(actor.accountId, (set = new Set()));
    set.add(session);
    return true;
  }

  private disconnect(ctx: WsContext): void {
    const session = this.sessions.get(ctx);
    if (!session) return;
    this.sessions.delete(ctx);
    session.connection.close();
    const set = this.byAccount.get(session.accountId);
    set?.delete(session);
    if (set?.size === 0) this.byAccount.delete(session.accountId);
  }

  /** One context per subscription, bound to the connection's actor as it is at each call. */
  private contextOf(ctx: WsContext): GqlContext {
    const session = this.sessions.get(ctx);
    // graphql-ws subscribes only on acknowledged connections, which connect() has registered.
    if (!session) throw new Error('subscription on a connection without a session');
    const { rpc } = this.opts;
    const loaders = new LoaderRegistry(async (subject, ids) => getMany(rpc, subject, ids, { actor: await session.actor() }));
    return {
      actor: session.initialActor,
      authError: null,
      call: async <T>(subject: string, input: unknown) => rpc.request<T>(subject, input, { actor: await session.actor() }),
      loaders,
      // A push reads its nested objects afresh: the loaders of the previous push are forgotten.
      live: { follow: (spec) => session.connection.follow(spec, { beforePush: () => loaders.clear() }) },
    };
  }

  private onRoleEvent(event: DomainEvent): void {
    if (event.type !== 'gov.identity.role.revoked.v1') return;
    const grant = event.data as { accountId?: string; role?: RoleGrantRef['role']; region?: string };
    if (!grant.accountId || !grant.role || !grant.region) return;
    for (const session of this.byAccount.get(grant.accountId) ?? []) session.revoke({ role: grant.role, region: grant.region });
  }

  /** As over HTTP; a fault (not a coded AppError) is logged in full, and leaves as INTERNAL. */
  private format(error: GraphQLError): GraphQLFormattedError {
    // graphql-ws validates the document itself: its refusals carry no code (Apollo's would be GRAPHQL_VALIDATION_FAILED).
    if (!error.originalError && !error.path && !error.extensions?.code) return { message: error.message, locations: error.locations, extensions: { code: 'VALIDATION' } };
    const formatted = formatError(error.toJSON(), error);
    if (formatted.extensions?.code === 'INTERNAL') this.opts.logger.error({ err: error.originalError ?? error, path: error.path }, 'subscription failed');
    return formatted;
  }

  private refusal(args: ExecutionArgs): GraphQLError[] {
    const errors = [...validate(args.schema, args.document, [depthLimit(this.opts.maxDepth)])];
    const operation = getOperationAST(args.document, args.operationName);
    if (operation && !errors.length) {
      const refused = checkOperation(args.schema, args.document, operation, (args.variableValues ?? {}) as Record<string, unknown>, this.opts.limits);
      if (refused) errors.push(refused);
    }
    return errors;
  }
}

/** One WebSocket connection's signed-in caller. */
class Session {
  private readonly revoked: RoleGrantRef[] = [];

  constructor(
    private readonly token: string,
    readonly initialActor: Actor,
    readonly connection: LiveConnection,
    private readonly verifier: JwtVerifier,
  ) {}

  get accountId(): string {
    return this.initialActor.accountId;
  }

  /** The token's actor now (it may have expired), less the grants revoked since the connection was made. */
  async actor(): Promise<Actor> {
    const actor = await this.verifier.verify(this.token);
    if (!this.revoked.length) return actor;
    return { ...actor, grants: actor.grants.filter((g) => !this.revoked.some((r) => r.role === g.role && r.region === g.region)) };
  }

  revoke(grant: RoleGrantRef): void {
    if (!this.initialActor.grants.some((g) => g.role === grant.role && g.region === grant.region)) return;
    this.revoked.push(grant);
    this.connection.recheck();
  }
}


function closeReason(text: string): string {
  let out = text;
  while (Buffer.byteLength(out) > MAX_CLOSE_REASON_BYTES) out = out.slice(0, -1);
  return out;
}
