// The demo territory: seeded through the services into a fresh schema, complete enough that
// locate names a whole team anywhere in it, and seeded only once.
import { GridsRpc, type LocateView, type PartyOrgView, type SubtreeCountView, type RegionView } from '@gov/grids-contracts';
import type { Actor } from '@gov/kernel';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { startGrids, type GridsTestApp } from '../testing.js';
import { seedDemoTerritory } from './demo.js';
import { knownPerson } from '../fixtures.js';
import { DEMO_BUILDINGS_PER_COMPOUND, DEMO_CITY, DEMO_COUNTIES } from './demo-territory.js';

const t = new TestContext();
let app: GridsTestApp;
let rpc: RpcClient;
const dongbaoAdmin: Actor = { accountId: '00000000-0000-4000-8000-0000000000db', personId: null, username: 'dongbao-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] };

beforeAll(async () => {
  app = await startGrids(t.env('grids'));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('the demo territory', () => {
  it('seeds two counties down to buildings, with every layer staffed by the persons identity registered there, once', async () => {
    // As identity's demo city does: people in every county and grid (grids learns them from identity's events).
    for (const county of DEMO_COUNTIES) {
      await knownPerson(app.app, `${DEMO_CITY.seg}/${county.seg}`);
      for (const street of county.streets) {
        for (const c of street.communities) {
          for (let g = 1; g <= c.grids; g++) {
            const grid = `${DEMO_CITY.seg}/${county.seg}/${street.seg}/${c.seg}/g${String(g).padStart(2, '0')}`;
            await knownPerson(app.app, grid);
            await knownPerson(app.app, grid);
          }
        }
      }
    }
    const lines: string[] = [];
    const result = await seedDemoTerritory(app.app, (l) => lines.push(l));
    const grids = 3 + 2 + 3 + 2 + 3 + 2 + 2 + 2;
    const compounds = DEMO_COUNTIES.flatMap((c) => c.streets.flatMap((s) => s.communities)).reduce((n, c) => n + (c.village ? 0 : c.grids), 0);
    expect(result).toEqual({
      regions: 1 + 2 + 4 + 8 + grids * 2 + grids * DEMO_BUILDINGS_PER_COMPOUND,
      buildings: grids * DEMO_BUILDINGS_PER_COMPOUND,
      layerGrids: 2 + 4 * 2,
      staff: 2 + 4 * 2 + grids,
      households: grids * DEMO_BUILDINGS_PER_COMPOUND * 4,
      centralHeads: grids * 2,
      // An organisation per community or village, one per compound or village group, one per compound's first building.
      partyOrgs: 8 + grids + compounds,
      places: 4 + 8 * 2 + grids,
    });
    expect(lines).toEqual(['seed: 东宝区 done', 'seed: 掇刀区 done']);
    expect(await seedDemoTerritory(app.app, () => undefined)).toBeNull();
    // About 800 writes through the services, each with its event: several seconds on a busy 2-core machine.
  }, 120_000);

  it('answers locate at a building of 象山新村 with the grid worker, the police, the market supervisor and enforcement', async () => {
    const building = await rpc.request<RegionView>(GridsRpc.regionByPath, { path: 'jingmen/dongbao/longquan/xiangshan/g01/xq1/b1' }, { actor: dongbaoAdmin });
    expect(building.name).toBe('象山新村1栋');
    const here = await rpc.request<LocateView>(GridsRpc.locate, building.location!, { actor: dongbaoAdmin });
    expect(here.regions.map((r) => r.name)).toEqual(['荆门市', '东宝区', '龙泉街道', '象山社区', '象山社区第一网格', '象山新村']);
    expect(here.layers.map((l) => [l.layer.key, l.grid?.name, l.staff.length])).toEqual([
      ['comprehensive', '象山社区第一网格', 1],
      ['police', '龙泉派出所警格', 1],
      ['market', '东宝区市场监督管理局监管网格', 1],
      ['enforcement', '龙泉街道综合执法网格', 1],
    ]);
    const dongbao = await rpc.request<RegionView>(GridsRpc.regionByPath, { path: 'jingmen/dongbao' }, { actor: dongbaoAdmin });
    const count = await rpc.request<SubtreeCountView>(GridsRpc.regionSubtreeCount, { id: dongbao.id }, { actor: dongbaoAdmin });
    expect(Object.fromEntries(count.byLevel.map((l) => [l.level, l.count]))).toEqual({ street: 2, community: 4, grid: 10, compound: 10, building: 10 * DEMO_BUILDINGS_PER_COMPOUND });
    expect(count.households).toBe(10 * DEMO_BUILDINGS_PER_COMPOUND * 4);
    // Two heads of ten per compound of 24 households: 4 uncovered in each, for the coverage report.
    const xiangshan = await rpc.request<RegionView>(GridsRpc.regionByPath, { path: 'jingmen/dongbao/longquan/xiangshan' }, { actor: dongbaoAdmin });
    const coverage = await rpc.request<{ households: number; covered: number; uncovered: number }>(GridsRpc.centralHeadCoverage, { regionId: xiangshan.id }, { actor: dongbaoAdmin });
    expect(coverage).toMatchObject({ households: 3 * 24, covered: 3 * 20, uncovered: 3 * 4 });
    // The party overlay: 社区党委 → 小区党支部 → 楼栋党小组 → 党员中心户 (the party member among each compound's heads).
    const party = await rpc.request<PartyOrgView[]>(GridsRpc.partyOrgList, { regionId: xiangshan.id }, { actor: dongbaoAdmin });
    const byId = new Map(party.map((o) => [o.id, o]));
    expect(party.filter((o) => o.kind === 'community_org').map((o) => o.name)).toEqual(['象山社区党委']);
    const xsGroup = party.find((o) => o.name === '象山新村1栋党小组')!;
    expect(byId.get(xsGroup.parentId!)?.name).toBe('象山新村党支部');
    expect(byId.get(byId.get(xsGroup.parentId!)!.parentId!)?.name).toBe('象山社区党委');
    expect(party.map((o) => o.kind).sort()).toEqual(['building_group', 'building_group', 'building_group', 'community_org', 'compound_branch', 'compound_branch', 'compound_branch']);
    expect(party.filter((o) => o.kind === 'building_group').map((o) => o.centralHeadIds.length)).toEqual([1, 1, 1]);
  });
});
