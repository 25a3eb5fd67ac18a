/**
 * The session against a small stand-in for the gateway's login operations (a fake `fetch`: this is a
 * unit test of the browser code; the real identity service is exercised by the end-to-end test).
 * Refresh tokens work once, as identity's do: a second use is refused with UNAUTHENTICATED.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.js';
import type { TypedDocumentString } from '../api/typed-document.js';
import { REFRESH_KEY, REFRESH_MARGIN_SECONDS, Session, type Me } from './session.js';

const ME: Me = { accountId: 'a1', personId: 'p1', username: 'dongbao-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] };
const PASSWORD = 'demo-city-2026';
const TOKEN_SECONDS = 900;
/** Any query that needs a signed-in user. */
const WORK = { toString: () => 'query Work { me { accountId } }' } as unknown as TypedDocumentString<{ me: { accountId: string } }, Record<string, never>>;

class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
  values() {
    return [...this.items.values()];
  }
}

interface Call {
  op: string;
  variables: Record<string, unknown>;
  token: string | null;
}

const unauthenticated = (reason: string) => ({ errors: [{ message: reason, extensions: { code: 'UNAUTHENTICATED', reason } }] });

/** The gateway's login operations: access tokens valid until `expireAccess()`, refresh tokens usable once. */
class FakeGateway {
  readonly calls: Call[] = [];
  private serial = 0;
  private readonly access = new Set<string>();
  private readonly refresh = new Map<string, 'fresh' | 'used'>();
  /** While set, Refresh answers only after it resolves (to hold several requests mid-refresh). */
  refreshGate: Promise<void> | null = null;
  /** When set, the network fails for this operation. */
  offline: string | null = null;

  readonly fetch: typeof fetch = async (_input, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
    const op = /^(?:query|mutation) (\w+)/.exec(body.query.trim())?.[1] ?? '?';
    const auth = (init?.headers as Record<string, string>).authorization;
    this.calls.push({ op, variables: body.variables ?? {}, token: auth?.replace(/^Bearer /, '') ?? null });
    if (this.offline === op) throw new TypeError('Failed to fetch');
    const answer = await this.answer(op, body.variables ?? {}, auth?.replace(/^Bearer /, '') ?? null);
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  };

  ops(op: string) {
    return this.calls.filter((c) => c.op === op);
  }

  /** Every access token handed out so far stops working (15 minutes passed). */
  expireAccess() {
    this.access.clear();
  }

  /** A refresh token spent elsewhere (another tab, a stolen copy): its next use is refused. */
  spend(token: string) {
    this.refresh.set(token, 'used');
  }

  private pair() {
    this.serial += 1;
    const pair = { accessToken: `access-${this.serial}`, refreshToken: `refresh-${this.serial}`, expiresIn: TOKEN_SECONDS };
    this.access.add(pair.accessToken);
    this.refresh.set(pair.refreshToken, 'fresh');
    return pair;
  }

  private async answer(op: string, variables: Record<string, unknown>, token: string | null): Promise<unknown> {
    switch (op) {
      case 'Login':
        return variables.login === ME.username && variables.password === PASSWORD ? { data: { login: this.pair() } } : unauthenticated('WRONG_CREDENTIALS');
      case 'Refresh': {
        if (this.refreshGate) await this.refreshGate;
        const state = this.refresh.get(String(variables.refreshToken));
        if (state !== 'fresh') return unauthenticated(state === 'used' ? 'REFRESH_TOKEN_REUSED' : 'INVALID_REFRESH_TOKEN');
        this.refresh.set(String(variables.refreshToken), 'used');
        return { data: { refreshToken: this.pair() } };
      }
      case 'Logout':
        this.refresh.set(String(variables.refreshToken), 'used');
        return { data: { logout: true } };
      default:
        if (!token || !this.access.has(token)) return unauthenticated('TOKEN_EXPIRED');
        return op === 'Me' ? { data: { me: ME } } : { data: { me: { accountId: ME.accountId } } };
    }
  }
}

function setup() {
  const gateway = new FakeGateway();
  const storage = new MemoryStorage();
  const session = new Session(storage, gateway.fetch);
  const changes: (Me | null)[] = [];
  session.onChange((me) => changes.push(me));
  return { gateway, storage, session, changes };
}

afterEach(() => {
  vi.useRealTimers();
  window.sessionStorage.clear();
  window.localStorage.clear();
});

describe('Session', () => {
  it('signs in: the access token stays in memory, only the refresh token goes to the given storage', async () => {
    const { gateway, storage, session, changes } = setup();
    const me = await session.signIn(ME.username, PASSWORD);
    expect(me).toEqual(ME);
    expect(session.me).toEqual(ME);
    expect(changes).toEqual([ME]);
    expect(session.accessToken()).toBe('access-1');
    expect(storage.values()).toEqual(['refresh-1']);
    expect(storage.getItem(REFRESH_KEY)).toBe('refresh-1');
    // Nothing anywhere a later script could read the access token from.
    expect(JSON.stringify({ ...window.sessionStorage, ...window.localStorage })).not.toContain('access-1');
    expect(gateway.ops('Me')[0]!.token).toBe('access-1');
    session.signOut();
  });

  it('a wrong password is UNAUTHENTICATED with its reason, and spends no refresh token kept from before', async () => {
    const { gateway, storage, session } = setup();
    storage.setItem(REFRESH_KEY, 'refresh-from-before');
    const err = await session.signIn(ME.username, 'wrong').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_CREDENTIALS' });
    expect(gateway.ops('Refresh')).toEqual([]);
    expect(session.me).toBeNull();
  });

  it('after a reload, the kept refresh token becomes a fresh pair and the user is back', async () => {
    const { gateway, storage, session } = setup();
    await session.signIn(ME.username, PASSWORD);
    const reloaded = new Session(storage, gateway.fetch);
    expect(reloaded.accessToken()).toBeNull();
    expect(await reloaded.resume()).toEqual(ME);
    expect(gateway.ops('Refresh').map((c) => c.variables.refreshToken)).toEqual(['refresh-1']);
    expect(storage.getItem(REFRESH_KEY)).toBe('refresh-2');
    expect(reloaded.accessToken()).toBe('access-2');
    session.signOut();
    reloaded.signOut();
  });

  it('without a kept refresh token, resume asks nothing and there is no user', async () => {
    const { gateway, session } = setup();
    expect(await session.resume()).toBeNull();
    expect(gateway.calls).toEqual([]);
  });

  it('requests that meet an expired token together share ONE refreshToken mutation, then all succeed', async () => {
    const { gateway, storage, session } = setup();
    await session.signIn(ME.username, PASSWORD);
    gateway.expireAccess();
    let release!: () => void;
    gateway.refreshGate = new Promise<void>((resolve) => (release = resolve));
    const results = Promise.all([1, 2, 3].map(() => session.client.request(WORK, {})));
    // All three were refused with the old token and are waiting for the one refresh.
    await vi.waitFor(() => expect([gateway.ops('Work').length, gateway.ops('Refresh').length]).toEqual([3, 1]));
    release();
    expect(await results).toEqual([1, 2, 3].map(() => ({ me: { accountId: ME.accountId } })));
    expect(gateway.ops('Refresh')).toHaveLength(1);
    expect(gateway.ops('Work').map((c) => c.token)).toEqual(['access-1', 'access-1', 'access-1', 'access-2', 'access-2', 'access-2']);
    expect(storage.getItem(REFRESH_KEY)).toBe('refresh-2');
    session.signOut();
  });

  it('a refused refresh ends the session: the request fails UNAUTHENTICATED, the user is signed out, storage is cleared', async () => {
    const { gateway, storage, session, changes } = setup();
    await session.signIn(ME.username, PASSWORD);
    // Another tab (or a thief) used the refresh token: identity ends the whole login.
    gateway.spend('refresh-1');
    gateway.expireAccess();
    const err = await session.client.request(WORK, {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(gateway.ops('Refresh')).toHaveLength(1);
    expect(session.me).toBeNull();
    expect(session.accessToken()).toBeNull();
    expect(storage.getItem(REFRESH_KEY)).toBeNull();
    expect(changes).toEqual([ME, null]);
  });

  it('a network failure while refreshing keeps the login (the next try may reach the gateway)', async () => {
    const { gateway, storage, session } = setup();
    await session.signIn(ME.username, PASSWORD);
    gateway.offline = 'Refresh';
    expect(await session.refresh()).toBe(false);
    expect(session.me).toEqual(ME);
    expect(storage.getItem(REFRESH_KEY)).toBe('refresh-1');
    gateway.offline = null;
    expect(await session.refresh()).toBe(true);
    expect(session.accessToken()).toBe('access-2');
    session.signOut();
  });

  it('refreshes by itself a minute before the access token expires', async () => {
    vi.useFakeTimers();
    const { gateway, session } = setup();
    await session.signIn(ME.username, PASSWORD);
    await vi.advanceTimersByTimeAsync((TOKEN_SECONDS - REFRESH_MARGIN_SECONDS) * 1000 - 1000);
    expect(gateway.ops('Refresh')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(session.accessToken()).toBe('access-2'));
    expect(gateway.ops('Refresh')).toHaveLength(1);
    await session.signOut();
  });

  it('signs out: logout with the refresh token, then nothing is kept', async () => {
    const { gateway, storage, session, changes } = setup();
    await session.signIn(ME.username, PASSWORD);
    await session.signOut();
    expect(gateway.ops('Logout').map((c) => c.variables)).toEqual([{ refreshToken: 'refresh-1' }]);
    expect(storage.length).toBe(0);
    expect(session.accessToken()).toBeNull();
    expect(session.me).toBeNull();
    expect(changes).toEqual([ME, null]);
  });

  it('signs out locally even when the gateway cannot be reached', async () => {
    const { gateway, storage, session } = setup();
    await session.signIn(ME.username, PASSWORD);
    gateway.offline = 'Logout';
    await session.signOut();
    expect(gateway.ops('Logout')).toHaveLength(1);
    expect(storage.length).toBe(0);
    expect(session.me).toBeNull();
  });
});
