import { type Actor } from '@gov/kernel';
import { IdentityRpc, type PersonView, type StewardView, type TokenPair, type UnitView } from '@gov/identity-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents, idCard } from '@gov/platform-testing';
import { startIdentity, type IdentityTestApp } from './testing.js';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { GridsRegions, publishRegions } from './fixtures.js';


const t = new TestContext();
let app: IdentityTestApp;
let rpc: RpcClient;
let cityAdmin: Actor;
let dongbaoAdmin: Actor;
let duodaoAdmin: Actor;

beforeAll(async () => {
  app = await startIdentity(t.env('identity', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  cityAdmin = await ensureBootstrapAdmin(app.app, { username: 'city-admin', password: 'demo-city-2026', name: '市管理员', phone: '13800000001', idCardNumber: idCard(1), region: 'jingmen', grants: [{ role: 'city_admin', region: 'jingmen' }] });
  dongbaoAdmin = await ensureBootstrapAdmin(app.app, { username: 'dongbao-admin', password: 'password-1', name: '东宝管理员', phone: '13800000002', idCardNumber: idCard(2), region: 'jingmen/dongbao', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] });
  duodaoAdmin = await ensureBootstrapAdmin(app.app, { username: 'duodao-admin', password: 'password-2', name: '掇刀管理员', phone: '13800000003', idCardNumber: idCard(3), region: 'jingmen/duodao', grants: [{ role: 'county_admin', region: 'jingmen/duodao' }] });
  // Units and grants name regions of grids' tree: identity must have its events first.
  await publishRegions(app, await GridsRegions.of(t), 'jingmen/dongbao', 'jingmen/duodao');
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

const grid = 'jingmen/dongbao/longquan/xiangshan/g03';

describe('identity service over NATS', () => {
  let unit: UnitView;
  let person: PersonView;
  let steward: StewardView;

  it('creates a unit, registers a person and enrolls them as a steward with a number', async () => {
    unit = await rpc.request<UnitView>(IdentityRpc.unitCreate, { code: 'DBWJ', name: '东宝区卫健局', kind: 'government_department', region: 'jingmen/dongbao' }, { actor: dongbaoAdmin });
    person = await rpc.request<PersonView>(IdentityRpc.personRegister, { name: '张三', phone: '13912345678', idCardNumber: idCard(10), region: grid }, { actor: dongbaoAdmin });
    expect(person.phone).toBe('139****5678');
    expect(person.idCardNumber).toMatch(/^420802\*{8}\d{3}[\dX]$/);
    steward = await rpc.request<StewardView>(IdentityRpc.stewardEnroll, { personId: person.id, class: 6, unitId: unit.id, grid, building: '12' }, { actor: dongbaoAdmin });
    expect(steward.number).toBe('6-DBWJ-G03-12-0001');
  });

  it('publishes the enrolled event through the outbox with CloudEvents headers', async () => {
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.identity.steward.enrolled.v1');
      return e.length ? e : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.natsSubject).toBe(`${t.runId}.evt.dongbao.identity.steward.enrolled.v1`);
    expect(events[0]!.headers.get('Nats-Msg-Id')).toBe(events[0]!.id);
    expect(events[0]!.county).toBe('dongbao');
    expect((events[0]!.data as StewardView).number).toBe(steward.number);
  });

  it('keeps county B out of county A', async () => {
    // Outside the caller's regions a person is not found, exactly like an unknown id.
    await expect(rpc.request(IdentityRpc.personGet, { id: person.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `person ${person.id} not found` });
    await expect(rpc.request(IdentityRpc.stewardGet, { id: steward.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.request(IdentityRpc.personGetMany, { ids: [person.id] }, { actor: duodaoAdmin })).toEqual([]);
  });

  it('unmasks only for permitted admins and audits it', async () => {
    // A grid worker of the same grid may read the person, masked, but not unmask them.
    const gridWorker = await ensureBootstrapAdmin(app.app, { username: 'xiangshan-grid', password: 'password-4', name: '网格员', phone: '13800000004', idCardNumber: idCard(4), region: grid, grants: [{ role: 'grid_worker', region: grid }] });
    expect(await rpc.request<PersonView>(IdentityRpc.personGet, { id: person.id }, { actor: gridWorker })).toMatchObject({ masked: true, phone: '139****5678' });
    await expect(rpc.request(IdentityRpc.personGet, { id: person.id, unmask: true }, { actor: gridWorker })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const denied = await rpc.request<any>(IdentityRpc.auditList, { targetId: person.id, operation: 'person.unmask' }, { actor: cityAdmin });
    expect(denied.items.map((e: any) => [e.actorName, e.outcome])).toEqual([['xiangshan-grid', 'denied']]);

    const full = await rpc.request<PersonView>(IdentityRpc.personGet, { id: person.id, unmask: true }, { actor: cityAdmin });
    expect(full.phone).toBe('13912345678');
    expect(full.masked).toBe(false);
    const audit = await rpc.request<any>(IdentityRpc.auditList, { targetId: person.id, operation: 'person.unmask' }, { actor: cityAdmin });
    expect(audit.items.map((e: any) => [e.actorName, e.outcome])).toEqual([['city-admin', 'ok'], ['xiangshan-grid', 'denied']]);
  });

  it("does not show one person's phone as another's when the ciphertext is copied between rows", async () => {
    const other = await rpc.request<PersonView>(IdentityRpc.personRegister, { name: '李四', phone: '13700001111', idCardNumber: idCard(12), region: grid }, { actor: dongbaoAdmin });
    await app.em().execute(`update "${app.config.DB_SCHEMA}".person set phone_enc = (select phone_enc from "${app.config.DB_SCHEMA}".person where id = ?) where id = ?`, [person.id, other.id]);
    const err = await rpc.request(IdentityRpc.personGet, { id: other.id, unmask: true }, { actor: cityAdmin }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INTERNAL' });
    expect(JSON.stringify(err)).not.toContain('5678');
  });

  it('logs in by username and by phone', async () => {
    const byName = await rpc.request<TokenPair>(IdentityRpc.login, { login: 'city-admin', password: 'demo-city-2026' });
    expect(byName.accessToken.split('.')).toHaveLength(3);
    const byPhone = await rpc.request<TokenPair>(IdentityRpc.login, { login: '13800000001', password: 'demo-city-2026' });
    expect(byPhone.refreshToken).not.toBe(byName.refreshToken);
    await expect(rpc.request(IdentityRpc.login, { login: 'city-admin', password: 'wrong' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_CREDENTIALS' });
  });
});
