/**
 * For this folder's rendered tests: a signed-in session whose GraphQL answers come from canned
 * handlers (one per operation name), with every request recorded. Unit tests of the browser app;
 * the platform itself is exercised by apps/e2e.
 */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { Session } from '../../auth/session.js';
import { Router } from '../../shell/router.js';
import { SessionProvider } from '../../shell/session-context.js';

export type Answer = { data: unknown } | { errors: { message: string; extensions: { code: string } }[] };
export type Handler = (variables: Record<string, unknown>) => Answer;

export interface Call {
  operation: string;
  variables: Record<string, unknown>;
}

const GRANTS = [{ role: 'county_admin', region: 'jingmen/dongbao' }];

export async function renderWithApi(ui: ReactElement, path: string, handlers: Record<string, Handler>, grants = GRANTS) {
  const calls: Call[] = [];
  const all: Record<string, Handler> = {
    Login: () => ({ data: { login: { accessToken: 'a', refreshToken: 'r', expiresIn: 900 } } }),
    Me: () => ({ data: { me: { accountId: 'acc-1', personId: null, username: 'admin', grants } } }),
    Logout: () => ({ data: { logout: true } }),
    ...handlers,
  };
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { query: string; variables?: Record<string, unknown> };
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '?';
    calls.push({ operation, variables: body.variables ?? {} });
    const handler = all[operation];
    const answer: Answer = handler ? handler(body.variables ?? {}) : { errors: [{ message: `no handler for ${operation}`, extensions: { code: 'INTERNAL' } }] };
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const session = new Session(window.sessionStorage, fetchImpl);
  await session.signIn('admin', 'secret');
  window.history.pushState(null, '', path);
  const view = render(
    <SessionProvider session={session}>
      <Router>{ui}</Router>
    </SessionProvider>,
  );
  return { ...view, calls, session, of: (op: string) => calls.filter((c) => c.operation === op) };
}

export function forbidden(message = 'forbidden'): Answer {
  return { errors: [{ message, extensions: { code: 'FORBIDDEN' } }] };
}
