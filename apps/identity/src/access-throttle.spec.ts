import { AppError } from '@gov/kernel';
import { IdentityRpc, type TokenPair } from '@gov/identity-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, idCard } from '@gov/platform-testing';
import { addressKey } from './access/login-throttle.js';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { startIdentity, type IdentityTestApp } from './testing.js';

const PER_ACCOUNT = 3;
const PER_ADDRESS = 5;
const WINDOW_SECONDS = 600;

const t = new TestContext();
let app: IdentityTestApp;
let rpc: RpcClient;
let serial = 400;

beforeAll(async () => {
  app = await startIdentity(
    t.env('identity', {
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
      LOGIN_THROTTLE_WINDOW_SECONDS: String(WINDOW_SECONDS),
    }),
  );
  rpc = await t.rpc();
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

/** A new account with its own password (and phone, for sign-in by mobile number). */
async function account(username: string, phone = `139${String(serial).padStart(8, '0')}`) {
  await ensureBootstrapAdmin(app.app, { username, password: `${username}-pw-2026`, name: '测试', phone, idCardNumber: idCard(serial++), region: 'jingmen/dongbao', grants: [{ role: 'grid_worker', region: 'jingmen/dongbao' }] });
  return { username, password: `${username}-pw-2026`, phone };
}

/** The outcome of one sign-in: 'ok', or the error's reason. */
async function attempt(login: string, password: string, clientAddress?: string): Promise<string> {
  try {
    await rpc.request<TokenPair>(IdentityRpc.login, { login, password, ...(clientAddress ? { clientAddress } : {}) });
    return 'ok';
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err.reason ?? err.code;
  }
}

async function refusal(login: string, password: string, clientAddress?: string): Promise<AppError> {
  const err = await rpc.request(IdentityRpc.login, { login, password, ...(clientAddress ? { clientAddress } : {}) }).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected a refusal, got ${JSON.stringify(err)}`);
  return err;
}

describe('login throttling', () => {
  it(`refuses an account after ${PER_ACCOUNT} failures from any addresses, even with the right password, and says when to retry`, async () => {
    const a = await account('throttle-acct');
    for (let i = 0; i < PER_ACCOUNT; i++) expect(await attempt(a.username, 'wrong-password', `198.51.100.${i + 1}`)).toBe('BAD_CREDENTIALS');
    const err = await refusal(a.username, a.password, '198.51.100.99');
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOO_MANY_ATTEMPTS' });
    const retryAfter = Number(err.fields?.find((f) => f.path === 'retryAfterSeconds')?.message);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(err.message).toContain(`${retryAfter} seconds`);
    // The same account by its mobile number shares the counter; other accounts are untouched.
    expect(await attempt(a.phone, a.password, '198.51.100.98')).toBe('TOO_MANY_ATTEMPTS');
    const other = await account('throttle-other');
    expect(await attempt(other.username, other.password, '198.51.100.97')).toBe('ok');
  });

  it(`refuses an address after ${PER_ADDRESS} failures over any logins; other addresses still sign in`, async () => {
    const a = await account('throttle-addr');
    for (let i = 0; i < PER_ADDRESS; i++) expect(await attempt(`nobody-${i}`, 'wrong-password', '203.0.113.5')).toBe('BAD_CREDENTIALS');
    const err = await refusal(a.username, a.password, '203.0.113.5');
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOO_MANY_ATTEMPTS' });
    expect(Number(err.fields?.find((f) => f.path === 'retryAfterSeconds')?.message)).toBeGreaterThan(0);
    expect(await attempt(a.username, a.password, '203.0.113.6')).toBe('ok');
  });

  it('counts an IPv6 /64 as one address', async () => {
    for (let i = 0; i < PER_ADDRESS; i++) expect(await attempt(`ghost-${i}`, 'wrong-password', `2001:db8:aa:1::${i + 1}`)).toBe('BAD_CREDENTIALS');
    expect(await attempt('ghost-x', 'wrong-password', '2001:db8:aa:1:ffff::1')).toBe('TOO_MANY_ATTEMPTS');
    expect(await attempt('ghost-x', 'wrong-password', '2001:db8:aa:2::1')).toBe('BAD_CREDENTIALS');
  });

  it("resets the account's counter after a successful sign-in", async () => {
    const a = await account('throttle-reset');
    for (let round = 0; round < 3; round++) {
      // Each from an address of its own: only the account's counter is under test.
      for (let i = 0; i < PER_ACCOUNT - 1; i++) expect(await attempt(a.username, 'wrong-password', `192.0.2.${10 + round * 10 + i}`)).toBe('BAD_CREDENTIALS');
      expect(await attempt(a.username, a.password, `192.0.2.${19 + round * 10}`)).toBe('ok');
    }
  });

  it('lets parallel guesses past the limit no more than sequential ones', async () => {
    const a = await account('throttle-burst');
    const outcomes = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(a.username, 'wrong-password', `192.0.2.${100 + i}`)));
    expect(outcomes.filter((o) => o === 'BAD_CREDENTIALS')).toHaveLength(PER_ACCOUNT);
    expect(outcomes.filter((o) => o === 'TOO_MANY_ATTEMPTS')).toHaveLength(12 - PER_ACCOUNT);
  });

  it('keeps no login name or address in the clear', async () => {
    const rows = await app.em().execute<{ key: string }[]>(`select key from "${app.config.DB_SCHEMA}".login_throttle`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { key } of rows) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets the account in again once its window is over', async () => {
    const a = await account('throttle-window');
    for (let i = 0; i < PER_ACCOUNT; i++) await attempt(a.username, 'wrong-password');
    expect(await attempt(a.username, a.password)).toBe('TOO_MANY_ATTEMPTS');
    // The window ends: moved into the past rather than waited for.
    await app.em().execute(`update "${app.config.DB_SCHEMA}".login_throttle set window_started_at = now() - interval '${WINDOW_SECONDS + 1} seconds'`);
    expect(await attempt(a.username, a.password)).toBe('ok');
  });

});

describe('addressKey', () => {
  it('keeps IPv4 addresses and reduces IPv6 ones to their /64', () => {
    expect(addressKey('203.0.113.5')).toBe('203.0.113.5');
    expect(addressKey('2001:db8:aa:1::5')).toBe('2001:db8:aa:1::/64');
    expect(addressKey('2001:0DB8:00aa:0001:ffff:0:0:1')).toBe('2001:db8:aa:1::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
