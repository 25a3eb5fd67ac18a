import type { Actor } from '@gov/kernel';
import { GridsRpc, type CentralHeadView, type HouseholdView, type PartyOrgView, type RegionView } from '@gov/grids-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
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
const xiangshanResident = actor('jingmen/dongbao/longquan/xiangshan', 'resident');

const create = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => rpc.request<PartyOrgView>(GridsRpc.partyOrgCreate, input, { actor: as });
const link = (centralHeadId: string, partyOrgId: string, as: Actor = dongbaoAdmin) => rpc.request<PartyOrgView>(GridsRpc.partyOrgLinkCentralHead, { centralHeadId, partyOrgId }, { actor: as });
const list = (regionId: string, as: Actor = dongbaoAdmin) => rpc.request<PartyOrgView[]>(GridsRpc.partyOrgList, { regionId }, { actor: as });
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".${table} where ${where}`, params))[0]!.n);

/** A household in the building with a central head (a party member or not). */
async function headIn(buildingId: string, number: string, partyMember: boolean): Promise<CentralHeadView> {
  const building = await rpc.request<RegionView>(GridsRpc.regionGet, { id: buildingId }, { actor: dongbaoAdmin });
  const person = await knownPerson(app.app, building.path);
  const h = await rpc.request<HouseholdView>(GridsRpc.householdRegister, { buildingId, number }, { actor: dongbaoAdmin });
  await rpc.request(GridsRpc.householdAddMember, { householdId: h.id, personId: person, relation: 'head' }, { actor: dongbaoAdmin });
  return rpc.request<CentralHeadView>(GridsRpc.centralHeadAppoint, { personId: person, householdId: h.id, partyMember }, { actor: dongbaoAdmin });
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

describe('the party organisation overlay', () => {
  let community: PartyOrgView;
  let branch: PartyOrgView;
  let group: PartyOrgView;
  let head: CentralHeadView;

  it('builds community organisation → compound branch → building group, with a secretary grids knows', async () => {
    const secretary = await knownPerson(app.app, land.g03.path);
    community = await create({ kind: 'community_org', regionId: land.xiangshan.id, name: '象山社区党委', secretaryPersonId: secretary });
    expect(community).toMatchObject({ kind: 'community_org', regionId: land.xiangshan.id, region: land.xiangshan.path, parentId: null, secretaryPersonId: secretary, centralHeadIds: [] });
    branch = await create({ kind: 'compound_branch', regionId: land.compound.id, parentId: community.id, name: '象山新村党支部' });
    group = await create({ kind: 'building_group', regionId: land.building1.id, parentId: branch.id, name: '象山新村1栋党小组' });
    expect(group).toMatchObject({ parentId: branch.id, region: land.building1.path, secretaryPersonId: null });

    const event = await eventually(async () => (await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.grids.party-org.created.v1' && e.subject === group.id))[0]);
    expect(event.data).toMatchObject({ id: group.id, kind: 'building_group', parentId: branch.id });
    expect(event.natsSubject).toBe(`${t.runId}.evt.dongbao.grids.party-org.created.v1`);
  });

  it('refuses a kind that does not fit the node, or a parent that is not the level above in the same subtree, and writes nothing', async () => {
    const orgs = await count('party_org');
    const events = await count('outbox_event');
    const other = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: land.g01.id, code: 'qtxq', name: '象山其他小区', kind: 'compound', shape: box(112.182, 31.03, 112.186, 31.034) }, { actor: cityAdmin });
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ kind: 'compound_branch', regionId: land.xiangshan.id, parentId: community.id, name: 'x' }, 'kind', 'a compound_branch sits on a compound'],
      [{ kind: 'village_org', regionId: land.xiangshan.id, name: 'x' }, 'kind', 'a village_org sits on a village'],
      [{ kind: 'building_group', regionId: land.compound.id, parentId: branch.id, name: 'x' }, 'kind', 'a building_group sits on a building'],
      [{ kind: 'community_org', regionId: land.baishipo.id, parentId: community.id, name: 'x' }, 'parentId', 'a community_org has no parent organisation'],
      [{ kind: 'building_group', regionId: land.building2.id, name: 'x' }, 'parentId', 'must be the compound_branch above'],
      [{ kind: 'building_group', regionId: land.building2.id, parentId: community.id, name: 'x' }, 'parentId', 'must be a compound_branch'],
      [{ kind: 'compound_branch', regionId: other.id, parentId: branch.id, name: 'x' }, 'parentId', 'must be a community_org'],
    ];
    for (const [input, path, message] of refusals) await expect(create(input, cityAdmin)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path, message }] });
    // Baishipo's organisation is not the one above a compound of Xiangshan.
    const baishipo = await create({ kind: 'community_org', regionId: land.baishipo.id, name: '白石坡社区党委' }, duodaoAdmin);
    const before = await count('party_org');
    await expect(create({ kind: 'compound_branch', regionId: other.id, parentId: baishipo.id, name: 'x' }, cityAdmin)).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'parentId', message: 'must sit on the node above in the same subtree' }],
    });
    await expect(create({ kind: 'community_org', regionId: land.xiangshan.id, name: '象山社区第二党委' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'PARTY_ORG_EXISTS' });
    await expect(create({ kind: 'community_org', regionId: land.xiangshan.id, name: ' ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await count('party_org')).toBe(before);
    expect(before).toBe(orgs + 1);
    expect(await count('outbox_event', `type like '%party-org%'`)).toBe(4);
    expect(await count('outbox_event')).toBeGreaterThanOrEqual(events);
  });

  it("answers another county's admin NOT_FOUND as for an unknown id, and lets only admins create", async () => {
    const before = await count('party_org');
    const unknown = randomUUID();
    for (const [input, what] of [
      [{ kind: 'building_group', regionId: land.building2.id, parentId: branch.id, name: 'x' }, `region ${land.building2.id}`],
      [{ kind: 'building_group', regionId: unknown, parentId: branch.id, name: 'x' }, `region ${unknown}`],
    ] as const) {
      await expect(create(input, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `${what} not found` });
    }
    // Duodao's own node, Dongbao's parent: the parent does not exist for Duodao.
    await expect(create({ kind: 'compound_branch', regionId: land.baishipoG01.id, parentId: community.id, name: 'x' }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `party organisation ${community.id} not found` });
    const stranger = await knownPerson(app.app, land.baishipoG01.path);
    await expect(create({ kind: 'building_group', regionId: land.building2.id, parentId: branch.id, name: 'x', secretaryPersonId: stranger })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `person ${stranger} not found` });
    for (const who of [g03Worker, xiangshanResident]) await expect(create({ kind: 'building_group', regionId: land.building2.id, parentId: branch.id, name: 'x' }, who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(list(land.xiangshan.id, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `region ${land.xiangshan.id} not found` });
    await expect(link(randomUUID(), group.id, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await count('party_org')).toBe(before);
  });

  it('links a party-member central head under the building group; others are refused and nothing changes', async () => {
    head = await headIn(land.building1.id, '1-101', true);
    const notMember = await headIn(land.building1.id, '1-102', false);
    const elsewhere = await headIn(land.building2.id, '1-101', true);
    await expect(link(head.id, branch.id)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'partyOrgId', message: 'must be a building or village-group party group' }] });
    await expect(link(notMember.id, group.id)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'centralHeadId', message: 'must be a party member' }] });
    await expect(link(elsewhere.id, group.id)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'centralHeadId', message: "must live on the party group's node" }] });
    await expect(link(head.id, group.id, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `central head ${head.id} not found` });
    await expect(link(head.id, group.id, g03Worker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('central_head', 'party_org_id is not null')).toBe(0);

    const linked = await link(head.id, group.id);
    expect(linked.centralHeadIds).toEqual([head.id]);
    const event = await eventually(async () => (await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.grids.central-head.linked-to-party.v1'))[0]);
    expect(event.data).toEqual({ centralHeadId: head.id, partyOrgId: group.id, previousPartyOrgId: null });
  });

  it("shows the chain of a node's subtree, parents first, to whoever sees the node", async () => {
    const chain = await list(land.xiangshan.id);
    expect(chain.map((o) => [o.name, o.parentId, o.centralHeadIds.length])).toEqual([
      ['象山社区党委', null, 0],
      ['象山新村党支部', community.id, 0],
      ['象山新村1栋党小组', branch.id, 1],
    ]);
    expect((await list(land.compound.id)).map((o) => o.id)).toEqual([branch.id, group.id]);
    // From the city root a county admin sees only their county's organisations.
    expect((await list(land.city.id)).map((o) => o.name)).toEqual(['象山社区党委', '象山新村党支部', '象山新村1栋党小组']);
    expect((await list(land.city.id, duodaoAdmin)).map((o) => o.name)).toEqual(['白石坡社区党委']);
    // A resident sees the organisations, not the households.
    expect((await list(land.xiangshan.id, xiangshanResident)).map((o) => o.centralHeadIds.length)).toEqual([0, 0, 0]);
  });

  it('builds the village chain: village organisation → village-group party group', async () => {
    const village = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: land.longquan.id, code: 'quanmiao', name: '泉淼村', kind: 'village', shape: box(112.22, 31.06, 112.24, 31.08) }, { actor: cityAdmin });
    const grid = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: village.id, code: 'g01', name: '泉淼村第一网格', kind: 'grid', shape: box(112.22, 31.06, 112.24, 31.08) }, { actor: cityAdmin });
    const zu = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: grid.id, code: 'zu1', name: '泉淼村一组', kind: 'village_group', shape: box(112.225, 31.065, 112.235, 31.075) }, { actor: cityAdmin });
    await expect(create({ kind: 'community_org', regionId: village.id, name: 'x' })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'kind' }] });
    const org = await create({ kind: 'village_org', regionId: village.id, name: '泉淼村党委' });
    await expect(create({ kind: 'compound_branch', regionId: zu.id, parentId: org.id, name: 'x' })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'kind' }] });
    const zuGroup = await create({ kind: 'village_group', regionId: zu.id, parentId: org.id, name: '泉淼村一组党小组' });
    const house = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: zu.id, code: 'b1', name: '泉淼村一组1号', kind: 'building', location: { lat: 31.07, lng: 112.23 } }, { actor: cityAdmin });
    const villageHead = await headIn(house.id, '1', true);
    expect((await link(villageHead.id, zuGroup.id)).centralHeadIds).toEqual([villageHead.id]);
    expect((await list(village.id)).map((o) => [o.kind, o.parentId])).toEqual([
      ['village_org', null],
      ['village_group', org.id],
    ]);
  });
});
