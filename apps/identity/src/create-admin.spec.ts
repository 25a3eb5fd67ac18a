// The production path to the first administrator: the built command, password on standard input.
// Needs the build (npm test builds first).
import { IdentityRpc, type TokenPair } from '@gov/identity-contracts';
import { actorKeys } from '@gov/platform-config';
import { TestContext, idCard } from '@gov/platform-testing';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startIdentity, type IdentityTestApp } from './testing.js';

const command = fileURLToPath(new URL('../dist/create-admin.js', import.meta.url));
const t = new TestContext();
const env = t.env('identity');
let app: IdentityTestApp;

function createAdmin(args: string[], stdin: string) {
  const production = { ...env, NODE_ENV: 'production', ACTOR_VERIFY_KEYS: actorKeys({ NODE_ENV: 'test' }, 'verify').verifyKeys, LOG_LEVEL: 'silent' };
  return spawnSync(process.execPath, [command, ...args], { env: { PATH: process.env.PATH ?? '', ...production }, input: stdin, encoding: 'utf8', timeout: 60_000 });
}

const admin = ['--username', 'city-admin', '--name', '市管理员', '--phone', '13800000001', '--id-card', idCard(1), '--region', 'jingmen'];

beforeAll(async () => {
  // The service itself (migrating its schema) runs beside the command, as in a deployment.
  app = await startIdentity(env);
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('create-admin', () => {
  it('creates a city administrator who can sign in with the password read from stdin', async () => {
    const r = createAdmin(admin, 'a-long-secret-2026\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: true });
    const rpc = await t.rpc();
    const tokens = await rpc.request<TokenPair>(IdentityRpc.login, { login: 'city-admin', password: 'a-long-secret-2026' });
    const me = await rpc.request<{ grants: unknown[] }>(IdentityRpc.me, {}, { actor: { accountId: JSON.parse(r.stdout).accountId, personId: null, username: 'city-admin', grants: [] } });
    expect(tokens.accessToken).toBeTruthy();
    expect(me.grants).toEqual([{ role: 'city_admin', region: 'jingmen' }]);
  });

  it('leaves an existing administrator as it is', () => {
    const r = createAdmin(admin, 'another-password-9\n');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ created: false });
  });

  it('refuses a password on the command line, bad input and a region below the city, creating nothing', async () => {
    expect(createAdmin([...admin, '--password', 'x'], '').status).toBe(78);
    const badPhone = createAdmin(['--username', 'second-admin', '--name', '管理员', '--phone', '123', '--id-card', idCard(3), '--region', 'jingmen'], 'a-long-secret-2026\n');
    expect(badPhone.status).toBe(78);
    expect(badPhone.stderr).toMatch(/phone/);
    const shortPassword = createAdmin(['--username', 'second-admin', '--name', '管理员', '--phone', '13800000003', '--id-card', idCard(3), '--region', 'jingmen'], 'short\n');
    expect(shortPassword.stderr).toMatch(/password/);
    const county = createAdmin(['--username', 'second-admin', '--name', '管理员', '--phone', '13800000003', '--id-card', idCard(3), '--region', 'jingmen/dongbao'], 'a-long-secret-2026\n');
    expect(county.status).toBe(78);
    const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${env.DB_SCHEMA}".account where username = 'second-admin'`);
    expect(Number(row!.n)).toBe(0);
  });
});
