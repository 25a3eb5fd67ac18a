// Production runs identity as a role that does not own its schema: the migration Job (as the owner)
// grants it rows only. The audit log then cannot be rewritten, emptied or unprotected by the service
// itself, and one account holds a role on a region once. Needs the build (npm test builds first).
import { actorKeys } from '@gov/platform-config';
import { TEST_DATABASE_URL, TestContext, idCard } from '@gov/platform-testing';
import { IdentityRpc } from '@gov/identity-contracts';
import { MikroORM } from '@mikro-orm/postgresql';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { startIdentity, type IdentityTestApp } from './testing.js';

const migrate = fileURLToPath(new URL('../dist/migrate.js', import.meta.url));
const t = new TestContext();
const appRole = `gov_app_${t.runId}`;
const env = t.env('identity');
const schema = env.DB_SCHEMA!;
let owner: MikroORM;
let asApp: MikroORM;
let app: IdentityTestApp;

/** The error a statement fails with, run as `orm`'s role. */
async function failure(orm: MikroORM, sql: string): Promise<string> {
  return orm.em.fork().execute(sql).then(
    () => 'no error',
    (e: Error) => e.message,
  );
}

beforeAll(async () => {
  owner = await MikroORM.init({ clientUrl: TEST_DATABASE_URL, entities: [], discovery: { warnWhenNoEntities: false } });
  await owner.em.fork().execute(`create role "${appRole}" login`);
  const job = spawnSync(process.execPath, [migrate], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: TEST_DATABASE_URL, DB_SCHEMA: schema, DB_APP_ROLE: appRole }, encoding: 'utf8', timeout: 60_000 });
  expect(job.stderr).toBe('');
  expect(JSON.parse(job.stdout)).toMatchObject({ service: 'identity', schema, runtimeRole: appRole });
  const appUrl = TEST_DATABASE_URL.replace(/\/\/[^@/]*@/, `//${appRole}@`);
  // As production runs it: no migrations at start, its own actor keys, the runtime role.
  app = await startIdentity({ ...env, NODE_ENV: 'production', DATABASE_URL: appUrl, ACTOR_VERIFY_KEYS: actorKeys({ NODE_ENV: 'test' }, 'verify').verifyKeys });
  asApp = await MikroORM.init({ clientUrl: appUrl, entities: [], discovery: { warnWhenNoEntities: false } });
});
afterAll(async () => {
  await app?.close();
  await asApp?.close();
  await t.cleanup();
  await owner.em.fork().execute(`drop owned by "${appRole}"`);
  await owner.em.fork().execute(`drop role if exists "${appRole}"`);
  await owner.close();
});

describe('identity as its runtime role', () => {
  it('does its work: registers a person and writes the audit entry', async () => {
    const admin = await ensureBootstrapAdmin(app.app, { username: 'dongbao-admin', password: 'password-1', name: '东宝管理员', phone: '13800000002', idCardNumber: idCard(2), region: 'jingmen/dongbao', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] });
    const rpc = await t.rpc();
    const person = await rpc.request<{ id: string }>(IdentityRpc.personRegister, { name: '李四', phone: '13912340007', idCardNumber: idCard(7), region: 'jingmen/dongbao/longquan/xiangshan/g03' }, { actor: admin });
    const [row] = await asApp.em.fork().execute<{ n: string }[]>(`select count(*) as n from "${schema}".audit_entry where target_id = ?`, [person.id]);
    expect(Number(row!.n)).toBe(1);
  });

  it('cannot change, delete, empty or unprotect the audit log', async () => {
    expect(await failure(asApp, `update "${schema}".audit_entry set operation = 'nothing'`)).toMatch(/append-only/);
    expect(await failure(asApp, `delete from "${schema}".audit_entry`)).toMatch(/append-only/);
    expect(await failure(asApp, `truncate "${schema}".audit_entry`)).toMatch(/permission denied/);
    expect(await failure(asApp, `drop trigger audit_entry_no_change on "${schema}".audit_entry`)).toMatch(/must be owner/);
    expect(await failure(asApp, `alter table "${schema}".audit_entry disable trigger all`)).toMatch(/must be owner/);
    // Even the owner's TRUNCATE meets the statement trigger.
    expect(await failure(owner, `truncate "${schema}".audit_entry`)).toMatch(/append-only/);
  });

  it('holds one active grant per account, role and region', async () => {
    const em = asApp.em.fork();
    const [account] = await em.execute<{ id: string }[]>(`select id from "${schema}".account limit 1`);
    const insert = `insert into "${schema}".role_grant (id, account_id, role, region) values (?, ?, 'grid_worker', 'jingmen/dongbao/longquan')`;
    await em.execute(insert, [randomUUID(), account!.id]);
    await expect(em.execute(insert, [randomUUID(), account!.id])).rejects.toThrow(/role_grant_active_unique/);
  });
});
