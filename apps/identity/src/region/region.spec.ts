// grids' region tree reaches identity through its events (published here on real NATS, as grids'
// outbox relay publishes them): grants and units name only regions grids has published and not
// archived, a redelivered event changes nothing, a move re-paths a whole subtree, and events of
// different types applied out of order (one consumer per type) still end where grids is.
import { AppError, type Actor } from '@gov/kernel';
import { IdentityRpc, type PersonView, type RoleGrantView, type UnitView } from '@gov/identity-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, idCard } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { GridsRegions, knownRegionStates, publishRegions, regionConsumersIdle, regionsKnown } from '../fixtures.js';
import { ensureBootstrapAdmin } from '../seed/bootstrap.js';
import { startIdentity, type IdentityTestApp } from '../testing.js';

const t = new TestContext();
let app: IdentityTestApp;
let rpc: RpcClient;
let regions: GridsRegions;
let cityAdmin: Actor;
let dongbaoAdmin: Actor;
let worker: PersonView;
let serial = 100;

const fail = (p: Promise<unknown>) =>
  p.then(
    (v) => {
      throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
    },
    (e: AppError) => e,
  );
const grant = (region: string, actor: Actor = dongbaoAdmin, role = 'grid_worker') => rpc.request<RoleGrantView>(IdentityRpc.roleGrant, { personId: worker.id, role, region }, { actor });
const createUnit = (region: string, actor: Actor = dongbaoAdmin) =>
  rpc.request<UnitView>(IdentityRpc.unitCreate, { code: `RG${serial++}`, name: '区域测试单位', kind: 'enterprise', region }, { actor });

/** Rows a grant or a unit would write, with their events and audit entries. */
async function writes(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ['role_grant', 'unit', 'outbox_event', 'audit_entry']) {
    const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".${table}`);
    out[table] = Number(row!.n);
  }
  return out;
}

interface NodeRow {
  path: string;
  county: string;
  archived: boolean;
  version: string;
  updated_at: Date;
}
async function node(id: string): Promise<NodeRow | undefined> {
  const [row] = await app.em().execute<NodeRow[]>(`select path, county, archived, version, updated_at from "${app.config.DB_SCHEMA}".known_region where id = ?`, [id]);
  return row;
}
async function everyNode(): Promise<unknown[]> {
  return app.em().execute(`select * from "${app.config.DB_SCHEMA}".known_region order by id`);
}
async function inboxRows(eventId: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".inbox_event where event_id = ?`, [eventId]);
  return Number(row!.n);
}

beforeAll(async () => {
  app = await startIdentity(t.env('identity', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  regions = await GridsRegions.of(t);
  cityAdmin = await ensureBootstrapAdmin(app.app, { username: 'city-admin', password: 'demo-city-2026', name: '市管理员', phone: '13800000001', idCardNumber: idCard(1), region: 'jingmen', grants: [{ role: 'city_admin', region: 'jingmen' }] });
  dongbaoAdmin = await ensureBootstrapAdmin(app.app, { username: 'dongbao-admin', password: 'password-1', name: '东宝管理员', phone: '13800000002', idCardNumber: idCard(2), region: 'jingmen/dongbao', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] });
  await publishRegions(app, regions, 'jingmen/dongbao/longquan/xiangshan/g01');
  worker = await rpc.request<PersonView>(
    IdentityRpc.personRegister,
    { name: '网格员', phone: '13912345678', idCardNumber: idCard(10), region: 'jingmen/dongbao/longquan/xiangshan/g01', username: 'rg-worker', password: 'rg-worker-1' },
    { actor: dongbaoAdmin },
  );
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('grants and units on regions the tree does not offer', () => {
  it('refuses a path grids has not published with VALIDATION UNKNOWN_REGION, and writes nothing', async () => {
    const before = await writes();
    for (const region of ['jingmen/dongbao/longquan/xiangshan/g99', 'jingmen/dongbao/nowhere']) {
      expect(await fail(grant(region))).toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_REGION', fields: [{ path: 'region' }] });
      expect(await fail(createUnit(region))).toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_REGION', fields: [{ path: 'region' }] });
    }
    expect(await writes()).toEqual(before);
  });

  it('has no way around it: a county grids never published is refused, even to the city admin', async () => {
    const before = await writes();
    expect(await knownRegionStates(app, ['jingmen/duodao'])).toEqual({});
    expect(await fail(grant('jingmen/duodao', cityAdmin, 'county_admin'))).toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_REGION' });
    expect(await fail(createUnit('jingmen/duodao', cityAdmin))).toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_REGION' });
    expect(await writes()).toEqual(before);
  });

  it("answers FORBIDDEN outside the caller's authority, whether the tree has the region or not", async () => {
    await publishRegions(app, regions, 'jingmen/duodao/duodaoshi');
    for (const region of ['jingmen/duodao/duodaoshi', 'jingmen/duodao/nowhere']) {
      expect(await fail(grant(region))).toMatchObject({ code: 'FORBIDDEN' });
      expect(await fail(createUnit(region))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe("grids' region events", () => {
  it('a region created by a grids event becomes grantable; the event redelivered changes nothing', async () => {
    const street = 'jingmen/dongbao/mahe';
    expect(await fail(grant(street))).toMatchObject({ reason: 'UNKNOWN_REGION' });
    await regions.create(street);
    const created = regions.lastEventId;
    await regionsKnown(app, [street]);
    expect(await grant(street)).toMatchObject({ region: street, role: 'grid_worker' });
    expect(await createUnit(street)).toMatchObject({ region: street });

    // JetStream delivers the same event again (no message id: it keeps the copy); the inbox drops it.
    const before = await everyNode();
    await regions.redeliverLast();
    await regionConsumersIdle(t);
    expect(await inboxRows(created)).toBe(1);
    expect(await everyNode()).toEqual(before);
  });

  it('an archived region is refused for grants and units, and an older event does not bring it back', async () => {
    const grid = 'jingmen/dongbao/longquan/xiangshan/g02';
    await publishRegions(app, regions, grid);
    await regions.archive(grid);
    await eventually(async () => ((await knownRegionStates(app, [grid]))[grid] === 'archived' ? true : undefined), 10_000);
    const before = await writes();
    expect(await fail(grant(grid))).toMatchObject({ code: 'VALIDATION', reason: 'REGION_ARCHIVED', fields: [{ path: 'region' }] });
    expect(await fail(createUnit(grid))).toMatchObject({ code: 'VALIDATION', reason: 'REGION_ARCHIVED' });
    expect(await writes()).toEqual(before);
    // An update grids wrote before the archive but applied after it (another consumer), then a later
    // one (grids updates only live nodes; identity never un-archives): archived either way.
    await regions.update(grid, { version: 1 });
    await regions.update(grid);
    await eventually(async () => (Number((await node(regions.id(grid)))?.version) === 3 ? true : undefined), 10_000);
    expect((await knownRegionStates(app, [grid]))[grid]).toBe('archived');
  });

  it("a moved subtree is grantable at its new paths, not at the old ones; the move redelivered changes nothing", async () => {
    const from = 'jingmen/dongbao/longquan/xiangshan';
    await publishRegions(app, regions, `${from}/g03/xq1`, 'jingmen/dongbao/quankou');
    expect(await grant(`${from}/g03`)).toMatchObject({ region: `${from}/g03` });
    const xq1 = regions.id(`${from}/g03/xq1`);

    const to = await regions.move(from, 'jingmen/dongbao/quankou');
    expect(to).toBe('jingmen/dongbao/quankou/xiangshan');
    await regionsKnown(app, [to, `${to}/g01`, `${to}/g03`, `${to}/g03/xq1`]);
    expect(await knownRegionStates(app, [from, `${from}/g01`, `${from}/g03`, `${from}/g03/xq1`])).toEqual({});
    // g02, archived above, moved along and stays archived.
    expect(await knownRegionStates(app, [`${to}/g02`])).toEqual({ [`${to}/g02`]: 'archived' });
    expect(await node(xq1)).toMatchObject({ path: `${to}/g03/xq1`, county: 'dongbao' });

    expect(await grant(`${to}/g03/xq1`)).toMatchObject({ region: `${to}/g03/xq1` });
    expect(await createUnit(`${to}/g01`)).toMatchObject({ region: `${to}/g01` });
    for (const old of [`${from}/g03/xq1`, `${from}/g01`]) {
      expect(await fail(grant(old))).toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_REGION' });
      expect(await fail(createUnit(old))).toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_REGION' });
    }

    const moveEvent = regions.lastEventId;
    const before = await everyNode();
    await regions.redeliverLast();
    await regionConsumersIdle(t);
    expect(await inboxRows(moveEvent)).toBe(1);
    expect(await everyNode()).toEqual(before);
  });

  it('puts a child created before its parent moved, but applied after the move, under the new path', async () => {
    // grids: community c under street s1 gets grid g01, then c moves under s2. Identity's created
    // consumer lags behind its moved one: g01's `created` (naming the old path) comes after the move.
    await publishRegions(app, regions, 'jingmen/dongbao/s1/c', 'jingmen/dongbao/s2');
    const community = regions.id('jingmen/dongbao/s1/c');
    const moved = await regions.move('jingmen/dongbao/s1/c', 'jingmen/dongbao/s2');
    await regionsKnown(app, [moved]);
    const gridId = randomUUID();
    const oldPath = 'jingmen/dongbao/s1/c/g01';
    await regions.publishAbout('created', { id: gridId, path: oldPath }, { id: gridId, parentId: community, path: oldPath, code: 'g01', level: 'grid', kind: 'grid', name: 'g01', archived: false }, { version: 1 });
    await regionsKnown(app, [`${moved}/g01`]);
    expect(await knownRegionStates(app, [oldPath])).toEqual({});

    // A move into another county takes the subtree, and its county, along.
    await publishRegions(app, regions, 'jingmen/duodao/macheng');
    const across = await regions.move(moved, 'jingmen/duodao/macheng');
    await regionsKnown(app, [across, `${across}/g01`]);
    expect(await node(gridId)).toMatchObject({ path: `${across}/g01`, county: 'duodao' });
  });

  it('keeps a node archived whose archive is applied before its creation', async () => {
    // grids created a grid and archived it; identity's archived consumer is ahead of its created one.
    const parent = 'jingmen/dongbao/longquan/jinlongquan';
    await publishRegions(app, regions, parent);
    const id = randomUUID();
    const path = `${parent}/g09`;
    await regions.publishAbout('archived', { id, path }, { id, path }, { version: 2 });
    await eventually(async () => ((await node(id))?.archived ? true : undefined), 10_000);
    await regions.publishAbout('created', { id, path }, { id, parentId: regions.id(parent), path, code: 'g09', level: 'grid', kind: 'grid', name: 'g09', archived: false }, { version: 1 });
    await eventually(async () => (Number((await node(id))?.version) === 1 ? true : undefined), 10_000);
    expect(await node(id)).toMatchObject({ path, archived: true });
    expect(await fail(grant(path))).toMatchObject({ code: 'VALIDATION', reason: 'REGION_ARCHIVED' });
  });
});
