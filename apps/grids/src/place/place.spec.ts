import type { Actor } from '@gov/kernel';
import { GridsRpc, type PlaceView } from '@gov/grids-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { sampleTerritory, type SampleTerritory } from '../fixtures.js';
import { startGrids, type GridsTestApp } from '../testing.js';

const t = new TestContext();
let app: GridsTestApp;
let rpc: RpcClient;
let land: SampleTerritory;

const actor = (region: string, role: Actor['grants'][number]['role'] = 'county_admin'): Actor => ({
  accountId: randomUUID(),
  personId: null,
  username: `${role}-${region.split('/').at(-1)}`,
  grants: [{ role, region }],
});
const cityAdmin = actor('jingmen', 'city_admin');
const dongbaoAdmin = actor('jingmen/dongbao');
const duodaoAdmin = actor('jingmen/duodao');
const xiangshanAdmin = actor('jingmen/dongbao/longquan/xiangshan', 'community_admin');
const g03Worker = actor('jingmen/dongbao/longquan/xiangshan/g03', 'grid_worker');
const g03Resident = actor('jingmen/dongbao/longquan/xiangshan/g03', 'resident');

const create = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => rpc.request<PlaceView>(GridsRpc.placeCreate, input, { actor: as });
const places = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => rpc.request<PlaceView[]>(GridsRpc.placeList, input, { actor: as });
const placeRows = async () => Number((await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".place`))[0]!.n);

beforeAll(async () => {
  app = await startGrids(t.env('grids', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  land = await sampleTerritory(rpc, cityAdmin);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('places', () => {
  let post: PlaceView;

  it('creates a place inside its node, with the nodes it covers, and publishes it', async () => {
    post = await create({
      kind: 'sentinel_post',
      name: ' 象山新村哨点 ',
      regionId: land.g03.id,
      location: land.inG03,
      contactPhone: '0724 2345678',
      openingHours: '8:00–18:00',
      covers: [land.compound.id, land.g03.id],
    });
    expect(post).toMatchObject({
      kind: 'sentinel_post',
      name: '象山新村哨点',
      regionId: land.g03.id,
      region: land.g03.path,
      location: land.inG03,
      contactPhone: '07242345678',
      openingHours: '8:00–18:00',
      distanceM: null,
    });
    expect(post.covers).toEqual([land.compound.id, land.g03.id].sort());
    const office = await create({ kind: 'office', name: '象山社区办公室', regionId: land.xiangshan.id, location: { lat: 31.03, lng: 112.19 }, contactPhone: '0724-2345678-12' }, xiangshanAdmin);
    expect(office).toMatchObject({ contactPhone: '0724-2345678-12', openingHours: null, covers: [] });

    const e = await eventually(async () => (await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.grids.place.created.v1' && x.subject === post.id))[0]);
    expect(e.natsSubject).toBe(`${t.runId}.evt.dongbao.grids.place.created.v1`);
    expect(e.data).toMatchObject({ id: post.id, kind: 'sentinel_post', region: land.g03.path });
  });

  it('refuses a location outside the node’s shape with VALIDATION and writes nothing', async () => {
    const before = await placeRows();
    // In g01, not in g03.
    await expect(create({ kind: 'market', name: '菜市场', regionId: land.g03.id, location: { lat: 31.03, lng: 112.185 } })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'location', message: expect.stringMatching(/outside the shape/) }],
    });
    expect(await placeRows()).toBe(before);
    // The same point in g01 is fine.
    expect((await create({ kind: 'market', name: '菜市场', regionId: land.g01.id, location: { lat: 31.03, lng: 112.185 } })).region).toBe(land.g01.path);
  });

  it('checks the input: phone, opening hours, kind, covered nodes in the same county', async () => {
    const base = { kind: 'steward_station', name: '红管家驿站', regionId: land.g03.id, location: land.inG03 };
    await expect(create({ ...base, contactPhone: '12' })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'contactPhone' }] });
    await expect(create({ ...base, openingHours: 'x'.repeat(101) })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'openingHours' }] });
    await expect(create({ ...base, kind: 'castle' })).rejects.toMatchObject({ code: 'VALIDATION' });
    // The city admin sees Duodao, so the answer is VALIDATION; the Dongbao admin does not: NOT_FOUND.
    await expect(create({ ...base, covers: [land.g03.id, land.baishipo.id] }, cityAdmin)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'covers.1', message: "is not in the place's county" }],
    });
    await expect(create({ ...base, covers: [land.baishipo.id] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `region ${land.baishipo.id} not found` });
    // Admins only: a grid worker and a resident see the node but may not add places.
    await expect(create(base, g03Worker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(create(base, g03Resident)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(create(base, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists places nearest first within a radius, filtered by kind', async () => {
    // Studios ~100 m, ~300 m and ~3 km east of a point in g03's compound.
    const origin = { lat: 31.033, lng: 112.204 };
    const east = (m: number) => ({ lat: origin.lat, lng: origin.lng + m / (111_320 * Math.cos((origin.lat * Math.PI) / 180)) });
    const far = await create({ kind: 'steward_studio', name: 'C 工作室', regionId: land.longquan.id, location: east(3000) });
    const mid = await create({ kind: 'steward_studio', name: 'A 工作室', regionId: land.g03.id, location: east(300) });
    const near = await create({ kind: 'steward_studio', name: 'B 工作室', regionId: land.compound.id, location: east(100) });
    const found = await places({ regionId: land.dongbao.id, kinds: ['steward_studio'], near: { ...origin, radiusM: 1000 } });
    expect(found.map((p) => p.id)).toEqual([near.id, mid.id]);
    expect(found[0]!.distanceM).toBeGreaterThan(90);
    expect(found[0]!.distanceM).toBeLessThan(110);
    expect(found[1]!.distanceM).toBeGreaterThan(290);
    expect(found[1]!.distanceM).toBeLessThan(310);
    const wide = await places({ regionId: land.dongbao.id, kinds: ['steward_studio', 'sentinel_post'], near: { ...origin, radiusM: 5000 } });
    // The sentinel post stands ~95 m east of the origin: just nearer than the first studio.
    expect(wide.map((p) => p.id)).toEqual([post.id, near.id, mid.id, far.id]);
    expect(wide.map((p) => p.distanceM)).toEqual([...wide.map((p) => p.distanceM)].sort((a, b) => a! - b!));
    // Only the subtree: the Longquan studio is not in g03.
    expect((await places({ regionId: land.g03.id, kinds: ['steward_studio'] })).map((p) => p.name)).toEqual(['A 工作室', 'B 工作室']);
    expect(await places({ regionId: land.g03.id, kinds: ['steward_studio'], first: 1 })).toHaveLength(1);
    await expect(places({ regionId: land.g03.id, near: { ...origin, radiusM: 5001 } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('shows places to anyone working on, above or below their node, and nothing of another county', async () => {
    // A resident of g03 sees g03's and the compound's places and those above (the community's office), not g01's market.
    const seen = await places({ regionId: land.dongbao.id, first: 100 }, g03Resident);
    const regions = new Set(seen.map((p) => p.region));
    expect(regions.has(land.g03.path) && regions.has(land.compound.path) && regions.has(land.xiangshan.path) && regions.has(land.longquan.path)).toBe(true);
    expect(regions.has(land.g01.path)).toBe(false);
    expect(seen.length).toBeGreaterThan(0);

    await expect(places({ regionId: land.g03.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await places({ regionId: land.city.id, first: 100 }, duodaoAdmin)).toEqual([]);
    expect(await places({ regionId: land.city.id, near: { ...land.inG03, radiusM: 5000 } }, duodaoAdmin)).toEqual([]);
    const inDuodao = await create({ kind: 'party_mass_centre', name: '白石坡党群服务中心', regionId: land.baishipo.id, location: land.inBaishipo, covers: [land.baishipoG01.id] }, duodaoAdmin);
    expect((await places({ regionId: land.city.id, first: 100 }, duodaoAdmin)).map((p) => p.id)).toEqual([inDuodao.id]);
    expect((await places({ regionId: land.city.id, first: 100 }, dongbaoAdmin)).map((p) => p.id)).not.toContain(inDuodao.id);
    expect((await places({ regionId: land.city.id, first: 100 }, cityAdmin)).map((p) => p.id)).toContain(inDuodao.id);
  });
});
