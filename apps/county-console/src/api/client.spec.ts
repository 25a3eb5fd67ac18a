// @vitest-environment node
/**
 * The console's GraphQL client: requests with a fake `fetch` (what it sends, the one refresh-and-retry
 * on UNAUTHENTICATED, how the gateway's errors reach the pages), and live updates against a real local
 * graphql-ws server that ends subscriptions and refuses connections the way the gateway does.
 */
import type { ExecutionArgs, ExecutionResult } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ApiError, GraphQLClient, toApiError, WS_UNAUTHORIZED, type ErrorCode, type TokenSource } from './client.js';
import type { TypedDocumentString } from './typed-document.js';

const QUEUE = { toString: () => 'query Queue($region: String!) { petitions(region: $region) { id } }' } as unknown as TypedDocumentString<{ petitions: { id: string }[] }, { region: string }>;
const DATA = { petitions: [{ id: 'p1' }] };

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: { query: string; variables?: unknown };
}

/** Answers each request with the next of `answers` (a body, a Response, or an Error to throw). */
function fakeFetch(...answers: (unknown | Response | Error)[]) {
  const sent: Sent[] = [];
  const impl: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)) });
    const next = answers.shift();
    if (next instanceof Error) throw next;
    if (next instanceof Response) return next;
    return new Response(JSON.stringify(next), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { impl, sent };
}

/** A token source whose refresh hands out `next` tokens (false when they run out). */
function tokens(first: string | null, ...next: string[]) {
  let current = first;
  let refreshes = 0;
  const source: TokenSource = {
    accessToken: () => current,
    refresh: async () => {
      refreshes += 1;
      const token = next.shift();
      if (!token) return false;
      current = token;
      return true;
    },
  };
  return { source, refreshes: () => refreshes };
}

const error = (code: string, message = 'x', reason?: string) => ({ errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }] });

describe('GraphQLClient.request', () => {
  it('POSTs the document and variables to /graphql with the access token, and answers the data', async () => {
    const { impl, sent } = fakeFetch({ data: DATA });
    const client = new GraphQLClient(tokens('t1').source, impl);
    expect(await client.request(QUEUE, { region: 'jingmen/dongbao' })).toEqual(DATA);
    expect(sent).toEqual([
      {
        url: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer t1' },
        body: { query: QUEUE.toString(), variables: { region: 'jingmen/dongbao' } },
      },
    ]);
  });

  it('sends no authorization header before sign-in', async () => {
    const { impl, sent } = fakeFetch({ data: DATA });
    await new GraphQLClient(tokens(null).source, impl).request(QUEUE, { region: 'r' });
    expect(sent[0]!.headers).toEqual({ 'content-type': 'application/json' });
  });

  it('UNAUTHENTICATED: refreshes once and retries with the new token', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED', 'token expired'), { data: DATA });
    const t = tokens('old', 'new');
    expect(await new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' })).toEqual(DATA);
    expect(t.refreshes()).toBe(1);
    expect(sent.map((s) => s.headers.authorization)).toEqual(['Bearer old', 'Bearer new']);
    expect(sent[1]!.body).toEqual(sent[0]!.body);
  });

  it('UNAUTHENTICATED again after the retry: the error, not a loop', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED'), error('UNAUTHENTICATED', '登录已失效'));
    const t = tokens('old', 'new', 'newer');
    await expect(new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已失效' });
    expect(t.refreshes()).toBe(1);
    expect(sent).toHaveLength(2);
  });

  it('UNAUTHENTICATED and the login has ended: no retry, the error', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED'));
    const t = tokens('old');
    await expect(new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(t.refreshes()).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('with refresh: false (the session’s own login, refresh, logout) UNAUTHENTICATED is the answer', async () => {
    const { impl, sent } = fakeFetch(error('UNAUTHENTICATED', '用户名或密码错误', 'WRONG_CREDENTIALS'));
    const t = tokens(null, 'would-be');
    await expect(new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' }, { refresh: false })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    expect(t.refreshes()).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it.each<ErrorCode>(['VALIDATION', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL'])('the gateway’s %s reaches the page with its message and reason, without a refresh', async (code) => {
    const { impl } = fakeFetch(error(code, '不能这样做', 'SOME_REASON'));
    const t = tokens('t1', 't2');
    const err = await new GraphQLClient(t.source, impl).request(QUEUE, { region: 'r' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code, message: '不能这样做', reason: 'SOME_REASON' });
    expect(t.refreshes()).toBe(0);
  });

  it('a VALIDATION refusal carries the fields the gateway names, for a form to mark', async () => {
    const fields = [
      { path: 'deadline', message: 'must lie in the future' },
      { path: 'location.lat', message: 'Too big' },
    ];
    const { impl } = fakeFetch({ errors: [{ message: 'deadline: must lie in the future', extensions: { code: 'VALIDATION', reason: 'DEADLINE_PASSED', fields } }] });
    const err = await new GraphQLClient(tokens('t1').source, impl).request(QUEUE, { region: 'r' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', reason: 'DEADLINE_PASSED', fields });
    // Without fields, or with something else there, there are none.
    expect(toApiError([{ message: 'give near, bbox or region', extensions: { code: 'VALIDATION' } }]).fields).toBeUndefined();
    expect(toApiError([{ message: 'm', extensions: { code: 'VALIDATION', fields: 'title' } }]).fields).toBeUndefined();
    expect(toApiError([{ message: 'm', extensions: { code: 'VALIDATION', fields: [{ path: 'title' }, { path: 'kind', message: 'bad' }] } }]).fields).toEqual([{ path: 'kind', message: 'bad' }]);
  });

  it('an unknown or missing code is INTERNAL (the pages handle only the gateway’s codes)', () => {
    expect(toApiError([{ message: 'm', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])).toMatchObject({ code: 'INTERNAL', message: 'm' });
    expect(toApiError([{ message: 'm' }])).toMatchObject({ code: 'INTERNAL' });
    expect(toApiError([])).toMatchObject({ code: 'INTERNAL', message: '未知错误' });
    // The first error decides.
    expect(toApiError([{ message: 'a', extensions: { code: 'NOT_FOUND' } }, { message: 'b', extensions: { code: 'FORBIDDEN' } }])).toMatchObject({ code: 'NOT_FOUND', message: 'a' });
  });

  it('the network down is NETWORK, with a message for people', async () => {
    const { impl } = fakeFetch(new TypeError('Failed to fetch'));
    await expect(new GraphQLClient(tokens('t1').source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'NETWORK', message: '无法连接服务器，请检查网络' });
  });

  it('a proxy’s HTML error page is UNAVAILABLE (5xx) or INTERNAL, not a crash', async () => {
    const html = (status: number) => new Response('<html>Bad Gateway</html>', { status, headers: { 'content-type': 'text/html' } });
    const { impl } = fakeFetch(html(502), html(413));
    const client = new GraphQLClient(tokens('t1').source, impl);
    await expect(client.request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: '服务器返回 502' });
    await expect(client.request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'INTERNAL', message: '服务器返回 413' });
  });

  it('an answer without data or errors is INTERNAL', async () => {
    const { impl } = fakeFetch({});
    await expect(new GraphQLClient(tokens('t1').source, impl).request(QUEUE, { region: 'r' })).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

/**
 * A graphql-ws server that authenticates like the gateway (apps/gateway/src/subscriptions/live-server.ts):
 * a connection whose `authorization` token is not valid is closed with 4401 and a reason
 * `UNAUTHENTICATED TOKEN_EXPIRED: …`; a subscription on a connection whose token has expired is refused,
 * and `expire(token)` ends the subscriptions open on that token with UNAUTHENTICATED TOKEN_EXPIRED, as
 * the gateway does at their next event.
 */
// graphql-ws's server loads graphql's CommonJS build (graphql 16 has no exports map), while an
// import here would get its ES build: one schema may not cross the two, so take graphql as it does.
const { buildSchema, GraphQLError } = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const LIVE_SCHEMA = buildSchema(`
  type Query { ok: Boolean }
  type Petition { id: ID! state: String! }
  type Subscription { petitionUpdated(id: ID!): Petition! }
`);
const LIVE_DOC = { toString: () => 'subscription Live($id: ID!) { petitionUpdated(id: $id) { id state } }' } as unknown as TypedDocumentString<{ petitionUpdated: { id: string; state: string } }, { id: string }>;

class CodedError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** One subscription's pushes, driven by the test: an async iterator as graphql-ws consumes it. */
class Feed implements AsyncIterableIterator<unknown> {
  private readonly queue: unknown[] = [];
  private failure: Error | null = null;
  private done = false;
  private wake: (() => void) | null = null;

  constructor(
    readonly token: string,
    readonly petitionId: string,
  ) {}

  push(state: string): void {
    this.queue.push({ data: { petitionUpdated: { id: this.petitionId, state } } });
    this.wakeUp();
  }

  fail(err: Error): void {
    this.failure = err;
    this.wakeUp();
  }

  get open(): boolean {
    return !this.done && !this.failure;
  }

  async next(): Promise<IteratorResult<unknown>> {
    for (;;) {
      if (this.queue.length) return { value: this.queue.shift(), done: false };
      if (this.failure) {
        this.done = true;
        throw this.failure;
      }
      if (this.done) return { value: undefined, done: true };
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async return(): Promise<IteratorResult<unknown>> {
    this.done = true;
    this.wakeUp();
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private wakeUp(): void {
    this.wake?.();
    this.wake = null;
  }
}

async function liveGateway(valid: Iterable<string>) {
  const tokens = new Set(valid);
  /** The `authorization` of every connection attempt, in order. */
  const connections: string[] = [];
  const feeds: Feed[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const tokenOf = (auth: unknown) => String(auth ?? '').replace(/^Bearer /, '');
  useServer(
    {
      schema: LIVE_SCHEMA,
      onConnect: (ctx) => {
        const auth = String(ctx.connectionParams?.authorization ?? '');
        connections.push(auth);
        if (tokens.has(tokenOf(auth))) return true;
        ctx.extra.socket.close(WS_UNAUTHORIZED, 'UNAUTHENTICATED TOKEN_EXPIRED: token expired');
        return false;
      },
      context: (ctx) => ({ token: tokenOf(ctx.connectionParams?.authorization) }),
      subscribe: (args: ExecutionArgs): OperationResult => {
        const { token } = args.contextValue as { token: string };
        if (!tokens.has(token)) return { errors: [new GraphQLError('token expired', { extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' } })] };
        const feed = new Feed(token, String((args.variableValues as { id: string }).id));
        feeds.push(feed);
        // The current state first, as the gateway's petitionUpdated does on every (re)subscribe.
        feed.push('assigned');
        return feed as unknown as AsyncGenerator<ExecutionResult>;
      },
      // Errors as the gateway sends them: extensions.code and reason.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((e) => {
          const coded = e.originalError instanceof CodedError ? e.originalError : null;
          return { message: e.message, extensions: coded ? { code: coded.code, reason: coded.reason } : { code: 'INTERNAL' } };
        }),
    },
    wss,
  );
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    connections,
    /** Subscriptions open now: `token petitionId`. */
    open: () => feeds.filter((f) => f.open).map((f) => `${f.token} ${f.petitionId}`),
    feedOf: (token: string, petitionId: string) => feeds.find((f) => f.open && f.token === token && f.petitionId === petitionId),
    expire(token: string) {
      tokens.delete(token);
      for (const f of feeds) if (f.open && f.token === token) f.fail(new CodedError('UNAUTHENTICATED', 'TOKEN_EXPIRED', 'token expired'));
    },
    accept: (token: string) => tokens.add(token),
    /** Closes every connection with `code` (4500: the server failed). */
    drop: (code: number) => wss.clients.forEach((c) => c.close(code, 'Internal server error')),
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
}

/** What one subscription handed the page. */
function received() {
  const data: string[] = [];
  const errors: ApiError[] = [];
  return { data, errors, onData: (d: { petitionUpdated: { id: string; state: string } }) => data.push(`${d.petitionUpdated.id} ${d.petitionUpdated.state}`), onError: (e: ApiError) => errors.push(e) };
}

/** graphql-ws waits a randomised 1.3–4 s before a retried reconnect; the renewal's own resubscribe does not. */
const RECONNECT_DEADLINE = { timeout: 10_000, interval: 20 };

describe('GraphQLClient.subscribe after the socket’s token expires', () => {
  let gateway: Awaited<ReturnType<typeof liveGateway>> | undefined;
  let client: GraphQLClient | undefined;
  afterEach(async () => {
    client?.closeSocket();
    await gateway?.close();
    gateway = client = undefined;
  });

  it('refreshes first, reconnects with the new token and resubscribes every subscription; the pages see only data', async () => {
    gateway = await liveGateway(['t1']);
    const t = tokens('t1', 't2');
    client = new GraphQLClient(t.source, undefined, { url: gateway.url, webSocketImpl: WebSocket });
    const p1 = received();
    const p2 = received();
    client.subscribe(LIVE_DOC, { id: 'p1' }, p1.onData, p1.onError);
    client.subscribe(LIVE_DOC, { id: 'p2' }, p2.onData, p2.onError);
    await vi.waitFor(() => expect(gateway!.open().sort()).toEqual(['t1 p1', 't1 p2']), RECONNECT_DEADLINE);
    expect(gateway.connections).toEqual(['Bearer t1']);

    // The session rotated to t2 meanwhile on the server's side; t1 expires and p1's next event ends it.
    gateway.accept('t2');
    gateway.expire('t1');
    await vi.waitFor(() => expect(gateway!.open().sort()).toEqual(['t2 p1', 't2 p2']), RECONNECT_DEADLINE);
    // One refresh, before the one reconnect: no attempt with the expired token.
    expect(t.refreshes()).toBe(1);
    expect(gateway.connections).toEqual(['Bearer t1', 'Bearer t2']);
    await vi.waitFor(() => expect(p1.data).toEqual(['p1 assigned', 'p1 assigned']), RECONNECT_DEADLINE);
    await vi.waitFor(() => expect(p2.data).toEqual(['p2 assigned', 'p2 assigned']), RECONNECT_DEADLINE);

    // Live on the new socket.
    gateway.feedOf('t2', 'p1')!.push('accepted');
    await vi.waitFor(() => expect(p1.data.at(-1)).toBe('p1 accepted'));
    expect(p1.errors).toEqual([]);
    expect(p2.errors).toEqual([]);
  }, 30_000);

  it('a connection refused with 4401 (a token expired while the PC slept): refreshes and connects again', async () => {
    gateway = await liveGateway(['t2']);
    const t = tokens('stale', 't2');
    client = new GraphQLClient(t.source, undefined, { url: gateway.url, webSocketImpl: WebSocket });
    const p1 = received();
    client.subscribe(LIVE_DOC, { id: 'p1' }, p1.onData, p1.onError);
    await vi.waitFor(() => expect(p1.data).toEqual(['p1 assigned']), RECONNECT_DEADLINE);
    expect(gateway.connections).toEqual(['Bearer stale', 'Bearer t2']);
    expect(t.refreshes()).toBe(1);
    expect(p1.errors).toEqual([]);
  });

  it('the login has ended (no fresh token): the page gets UNAUTHENTICATED, and nothing reconnects', async () => {
    gateway = await liveGateway(['t1']);
    const t = tokens('t1');
    client = new GraphQLClient(t.source, undefined, { url: gateway.url, webSocketImpl: WebSocket });
    const p1 = received();
    client.subscribe(LIVE_DOC, { id: 'p1' }, p1.onData, p1.onError);
    await vi.waitFor(() => expect(p1.data).toEqual(['p1 assigned']), RECONNECT_DEADLINE);
    gateway.expire('t1');
    await vi.waitFor(() => expect(p1.errors).toMatchObject([{ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' }]));
    expect(t.refreshes()).toBe(1);
    expect(gateway.connections).toEqual(['Bearer t1']);
  });

  it('a fresh token refused as well is the answer, not a loop of refreshes', async () => {
    gateway = await liveGateway([]);
    const t = tokens('t1', 't2', 't3');
    client = new GraphQLClient(t.source, undefined, { url: gateway.url, webSocketImpl: WebSocket });
    const p1 = received();
    client.subscribe(LIVE_DOC, { id: 'p1' }, p1.onData, p1.onError);
    await vi.waitFor(() => expect(p1.errors).toMatchObject([{ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' }]), RECONNECT_DEADLINE);
    expect(t.refreshes()).toBe(1);
    expect(gateway.connections).toEqual(['Bearer t1', 'Bearer t2']);
    expect(p1.data).toEqual([]);
  });

  it('other ends reach the page as they are: the gateway’s refusal with its code, a lost connection as NETWORK', async () => {
    gateway = await liveGateway(['t1']);
    const t = tokens('t1', 't2');
    client = new GraphQLClient(t.source, undefined, { url: gateway.url, webSocketImpl: WebSocket });
    const p1 = received();
    client.subscribe(LIVE_DOC, { id: 'p1' }, p1.onData, p1.onError);
    await vi.waitFor(() => expect(gateway!.open()).toEqual(['t1 p1']), RECONNECT_DEADLINE);
    gateway.feedOf('t1', 'p1')!.fail(new CodedError('NOT_FOUND', 'PETITION_NOT_FOUND', 'no such petition'));
    await vi.waitFor(() => expect(p1.errors).toMatchObject([{ code: 'NOT_FOUND', reason: 'PETITION_NOT_FOUND', message: 'no such petition' }]));

    const p2 = received();
    client.subscribe(LIVE_DOC, { id: 'p2' }, p2.onData, p2.onError);
    await vi.waitFor(() => expect(p2.data).toEqual(['p2 assigned']), RECONNECT_DEADLINE);
    gateway.drop(4500);
    await vi.waitFor(() => expect(p2.errors).toMatchObject([{ code: 'NETWORK', message: '实时连接中断' }]));
    expect(t.refreshes()).toBe(0);
  });
});
