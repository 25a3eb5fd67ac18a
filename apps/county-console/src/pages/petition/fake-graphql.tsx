/**
 * Test support (specs only): a fake gateway answering GraphQL operations by name with canned data,
 * recording what the page asked, and a signed-in console around the page under test.
 */
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { GrantLike } from '../../auth/roles.js';
import { Session } from '../../auth/session.js';
import { Router } from '../../shell/router.js';
import { SessionProvider } from '../../shell/session-context.js';

export interface Call {
  operation: string;
  variables: Record<string, unknown>;
}

/** A handler's answer: the data, or a GraphQL error with the gateway's code. */
export type Answer = { data: unknown } | { error: string; message?: string };
export type Handler = (variables: Record<string, unknown>) => Answer;

export const gqlError = (code: string, message = code): Answer => ({ error: code, message });

export function fakeGateway(handlers: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchImpl = (async (_url: string, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
    const operation = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(body.query)?.[1] ?? '';
    const variables = body.variables ?? {};
    calls.push({ operation, variables });
    const handler = handlers[operation];
    const answer: Answer = handler ? handler(variables) : gqlError('INTERNAL', `no fake for ${operation}`);
    const json = 'data' in answer ? { data: answer.data } : { errors: [{ message: answer.message, extensions: { code: answer.error } }] };
    return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetchImpl, calls, of: (operation: string) => calls.filter((c) => c.operation === operation) };
}

/** A session signed in with `grants` through the fake gateway's Login and Me. */
export async function signedIn(handlers: Record<string, Handler>, grants: GrantLike[]) {
  const gateway = fakeGateway({
    Login: () => ({ data: { login: { accessToken: 'access', refreshToken: 'refresh', expiresIn: 900 } } }),
    Me: () => ({ data: { me: { accountId: 'a1', personId: null, username: 'tester', grants } } }),
    ...handlers,
  });
  window.sessionStorage.clear();
  const session = new Session(window.sessionStorage, gateway.fetchImpl);
  await session.signIn('tester', 'secret');
  return { session, gateway };
}

export function renderPage(session: Session, path: string, page: ReactNode) {
  window.history.replaceState(null, '', path);
  return render(
    <SessionProvider session={session}>
      <Router>{page}</Router>
    </SessionProvider>,
  );
}
