/**
 * The console's only way to the platform: POST /graphql (same origin; serve.mjs or nginx forwards it to
 * the gateway) and graphql-ws subscriptions on the same path. Every request carries the session's
 * access token; an UNAUTHENTICATED answer refreshes the token once and retries, so a page left open
 * over the token's 15 minutes keeps working.
 */
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from './typed-document.js';

/** The gateway's error codes (extensions.code); messages are for people, codes for the code. */
export type ErrorCode = 'VALIDATION' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE' | 'INTERNAL' | 'NETWORK';

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
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
  extensions?: { code?: string; reason?: string };
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
  return new ApiError(KNOWN_CODES.has(code) ? code : 'INTERNAL', first?.message ?? '未知错误', first?.extensions?.reason);
}

export class GraphQLClient {
  private ws: Client | null = null;

  constructor(
    private readonly tokens: TokenSource,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
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

  /** Live updates; returns the function that stops them. onError gets ApiError (NOT_FOUND, FORBIDDEN, …). */
  subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, onData: (data: R) => void, onError: (error: ApiError) => void): () => void {
    const ws = this.socket();
    return ws.subscribe<R>(
      { query: document.toString(), variables: variables as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors?.length) onError(toApiError(result.errors as GraphQLErrorShape[]));
          else if (result.data) onData(result.data);
        },
        error: (err) => onError(err instanceof ApiError ? err : new ApiError('NETWORK', '实时连接中断')),
        complete: () => undefined,
      },
    );
  }

  /** Ends the live connection (sign-out, or a new token that must authenticate a new socket). */
  closeSocket(): void {
    this.ws?.dispose();
    this.ws = null;
  }

  private socket(): Client {
    if (this.ws) return this.ws;
    const url = new URL(GRAPHQL_PATH, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.ws = createClient({
      url: url.toString(),
      lazy: true,
      // The gateway closes a connection whose token fails with 4401; a fresh token opens the next one.
      connectionParams: async () => {
        if (!this.tokens.accessToken()) await this.tokens.refresh();
        return { authorization: `Bearer ${this.tokens.accessToken() ?? ''}` };
      },
      retryAttempts: Infinity,
      shouldRetry: () => true,
      on: {
        closed: (event) => {
          if ((event as CloseEvent | undefined)?.code === 4401) void this.tokens.refresh();
        },
      },
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
