// The region tree, grid layers and locate over NATS against real PostgreSQL/PostGIS and JetStream.
import { AppError, type Actor, type Page } from '@gov/kernel';
import { GridsRpc, type LayerGridView, type LocateView, type RegionView, type StaffView, type SubtreeCountView } from '@gov/grids-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { box, knownPerson, sampleTerritory, type SampleTerritory } from '../fixtures.js';
import { startGrids, type GridsTestApp } from '../testing.js';

const t = new TestContext();
let app: GridsTestApp;
let rpc: RpcClient;
let land: SampleTerritory;

const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: randomUUID(), personId: null, username: `${role}@${region}`, grants: [{ role, region }] });
const cityAdmin = actor('city_admin', 'jingmen');
const dongbaoAdmin = actor('county_admin', 'jingmen/dongbao');
const duodaoAdmin = actor('county_admin', 'jingmen/duodao');
const xiangshanWorker = actor('grid_worker', 'jingmen/dongbao/longquan/xiangshan/g03');
/** A self-intersecting "bow tie". */
const bowTie = { type: 'Polygon', coordinates: [[[112.201, 31.021], [112.209, 31.029], [112.209, 31.021], [112.201, 31.029], [112.201, 31.021]]] };

async function regionCount(): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".region`);
  return Number(row!.n);
}

async function refused(subject: string, input: unknown, as: Actor): Promise<AppError> {
  const before = await regionCount();
  const err = await rpc.request(subject, input, { actor: as }).then(
    () => {
      throw new Error(`${subject} accepted ${JSON.stringify(input).slice(0, 200)}`);
    },
    (e: unknown) => e as AppError,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(await regionCount()).toBe(before);
  return err;
}

beforeAll(async () => {
  app = await startGrids(t.env('grids', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  land = await sampleTerritory(rpc, cityAdmin);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('the region tree', () => {
  it('builds paths from codes, levels from the parent, and keeps shapes as GeoJSON', () => {
    expect(land.g03).toMatchObject({ path: 'jingmen/dongbao/longquan/xiangshan/g03', level: 'grid', parentId: land.xiangshan.id, name: '象山社区第三网格', archived: false });
    expect(land.compound.level).toBe('compound');
    expect(land.building1).toMatchObject({ level: 'building', path: 'jingmen/dongbao/longquan/xiangshan/g03/xsxc/b1', location: { lat: 31.032, lng: 112.204 }, shape: null });
    expect((land.xiangshan.shape as { type: string }).type).toBe('MultiPolygon');
  });

  it('refuses bad shapes, points outside the parent, wrong geometry and duplicate codes, writing nothing', async () => {
    expect(await refused(GridsRpc.regionCreate, { parentId: land.g03.id, code: 'bad', name: '坏', kind: 'compound', shape: bowTie }, cityAdmin)).toMatchObject({ code: 'VALIDATION', reason: 'INVALID_GEOMETRY' });
    expect(await refused(GridsRpc.regionCreate, { parentId: land.g03.id, code: 'far', name: '远', shape: box(112.3, 31.2, 112.31, 31.21) }, cityAdmin)).toMatchObject({ code: 'VALIDATION', reason: 'OUTSIDE_PARENT' });
    expect(await refused(GridsRpc.regionCreate, { parentId: land.compound.id, code: 'b9', name: '9栋', location: { lat: 31.2, lng: 112.1 } }, cityAdmin)).toMatchObject({ code: 'VALIDATION', reason: 'OUTSIDE_PARENT' });
    expect(await refused(GridsRpc.regionCreate, { parentId: land.compound.id, code: 'b8', name: '8栋', kind: 'building', shape: box(112.203, 31.031, 112.204, 31.032) }, cityAdmin)).toMatchObject({ code: 'VALIDATION', reason: 'WRONG_GEOMETRY' });
    expect(await refused(GridsRpc.regionCreate, { parentId: land.xiangshan.id, code: 'g03', name: '重复' }, cityAdmin)).toMatchObject({ code: 'CONFLICT', reason: 'DUPLICATE_CODE' });
    expect(await refused(GridsRpc.regionCreate, { parentId: land.building1.id, code: 'x', name: '户' }, cityAdmin)).toMatchObject({ code: 'VALIDATION', reason: 'LEVEL_NOT_ALLOWED' });
    expect(await refused(GridsRpc.regionCreate, { parentId: land.g03.id, code: 'Bad Code', name: 'x' }, cityAdmin)).toMatchObject({ code: 'VALIDATION' });
  });

  it('lists children in pages and counts a subtree by level', async () => {
    const first = await rpc.request<Page<RegionView>>(GridsRpc.regionChildren, { id: land.xiangshan.id, first: 2 }, { actor: dongbaoAdmin });
    expect(first.items.map((r) => r.code)).toEqual(['g01', 'g02']);
    expect(first.hasNextPage).toBe(true);
    const second = await rpc.request<Page<RegionView>>(GridsRpc.regionChildren, { id: land.xiangshan.id, first: 2, after: first.endCursor }, { actor: dongbaoAdmin });
    expect(second.items.map((r) => r.code)).toEqual(['g03']);
    expect(second.hasNextPage).toBe(false);
    const count = await rpc.request<SubtreeCountView>(GridsRpc.regionSubtreeCount, { id: land.dongbao.id }, { actor: dongbaoAdmin });
    expect(Object.fromEntries(count.byLevel.map((l) => [l.level, l.count]))).toEqual({ street: 1, community: 1, grid: 3, compound: 1, building: 2 });
  });

  it('keeps another county out: NOT_FOUND for its nodes, nothing in batch reads, FORBIDDEN to write into it', async () => {
    for (const subject of [GridsRpc.regionGet, GridsRpc.regionChildren, GridsRpc.regionSubtreeCount, GridsRpc.regionArchive]) {
      expect(await refused(subject, { id: land.g03.id }, duodaoAdmin)).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await refused(GridsRpc.regionCreate, { parentId: land.g03.id, code: 'c2', name: 'x', kind: 'compound' }, duodaoAdmin)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refused(GridsRpc.regionMove, { id: land.baishipoG01.id, newParentId: land.xiangshan.id }, duodaoAdmin)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.request(GridsRpc.regionGetMany, { ids: [land.g03.id, land.baishipo.id] }, { actor: duodaoAdmin })).toEqual([expect.objectContaining({ id: land.baishipo.id })]);
    // A grid worker sees their grid and what is above it, and may not shape the tree.
    expect(await rpc.request(GridsRpc.regionGet, { id: land.xiangshan.id }, { actor: xiangshanWorker })).toMatchObject({ id: land.xiangshan.id });
    expect(await refused(GridsRpc.regionCreate, { parentId: land.g03.id, code: 'c3', name: 'x', kind: 'compound' }, xiangshanWorker)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('moves a subtree: every path below follows, one event; a move under itself is refused', async () => {
    const jinlongquan = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: land.longquan.id, code: 'jinlongquan', name: '金龙泉社区' }, { actor: dongbaoAdmin });
    expect(await refused(GridsRpc.regionMove, { id: land.xiangshan.id, newParentId: land.g01.id }, dongbaoAdmin)).toMatchObject({ code: 'VALIDATION', reason: 'MOVE_CYCLE' });
    expect(await refused(GridsRpc.regionMove, { id: land.g03.id, newParentId: land.compound.id }, dongbaoAdmin)).toMatchObject({ code: 'VALIDATION' });
    const moved = await rpc.request<RegionView>(GridsRpc.regionMove, { id: land.g03.id, newParentId: jinlongquan.id }, { actor: dongbaoAdmin });
    expect(moved).toMatchObject({ path: 'jingmen/dongbao/longquan/jinlongquan/g03', parentId: jinlongquan.id, version: 2 });
    expect(await rpc.request(GridsRpc.regionGet, { id: land.building2.id }, { actor: dongbaoAdmin })).toMatchObject({ path: 'jingmen/dongbao/longquan/jinlongquan/g03/xsxc/b2' });
    const events = await eventually(async () => {
      const found = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.grids.region.moved.v1');
      return found.length ? found : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ previousPath: 'jingmen/dongbao/longquan/xiangshan/g03', path: 'jingmen/dongbao/longquan/jinlongquan/g03', nodesMoved: 4 });
    // Back where the other tests expect it.
    await rpc.request(GridsRpc.regionMove, { id: land.g03.id, newParentId: land.xiangshan.id }, { actor: dongbaoAdmin });
  });

  it('archives leaves only, and an archived node takes no children', async () => {
    const shed = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: land.compound.id, code: 'b7', name: '7栋', location: { lat: 31.031, lng: 112.203 } }, { actor: dongbaoAdmin });
    expect(await refused(GridsRpc.regionArchive, { id: land.compound.id }, dongbaoAdmin)).toMatchObject({ code: 'CONFLICT', reason: 'HAS_ACTIVE_CHILDREN' });
    expect(await rpc.request(GridsRpc.regionArchive, { id: shed.id }, { actor: dongbaoAdmin })).toMatchObject({ archived: true });
    const children = await rpc.request<Page<RegionView>>(GridsRpc.regionChildren, { id: land.compound.id }, { actor: dongbaoAdmin });
    expect(children.items.map((r) => r.code)).toEqual(['b1', 'b2']);
  });
});

describe('grid layers and locate (多格合一)', () => {
  let police: LayerGridView;
  let worker: StaffView;

  it('draws a police grid, refuses one that overlaps it, and assigns people to both layers', async () => {
    police = await rpc.request<LayerGridView>(GridsRpc.layerGridCreate, { layerKey: 'police', code: 'lq-jw-01', name: '龙泉派出所象山警格', region: 'jingmen/dongbao/longquan', shape: box(112.18, 31.02, 112.21, 31.05) }, { actor: dongbaoAdmin });
    const overlap = await rpc.request(GridsRpc.layerGridCreate, { layerKey: 'police', code: 'lq-jw-02', name: '重叠', region: 'jingmen/dongbao/longquan', shape: box(112.2, 31.04, 112.22, 31.06) }, { actor: dongbaoAdmin }).catch((e: AppError) => e);
    expect(overlap).toMatchObject({ code: 'VALIDATION', reason: 'OVERLAP' });
    worker = await rpc.request<StaffView>(GridsRpc.staffAssign, { layerKey: 'comprehensive', gridId: land.g03.id, personId: await knownPerson(app.app, land.g03.path), name: '刘芳' }, { actor: dongbaoAdmin });
    await rpc.request<StaffView>(GridsRpc.staffAssign, { layerKey: 'police', gridId: police.id, personId: await knownPerson(app.app, land.longquan.path), name: '张警官' }, { actor: dongbaoAdmin });
    // Nobody from another county, and nobody identity has not told grids about: both NOT_FOUND, alike.
    const duodaoPerson = await knownPerson(app.app, land.baishipo.path);
    for (const personId of [duodaoPerson, randomUUID()]) {
      expect(await rpc.request(GridsRpc.staffAssign, { layerKey: 'comprehensive', gridId: land.g03.id, personId, name: '某' }, { actor: dongbaoAdmin }).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND', message: `person ${personId} not found` });
    }
    expect(worker).toMatchObject({ role: 'grid_worker', titleZh: '网格员', gridId: land.g03.id });
    expect(await rpc.request(GridsRpc.staffAssign, { layerKey: 'comprehensive', gridId: land.g03.id, personId: randomUUID(), name: '某' }, { actor: duodaoAdmin }).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('names, for a point, the node at every level and the whole team of every layer', async () => {
    const here = await rpc.request<LocateView>(GridsRpc.locate, land.inG03, { actor: dongbaoAdmin });
    expect(here.regions.map((r) => r.code)).toEqual(['jingmen', 'dongbao', 'longquan', 'xiangshan', 'g03', 'xsxc']);
    const byLayer = Object.fromEntries(here.layers.map((l) => [l.layer.key, l]));
    expect(byLayer.comprehensive!.grid).toMatchObject({ id: land.g03.id, name: '象山社区第三网格' });
    expect(byLayer.comprehensive!.staff.map((s) => s.name)).toEqual(['刘芳']);
    expect(byLayer.police!.grid).toMatchObject({ code: 'lq-jw-01' });
    expect(byLayer.police!.staff.map((s) => [s.name, s.titleZh])).toEqual([['张警官', '社区民警']]);
    expect(byLayer.market!.grid).toBeNull();
  });

  it('shows another county only what lies above it', async () => {
    const there = await rpc.request<LocateView>(GridsRpc.locate, land.inG03, { actor: duodaoAdmin });
    expect(there.regions.map((r) => r.code)).toEqual(['jingmen']);
    expect(there.layers.every((l) => l.grid === null && l.staff.length === 0)).toBe(true);
  });

  it('ends a duty: the person leaves the team', async () => {
    await rpc.request(GridsRpc.staffEnd, { id: worker.id }, { actor: dongbaoAdmin });
    const here = await rpc.request<LocateView>(GridsRpc.locate, land.inG03, { actor: dongbaoAdmin });
    expect(here.layers.find((l) => l.layer.key === 'comprehensive')!.staff).toEqual([]);
  });
});
