import type { Actor, Page } from '@gov/kernel';
import { GridsRpc, type CentralHeadCoverageView, type CentralHeadView, type HouseholdView, type RegionView } from '@gov/grids-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents, type StoredEvent } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { box, knownPerson, sampleTerritory, type SampleTerritory } from '../fixtures.js';
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
const g03Worker = actor('jingmen/dongbao/longquan/xiangshan/g03', 'grid_worker');
const g01Worker = actor('jingmen/dongbao/longquan/xiangshan/g01', 'grid_worker');
const xiangshanResident = actor('jingmen/dongbao/longquan/xiangshan', 'resident');
const g03Steward = actor('jingmen/dongbao/longquan/xiangshan/g03', 'steward');

const register = (buildingId: string, number: string, as: Actor = dongbaoAdmin) => rpc.request<HouseholdView>(GridsRpc.householdRegister, { buildingId, number }, { actor: as });
const addMember = (householdId: string, personId: string, relation = 'other', as: Actor = dongbaoAdmin) =>
  rpc.request<HouseholdView>(GridsRpc.householdAddMember, { householdId, personId, relation }, { actor: as });
const list = (regionId: string, as: Actor, first?: number, after?: string | null) => rpc.request<Page<HouseholdView>>(GridsRpc.householdList, { regionId, first, after }, { actor: as });
const coverage = (regionId: string, as: Actor = dongbaoAdmin) => rpc.request<CentralHeadCoverageView>(GridsRpc.centralHeadCoverage, { regionId }, { actor: as });
const createRegion = (input: Record<string, unknown>) => rpc.request<RegionView>(GridsRpc.regionCreate, input, { actor: cityAdmin });
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".${table} where ${where}`, params))[0]!.n);

/** The first event of `type` that `match` accepts, once the relay has published it. */
async function eventOf(type: string, match: (e: StoredEvent) => boolean): Promise<StoredEvent> {
  return eventually(async () => (await readEvents(await t.nats(), t.ns, (x) => x.type === type && match(x)))[0]);
}

beforeAll(async () => {
  app = await startGrids(t.env('grids', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  land = await sampleTerritory(rpc, cityAdmin);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('households', () => {
  let h301: HouseholdView;

  it('registers a household under a building, for an admin or the grid worker', async () => {
    h301 = await register(land.building1.id, '2-301');
    expect(h301).toMatchObject({ buildingId: land.building1.id, number: '2-301', region: land.building1.path, centralHeadId: null, members: [] });
    const byWorker = await register(land.building1.id, 'a-302', g03Worker);
    expect(byWorker.number).toBe('A-302');
    expect(await count('household', 'building_id = ?', [land.building1.id])).toBe(2);
  });

  it('refuses a duplicate number in the building with CONFLICT and writes nothing', async () => {
    const before = await count('household');
    const events = await count('outbox_event');
    await expect(register(land.building1.id, '2-301')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_NUMBER_TAKEN' });
    await expect(register(land.building1.id, ' 2-301 ', g03Worker)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count('household')).toBe(before);
    expect(await count('outbox_event')).toBe(events);
    // The same number in another building is another household.
    expect((await register(land.building2.id, '2-301')).buildingId).toBe(land.building2.id);
  });

  it('registers only under active buildings the caller may change', async () => {
    await expect(register(land.g03.id, '101')).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'buildingId', message: 'must be a building' }] });
    await expect(register(randomUUID(), '101')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const old = await createRegion({ parentId: land.compound.id, code: 'b9', name: '象山新村9栋', location: { lat: 31.031, lng: 112.203 } });
    await rpc.request(GridsRpc.regionArchive, { id: old.id }, { actor: cityAdmin });
    await expect(register(old.id, '101')).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'buildingId', message: 'the building is archived' }] });
    await expect(register(land.building1.id, '2 301')).rejects.toMatchObject({ code: 'VALIDATION' });
    // Another county's building is as unknown as a made-up id; the message names no region.
    const hidden = register(land.building1.id, '101', duodaoAdmin);
    await expect(hidden).rejects.toMatchObject({ code: 'NOT_FOUND', message: `building ${land.building1.id} not found` });
    // Seen but not writable: residents, stewards. A grid worker of another grid does not see it.
    for (const who of [xiangshanResident, g03Steward]) await expect(register(land.building1.id, '101', who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(register(land.building1.id, '101', g01Worker)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rpc.request(GridsRpc.householdRegister, { buildingId: land.building1.id, number: '101' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('adds members; a person belongs to one household, a household has one head', async () => {
    const [p1, p2, p3] = [await knownPerson(app.app, land.g03.path), await knownPerson(app.app, land.g03.path), await knownPerson(app.app, land.g03.path)];
    await addMember(h301.id, p1, 'head');
    const h = await addMember(h301.id, p2, 'spouse', g03Worker);
    expect(h.members.map((m) => [m.personId, m.relation])).toEqual([
      [p1, 'head'],
      [p2, 'spouse'],
    ]);
    const other = await register(land.building2.id, '1-101');
    await expect(addMember(other.id, p1, 'child')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'PERSON_HAS_HOUSEHOLD' });
    await expect(addMember(h301.id, p2, 'child')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_MEMBER' });
    await expect(addMember(h301.id, p3, 'head')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_HAS_HEAD' });
    await expect(addMember(h301.id, p3, 'cousin')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await count('household_member', 'person_id = ?', [p1])).toBe(1);
    // Outside the caller's regions the household does not exist.
    await expect(addMember(h301.id, p3, 'child', duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `household ${h301.id} not found` });
    await expect(addMember(h301.id, p3, 'child', xiangshanResident)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(addMember(h301.id, p3, 'child', g03Steward)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const added = await eventOf('gov.grids.household.member-added.v1', (e) => (e.data as { personId: string }).personId === p1);
    expect(added.data).toMatchObject({ householdId: h301.id, personId: p1, relation: 'head' });
    expect(added.natsSubject).toBe(`${t.runId}.evt.dongbao.grids.household.member-added.v1`);
  });

  it('moves a household to another building: path, event, and numbers still unique', async () => {
    const moving = await register(land.building1.id, '5-501');
    await register(land.building2.id, '5-502');
    const moved = await rpc.request<HouseholdView>(GridsRpc.householdMove, { id: moving.id, buildingId: land.building2.id }, { actor: g03Worker });
    expect(moved).toMatchObject({ id: moving.id, buildingId: land.building2.id, region: land.building2.path, number: '5-501' });
    const clash = await register(land.building1.id, '5-502');
    await expect(rpc.request(GridsRpc.householdMove, { id: clash.id, buildingId: land.building2.id }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await count('household', 'id = ? and building_id = ?', [clash.id, land.building1.id])).toBe(1);
    await expect(rpc.request(GridsRpc.householdMove, { id: moving.id, buildingId: land.building1.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A grid worker of g01 holds no role where the household lies (g03): it does not exist for them.
    await expect(rpc.request(GridsRpc.householdMove, { id: moving.id, buildingId: land.building1.id }, { actor: g01Worker })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const e = await eventOf('gov.grids.household.moved.v1', (x) => x.subject === moving.id);
    expect(e.data).toMatchObject({ id: moving.id, buildingId: land.building2.id, previousBuildingId: land.building1.id, region: land.building2.path });
    const registered = await eventOf('gov.grids.household.registered.v1', (x) => x.subject === h301.id);
    expect(registered.data).toMatchObject({ id: h301.id, number: '2-301', buildingId: land.building1.id });
  });

  it('lists households below a node, keyset-paged, for roles on the node or above only', async () => {
    const all: HouseholdView[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const p: Page<HouseholdView> = await list(land.xiangshan.id, dongbaoAdmin, 3, after);
      all.push(...p.items);
      if (!p.hasNextPage) break;
      after = p.endCursor;
    }
    const total = await count('household', "region_path like 'jingmen/dongbao/longquan/xiangshan/%'");
    expect(all).toHaveLength(total);
    expect(new Set(all.map((h) => h.id)).size).toBe(total);
    expect(all.find((h) => h.id === h301.id)?.members).toHaveLength(2);

    expect((await list(land.building2.id, g03Worker, 100)).items.every((h) => h.buildingId === land.building2.id)).toBe(true);
    // A steward of the grid sees households; a resident does not; a grid worker of g01 sees g03's none.
    expect((await list(land.g03.id, g03Steward, 100)).items).toHaveLength(total);
    await expect(list(land.xiangshan.id, xiangshanResident)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(list(land.g03.id, g01Worker)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // On the community the g01 worker gets g01's part only (none).
    expect((await list(land.xiangshan.id, g01Worker)).items).toEqual([]);
    // Another county: its nodes are unknown, and the city's list holds only its own households.
    await expect(list(land.xiangshan.id, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await list(land.city.id, duodaoAdmin)).toEqual({ items: [], endCursor: null, hasNextPage: false });
    await expect(list(land.city.id, dongbaoAdmin, 1, 'bogus')).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('central-household heads (十户一联)', () => {
  let c1: RegionView;
  let c2: RegionView;
  const households: HouseholdView[] = [];
  const residents: string[] = [];
  let headA: CentralHeadView;
  let headB: CentralHeadView;

  beforeAll(async () => {
    // 25 households in two buildings of grid g02: 13 in c1, 12 in c2, one resident each.
    c1 = await createRegion({ parentId: land.g02.id, code: 'c1', name: '二网格1栋', location: { lat: 31.03, lng: 112.195 } });
    c2 = await createRegion({ parentId: land.g02.id, code: 'c2', name: '二网格2栋', location: { lat: 31.031, lng: 112.196 } });
    for (let i = 0; i < 25; i++) {
      const h = await register(i < 13 ? c1.id : c2.id, `1-${String(101 + i)}`);
      residents.push(await knownPerson(app.app, c1.path));
      await addMember(h.id, residents[i]!, 'head');
      households.push(h);
    }
  }, 60_000);

  it('appoints a member of the household as head, and links the household to them', async () => {
    headA = await rpc.request<CentralHeadView>(GridsRpc.centralHeadAppoint, { personId: residents[0], householdId: households[0]!.id, partyMember: true }, { actor: dongbaoAdmin });
    expect(headA).toMatchObject({ personId: residents[0], householdId: households[0]!.id, partyMember: true, region: c1.path, householdCount: 1, overloaded: false });
    headB = await rpc.request<CentralHeadView>(GridsRpc.centralHeadAppoint, { personId: residents[13], householdId: households[13]!.id }, { actor: dongbaoAdmin });
    expect(headB).toMatchObject({ partyMember: false, region: c2.path, householdCount: 1 });

    await expect(rpc.request(GridsRpc.centralHeadAppoint, { personId: residents[0], householdId: households[0]!.id }, { actor: dongbaoAdmin })).rejects.toMatchObject({
      code: 'CONFLICT',
      reason: 'ALREADY_CENTRAL_HEAD',
    });
    await expect(rpc.request(GridsRpc.centralHeadAppoint, { personId: residents[1], householdId: households[0]!.id }, { actor: dongbaoAdmin })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'personId', message: 'must be a member of the household' }],
    });
    await expect(rpc.request(GridsRpc.centralHeadAppoint, { personId: residents[2], householdId: households[2]!.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const e = await eventOf('gov.grids.central-head.appointed.v1', (x) => x.subject === headA.id);
    expect(e.data).toMatchObject({ id: headA.id, personId: residents[0], partyMember: true });
  });

  it('reports coverage: 25 households, two heads with ten each, five uncovered', async () => {
    const linkA = await rpc.request<CentralHeadView>(GridsRpc.centralHeadLink, { centralHeadId: headA.id, householdIds: households.slice(0, 10).map((h) => h.id) }, { actor: dongbaoAdmin });
    expect(linkA).toMatchObject({ id: headA.id, householdCount: 10, overloaded: false });
    await rpc.request(GridsRpc.centralHeadLink, { centralHeadId: headB.id, householdIds: households.slice(10, 20).map((h) => h.id) }, { actor: dongbaoAdmin });

    const report = await coverage(land.g02.id);
    expect(report).toMatchObject({ regionId: land.g02.id, households: 25, covered: 20, uncovered: 5 });
    expect(report.heads).toEqual([
      { id: headA.id, personId: residents[0], householdId: households[0]!.id, partyMember: true, householdCount: 10, overloaded: false },
      { id: headB.id, personId: residents[13], householdId: households[13]!.id, partyMember: false, householdCount: 10, overloaded: false },
    ]);
    expect(report.uncoveredHouseholds).toEqual(households.slice(20).map((h) => ({ id: h.id, number: h.number, buildingId: c2.id, buildingName: '二网格2栋' })));
    // The community's report includes g02's; a building's only its own.
    expect(await coverage(land.xiangshan.id)).toMatchObject({ covered: 20 });
    expect(await coverage(c1.id)).toMatchObject({ households: 13, covered: 13, uncovered: 0 });
    const listed = await list(c1.id, dongbaoAdmin, 100);
    expect(listed.items.filter((h) => h.centralHeadId === headA.id)).toHaveLength(10);
  });

  it('flags a head with more than fifteen households', async () => {
    const more = [...households.slice(20), households[10]!].map((h) => h.id);
    const a = await rpc.request<CentralHeadView>(GridsRpc.centralHeadLink, { centralHeadId: headA.id, householdIds: more }, { actor: dongbaoAdmin });
    expect(a).toMatchObject({ householdCount: 16, overloaded: true });
    const report = await coverage(land.g02.id);
    expect(report).toMatchObject({ households: 25, covered: 25, uncovered: 0, uncoveredHouseholds: [] });
    expect(report.heads.map((h) => [h.householdCount, h.overloaded])).toEqual([
      [16, true],
      [9, false],
    ]);
    const e = await eventOf('gov.grids.central-head.households-linked.v1', (x) => (x.data as { householdCount: number }).householdCount === 16);
    expect(e.data).toMatchObject({ centralHeadId: headA.id, overloaded: true });
    expect((e.data as { households: { id: string; previousHeadId: string | null }[] }).households).toContainEqual({ id: households[10]!.id, previousHeadId: headB.id });
  });

  it('links households of the same community only, and hides other counties', async () => {
    // A second community of Longquan with one household.
    const longjing = await createRegion({ parentId: land.longquan.id, code: 'longjing', name: '龙井社区', kind: 'community', shape: box(112.22, 31.06, 112.24, 31.08) });
    const ljGrid = await createRegion({ parentId: longjing.id, code: 'g01', name: '龙井社区第一网格', shape: box(112.22, 31.06, 112.24, 31.08) });
    const ljBuilding = await createRegion({ parentId: ljGrid.id, code: 'b1', name: '龙井1栋', location: { lat: 31.07, lng: 112.23 } });
    const far = await register(ljBuilding.id, '101');
    const before = await count('household', 'central_head_id is not null');
    await expect(rpc.request(GridsRpc.centralHeadLink, { centralHeadId: headB.id, householdIds: [households[24]!.id, far.id] }, { actor: dongbaoAdmin })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'householdIds.1', message: "is not in the central head's community" }],
    });
    expect(await count('household', 'central_head_id is not null')).toBe(before);
    expect(await count('household', 'id = ? and central_head_id = ?', [households[24]!.id, headA.id])).toBe(1);

    // Duodao: the head and the households do not exist; the coverage of a Dongbao node neither.
    await expect(rpc.request(GridsRpc.centralHeadLink, { centralHeadId: headB.id, householdIds: [households[24]!.id] }, { actor: duodaoAdmin })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `central head ${headB.id} not found`,
    });
    await expect(coverage(land.g02.id, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(coverage(land.g02.id, xiangshanResident)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(coverage(land.city.id, duodaoAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await coverage(land.baishipo.id, duodaoAdmin)).toMatchObject({ households: 0, covered: 0, uncovered: 0, heads: [], uncoveredHouseholds: [] });
  });

  it("a head's household moving to another community takes the head along and leaves the old community's households", async () => {
    const longjingBuilding = (await rpc.request<RegionView>(GridsRpc.regionByPath, { path: 'jingmen/dongbao/longquan/longjing/g01/b1' }, { actor: dongbaoAdmin })).id;
    const moved = await rpc.request<HouseholdView>(GridsRpc.householdMove, { id: households[13]!.id, buildingId: longjingBuilding }, { actor: dongbaoAdmin });
    expect(moved.centralHeadId).toBe(headB.id);
    const report = await coverage(land.g02.id);
    // headB's eight other households in g02 lost their head; the moved household left g02.
    expect(report).toMatchObject({ households: 24, covered: 16, uncovered: 8 });
    expect(report.heads.map((h) => h.id)).toEqual([headA.id]);
    const longjing = await coverage((await rpc.request<RegionView>(GridsRpc.regionByPath, { path: 'jingmen/dongbao/longquan/longjing' }, { actor: dongbaoAdmin })).id);
    expect(longjing.heads).toEqual([expect.objectContaining({ id: headB.id, householdCount: 1 })]);
  });
});
