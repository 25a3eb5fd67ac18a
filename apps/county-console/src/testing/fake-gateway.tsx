/**
 * Test support for the console's component tests (specs only; no page imports it): a fake gateway
 * that answers GraphQL operations by name with canned bodies through the client's `fetch`, recording
 * what the page asked; a console signed in through it; and live updates driven by the test instead
 * of a socket. These are unit tests of the browser app: the platform itself is exercised by apps/e2e.
 */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { ApiError, type GraphQLClient } from '../api/client.js';
import type { GrantLike } from '../auth/roles.js';
import { Session, type Me } from '../auth/session.js';
import { Router } from '../shell/router.js';
import { SessionProvider } from '../shell/session-context.js';

export interface GraphQLErrorBody {
  message: string;
  extensions: { code: string; reason?: string; fields?: { path: string; message: string }[] };
}

/** One operation's answer, as the gateway sends it: data, or errors with the gateway's code. */
export type Answer = { data: unknown } | { errors: GraphQLErrorBody[] };
export type Handler = (variables: Record<string, unknown>) => Answer;
/** Per operation name: a function of the variables, or the same body every time. */
export type Handlers = Record<string, Handler | Answer>;

export interface Call {
  operation: string;
  variables: Record<string, unknown>;
}

/** A GraphQL error answer with the gateway's `extensions.code` (and reason, fields). */
export function gqlError(code: string, message: string = code, extensions: { reason?: string; fields?: { path: string; message: string }[] } = {}): Answer {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}

/** `query Foo(…)`, `mutation Bar`: the name the handlers are keyed by. */
const OPERATION_NAME = /\b(?:query|mutation|subscription)\s+(\w+)/;

export interface FakeGateway {
  fetchImpl: typeof fetch;
  /** Every request, in order. */
  calls: Call[];
  /** The requests of one operation. */
  of(operation: string): Call[];
}

/** Answers each POST /graphql from `handlers`; an operation without one answers INTERNAL (the test forgot it). */
export function fakeGateway(handlers: Handlers): FakeGateway {
  const calls: Call[] = [];
  const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
    const operation = OPERATION_NAME.exec(body.query)?.[1] ?? '?';
    const variables = body.variables ?? {};
    calls.push({ operation, variables });
    const handler = handlers[operation];
    const answer = typeof handler === 'function' ? handler(variables) : (handler ?? gqlError('INTERNAL', `no fake for ${operation}`));
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, calls, of: (operation) => calls.filter((c) => c.operation === operation) };
}

/** A Storage of the test's own, so no refresh token leaks from one test into the next. */
export function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, v),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
    key: (i) => [...m.keys()][i] ?? null,
    get length() {
      return m.size;
    },
  };
}

export const COUNTY_ADMIN: GrantLike[] = [{ role: 'county_admin', region: 'jingmen/dongbao' }];

/**
 * A session signed in with `grants` through the fake gateway's Login and Me (which `handlers` may
 * override); `me` sets the account's other fields (accountId, personId, username).
 */
export async function signedIn(handlers: Handlers, grants: GrantLike[] = COUNTY_ADMIN, me: Partial<Omit<Me, 'grants'>> = {}) {
  const gateway = fakeGateway({
    Login: { data: { login: { accessToken: 'access', refreshToken: 'refresh', expiresIn: 900 } } },
    Me: { data: { me: { accountId: 'acc-1', personId: null, username: 'tester', ...me, grants } } },
    Logout: { data: { logout: true } },
    ...handlers,
  });
  const session = new Session(memoryStorage(), gateway.fetchImpl);
  await session.signIn(me.username ?? 'tester', 'secret');
  return { session, gateway };
}

/** `ui` inside the signed-in console at `path`. */
export function renderPage(session: Session, path: string, ui: ReactNode) {
  window.history.replaceState(null, '', path);
  return render(
    <SessionProvider session={session}>
      <Router>{ui}</Router>
    </SessionProvider>,
  );
}

/** signedIn + renderPage: the page rendered for a user with `grants`, and what it asked the gateway. */
export async function renderWithApi(ui: ReactNode, path: string, handlers: Handlers, grants: GrantLike[] = COUNTY_ADMIN) {
  const { session, gateway } = await signedIn(handlers, grants);
  const view = renderPage(session, path, ui);
  return { ...view, session, gateway, calls: gateway.calls, of: gateway.of };
}

/**
 * The client's live updates driven by the test: `subscribe` is replaced, each call recorded; `push`
 * and `fail` reach the latest subscription's callbacks; `stop` is what the page calls to end it.
 */
export function fakeLive(client: GraphQLClient) {
  let onData: ((data: unknown) => void) | undefined;
  let onError: ((error: ApiError) => void) | undefined;
  const live = {
    subscriptions: [] as { variables: unknown }[],
    stop: vi.fn(),
    /** The variables of the latest subscription. */
    get variables(): unknown {
      return live.subscriptions.at(-1)?.variables;
    },
    push: (data: unknown) => onData?.(data),
    fail: (code: ApiError['code'], message: string = code) => onError?.(new ApiError(code, message)),
  };
  vi.spyOn(client, 'subscribe').mockImplementation(((_doc: unknown, variables: unknown, data: (d: unknown) => void, error: (e: ApiError) => void) => {
    live.subscriptions.push({ variables });
    onData = data;
    onError = error;
    return live.stop;
  }) as unknown as GraphQLClient['subscribe']);
  return live;
}
