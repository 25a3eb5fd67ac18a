/**
 * The console's only way to the platform: POST /graphql (same origin; serve.mjs or nginx forwards it to
 * the gateway) and graphql-ws subscriptions on the same path. Every request carries the session's
 * access token; an UNAUTHENTICATED answer refreshes the token once and retries, and a subscription
 * ended for its socket's expired token is resumed on a fresh one (subscribe), so a page left open
 * over the token's 15 minutes keeps working.
 */
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from './typed-document.js';

/** The gateway's error codes (extensions.code); messages are for people, codes for the code. */
export type ErrorCode = 'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE' | 'INTERNAL' | 'NETWORK';

/** One input field a VALIDATION refusal names: its path in the operation's input (`location.lat`) and what is wrong. */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
    /** The fields a VALIDATION refusal names (the gateway's `extensions.fields`), for a form to mark. */
    readonly fields?: readonly FieldError[],
  ) {
    super(message);
  }
}

/** What the client needs from the session; kept as an interface so the client never imports React. */
export interface TokenSource {
  accessToken(): string | null;
  /** Exchanges the refresh token for a new pair; false when the login has ended. */
  refresh(): Promise<boolean>;
}

interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string; reason?: string; fields?: unknown };
}

export interface RequestOptions {
  /** Refresh the tokens and retry once on UNAUTHENTICATED (default true). */
  refresh?: boolean;
}

export const GRAPHQL_PATH = '/graphql';
const KNOWN_CODES = new Set<ErrorCode>(['VALIDATION', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL']);

export function toApiError(errors: readonly GraphQLErrorShape[]): ApiError {
  const first = errors[0];
  const code = (first?.extensions?.code ?? 'INTERNAL') as ErrorCode;
  return new ApiError(KNOWN_CODES.has(code) ? code : 'INTERNAL', first?.message ?? '未知错误', first?.extensions?.reason, fieldsOf(first?.extensions?.fields));
}

/** `extensions.fields` as sent (`[{ path, message }]`); anything else is no fields. */
function fieldsOf(raw: unknown): FieldError[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const fields = raw.filter((f): f is FieldError => typeof f?.path === 'string' && typeof f?.message === 'string').map((f) => ({ path: f.path, message: f.message }));
  return fields.length ? fields : undefined;
}

/** The gateway's close code for a connection whose token is missing or failed (apps/gateway live-server.ts). */
export const WS_UNAUTHORIZED = 4401;
/**
 * A subscription refused for its token again this soon after the client renewed it was refused with
 * a fresh token: that is the answer (the login has ended), not a reason to renew once more.
 */
export const RENEW_MIN_INTERVAL_MS = 30_000;

export interface LiveOptions {
  /** The graphql-ws endpoint; default /graphql on the page's origin (ws: or wss:). */
  url?: string;
  /** A WebSocket class for a runtime without one (Node in tests). */
  webSocketImpl?: unknown;
}

export class GraphQLClient {
  private ws: Client | null = null;
  /** A token refresh and socket restart under way, shared by every subscription that needs it. */
  private renewing: Promise<boolean> | null = null;

  constructor(
    private readonly tokens: TokenSource,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    private readonly live: LiveOptions = {},
  ) {}

  /**
   * Runs a query or mutation; throws ApiError with the gateway's code. `refresh: false` is for the
   * session's own login, refresh and logout: their UNAUTHENTICATED is the answer (a wrong password, a
   * spent refresh token), and refreshing from inside a refresh would wait for itself forever.
   */
  async request<R, V>(document: TypedDocumentString<R, V>, variables?: V, { refresh = true }: RequestOptions = {}): Promise<R> {
    const first = await this.send(document, variables);
    if (refresh && first.unauthenticated && (await this.tokens.refresh())) {
      const second = await this.send(document, variables);
      return this.unwrap(second.body);
    }
    return this.unwrap(first.body);
  }

  /**
   * Live updates; returns the function that stops them. onError gets ApiError (NOT_FOUND, FORBIDDEN, …).
   *
   * A socket keeps the token it was opened with. When that token expires the gateway ends each
   * subscription on it with UNAUTHENTICATED TOKEN_EXPIRED (and refuses new ones the same way), and
   * closes a connection opened with an expired token with 4401. Either way the client — not the
   * page — refreshes the token, restarts the socket on the fresh one and subscribes again; the
   * gateway pushes the current state first, so the page misses nothing. Only a refusal that survives
   * the renewal (the login has ended) reaches onError.
   */
  subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, onData: (data: R) => void, onError: (error: ApiError) => void): () => void {
    const payload = { query: document.toString(), variables: variables as Record<string, unknown> };
    let stopped = false;
    let stop = () => {};
    let lastRenewal = -Infinity;
    const fail = (error: ApiError) => {
      if (stopped) return;
      if (error.code !== 'UNAUTHENTICATED' || Date.now() - lastRenewal < RENEW_MIN_INTERVAL_MS) return onError(error);
      lastRenewal = Date.now();
      void this.renewSocket().then((renewed) => {
        if (stopped) return;
        if (renewed) start();
        else onError(error);
      });
    };
    const start = () => {
      stop = this.socket().subscribe<R>(payload, {
        next: (result) => {
          if (result.errors?.length) fail(toApiError(result.errors as GraphQLErrorShape[]));
          else if (result.data) onData(result.data);
        },
        error: (err) => fail(liveError(err)),
        complete: () => undefined,
      });
    };
    start();
    return () => {
      stopped = true;
      stop();
    };
  }

  /** Ends the live connection (sign-out). */
  closeSocket(): void {
    void this.ws?.dispose();
    this.ws = null;
  }

  /**
   * A fresh token first, then a restart of the socket on it: graphql-ws treats the termination as
   * retryable, reconnects (connectionParams reads the fresh token) and resubscribes every
   * subscription still open on the socket. False when the login has ended.
   */
  private renewSocket(): Promise<boolean> {
    this.renewing ??= (async () => {
      try {
        const refreshed = await this.tokens.refresh();
        if (refreshed) this.ws?.terminate();
        return refreshed;
      } finally {
        this.renewing = null;
      }
    })();
    return this.renewing;
  }

  private socket(): Client {
    if (this.ws) return this.ws;
    this.ws = createClient({
      url: this.live.url ?? defaultSocketUrl(),
      webSocketImpl: this.live.webSocketImpl,
      lazy: true,
      connectionParams: async () => {
        // A reconnect during a renewal waits for its token.
        if (this.renewing) await this.renewing;
        if (!this.tokens.accessToken()) await this.tokens.refresh();
        return { authorization: `Bearer ${this.tokens.accessToken() ?? ''}` };
      },
      // A gateway restart (1001), a slow consumer (1013) or a dropped network: reconnect and resubscribe.
      retryAttempts: Infinity,
      shouldRetry: () => true,
    });
    return this.ws;
  }

  private async send<R, V>(document: TypedDocumentString<R, V>, variables?: V): Promise<{ body: { data?: R; errors?: GraphQLErrorShape[] }; unauthenticated: boolean }> {
    const token = this.tokens.accessToken();
    let response: Response;
    try {
      response = await this.fetchImpl(GRAPHQL_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query: document.toString(), variables }),
      });
    } catch {
      throw new ApiError('NETWORK', '无法连接服务器，请检查网络');
    }
    let body: { data?: R; errors?: GraphQLErrorShape[] };
    try {
      body = await response.json();
    } catch {
      throw new ApiError(response.status >= 500 ? 'UNAVAILABLE' : 'INTERNAL', `服务器返回 ${response.status}`);
    }
    const unauthenticated = body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
    return { body, unauthenticated };
  }

  private unwrap<R>(body: { data?: R; errors?: GraphQLErrorShape[] }): R {
    if (body.errors?.length) throw toApiError(body.errors);
    if (!body.data) throw new ApiError('INTERNAL', '服务器没有返回数据');
    return body.data;
  }
}

function defaultSocketUrl(): string {
  const url = new URL(GRAPHQL_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * What ended a subscription, as the pages know errors: the gateway's GraphQL errors (an `error`
 * message), its 4401 close (a token it refused; the reason reads `UNAUTHENTICATED TOKEN_EXPIRED: …`),
 * or any other close — the connection is lost.
 */
function liveError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (Array.isArray(err)) return toApiError(err as GraphQLErrorShape[]);
  const close = err as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close === 'object' && close.code === WS_UNAUTHORIZED) {
    const reason = typeof close.reason === 'string' ? /^UNAUTHENTICATED (\w+)/.exec(close.reason)?.[1] : undefined;
    return new ApiError('UNAUTHENTICATED', '登录已失效', reason);
  }
  return new ApiError('NETWORK', '实时连接中断');
}
