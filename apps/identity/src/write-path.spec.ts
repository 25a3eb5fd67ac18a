// Identity's write path under pressure: refusals are decided before a write transaction opens, and
// writers that race past the service's own checks meet the database's constraints as CONFLICT.
import type { Actor } from '@gov/kernel';
import { AppError } from '@gov/kernel';
import { IdentityRpc, type PersonView, type StewardNumberView, type StewardView, type UnitView } from '@gov/identity-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, idCard } from '@gov/platform-testing';
import { GridsRegions, publishRegions } from './fixtures.js';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { startIdentity, type IdentityTestApp } from './testing.js';

/** Far more concurrent requests than connections. */
const POOL = 2;
const BURST = 30;
const t = new TestContext();
const grid = 'jingmen/dongbao/longquan/xiangshan/g03';
let app: IdentityTestApp;
let rpc: RpcClient;
let dongbao: Actor;
let duodao: Actor;
let steward: StewardView;
let resident: PersonView;

beforeAll(async () => {
  app = await startIdentity(t.env('identity', { DB_POOL_MAX: String(POOL) }));
  rpc = await t.rpc({ timeoutMs: 10_000 });
  dongbao = await ensureBootstrapAdmin(app.app, { username: 'dongbao-admin', password: 'password-1', name: '东宝管理员', phone: '13800000002', idCardNumber: idCard(2), region: 'jingmen/dongbao', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] });
  duodao = await ensureBootstrapAdmin(app.app, { username: 'duodao-admin', password: 'password-2', name: '掇刀管理员', phone: '13800000003', idCardNumber: idCard(3), region: 'jingmen/duodao', grants: [{ role: 'county_admin', region: 'jingmen/duodao' }] });
  await publishRegions(app, await GridsRegions.of(t), grid, 'jingmen/duodao');
  const unit = await rpc.request<UnitView>(IdentityRpc.unitCreate, { code: 'DBWP', name: '东宝测试单位', kind: 'enterprise', region: 'jingmen/dongbao' }, { actor: dongbao });
  const person = await rpc.request<PersonView>(IdentityRpc.personRegister, { name: '张三', phone: '13912345678', idCardNumber: idCard(10), region: grid }, { actor: dongbao });
  steward = await rpc.request<StewardView>(IdentityRpc.stewardEnroll, { personId: person.id, class: 6, unitId: unit.id, grid }, { actor: dongbao });
  resident = await rpc.request<PersonView>(IdentityRpc.personRegister, { name: '李四', phone: '13912345679', idCardNumber: idCard(11), region: grid, username: 'li-si', password: 'password-5' }, { actor: dongbao });
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('identity write path', () => {
  it(`answers a burst of ${BURST} refused writes on a pool of ${POOL} connections, and each refusal is audited`, async () => {
    const refused = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        (i % 2
          ? rpc.request(IdentityRpc.stewardUpdate, { id: steward.id, class: 5 }, { actor: duodao })
          : rpc.request(IdentityRpc.roleGrant, { personId: resident.id, role: 'grid_worker', region: grid }, { actor: duodao })
        ).catch((e: AppError) => e),
      ),
    );
    expect(refused.map((e) => (e as AppError).code)).toEqual(Array(BURST).fill('FORBIDDEN').map((code, i) => (i % 2 ? 'NOT_FOUND' : code)));
    const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".audit_entry where outcome = 'denied' and actor_name = 'duodao-admin'`);
    expect(Number(row!.n)).toBe(BURST);
    // Nothing changed, and the allowed write still goes through at once.
    expect(await rpc.request<StewardView>(IdentityRpc.stewardUpdate, { id: steward.id, class: 5 }, { actor: dongbao })).toMatchObject({ class: 5 });
  });

  it('keeps every number a steward held: a class change retires the old one, and another county gets NOT_FOUND', async () => {
    const first = await rpc.request<StewardNumberView[]>(IdentityRpc.stewardNumberHistory, { id: steward.id }, { actor: dongbao });
    const changed = await rpc.request<StewardView>(IdentityRpc.stewardUpdate, { id: steward.id, class: 3 }, { actor: dongbao });
    const history = await rpc.request<StewardNumberView[]>(IdentityRpc.stewardNumberHistory, { id: steward.id }, { actor: dongbao });
    expect(history).toHaveLength(first.length + 1);
    expect(history.slice(0, -1).every((h) => h.retiredAt !== null)).toBe(true);
    expect(history.at(-1)).toMatchObject({ number: changed.number, retiredAt: null });
    expect(history.map((h) => h.number)).toContain(steward.number);
    expect(changed.number.startsWith('3-')).toBe(true);
    await expect(rpc.request(IdentityRpc.stewardNumberHistory, { id: steward.id }, { actor: duodao })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('grants a role once when the same grant races, and answers the others CONFLICT', async () => {
    const grant = { personId: resident.id, role: 'steward', region: grid };
    const results = await Promise.all(Array.from({ length: 8 }, () => rpc.request(IdentityRpc.roleGrant, grant, { actor: dongbao }).catch((e: AppError) => e)));
    const failures = results.filter((r) => r instanceof AppError) as AppError[];
    expect(results.length - failures.length).toBe(1);
    expect(new Set(failures.map((f) => f.code))).toEqual(new Set(['CONFLICT']));
    const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".role_grant where role = 'steward' and region = ? and revoked_at is null`, [grid]);
    expect(Number(row!.n)).toBe(1);
  });
});
