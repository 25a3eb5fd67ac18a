// Territory import/export and vector tiles over NATS against real PostgreSQL/PostGIS and JetStream.
import { AppError, type Actor } from '@gov/kernel';
import { GridsRpc, IMPORT_MAX_BYTES, type ImportReportView, type RegionFeatureCollection, type TileView } from '@gov/grids-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { box, sampleTerritory, type SampleTerritory } from '../fixtures.js';
import { startGrids, type GridsTestApp } from '../testing.js';

const t = new TestContext();
let app: GridsTestApp;
let rpc: RpcClient;
let land: SampleTerritory;

const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: randomUUID(), personId: null, username: `${role}@${region}`, grants: [{ role, region }] });
const cityAdmin = actor('city_admin', 'jingmen');
const dongbaoAdmin = actor('county_admin', 'jingmen/dongbao');
const duodaoAdmin = actor('county_admin', 'jingmen/duodao');
const longquanAdmin = actor('street_admin', 'jingmen/dongbao/longquan');

const feature = (path: string, name: string, geometry: unknown, extra: Record<string, unknown> = {}) => ({ type: 'Feature', properties: { path, name, ...extra }, geometry });
const point = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
/** A self-intersecting "bow tie" inside Xiangshan. */
const bowTie = { type: 'Polygon', coordinates: [[[112.181, 31.021], [112.189, 31.029], [112.189, 31.021], [112.181, 31.029], [112.181, 31.021]]] };

/** A new street of Dongbao: a community, two grids (leaving a strip of it uncovered), a compound, two buildings. */
const ZL = 'jingmen/dongbao/ziling';
const street = [
  feature(ZL, '紫陵街道', box(112.0, 31.1, 112.1, 31.2), { kind: 'street' }),
  feature(`${ZL}/zlc`, '紫陵社区', box(112.02, 31.12, 112.06, 31.16), { kind: 'community' }),
  feature(`${ZL}/zlc/g01`, '紫陵社区第一网格', box(112.02, 31.12, 112.04, 31.16)),
  feature(`${ZL}/zlc/g02`, '紫陵社区第二网格', box(112.04, 31.12, 112.055, 31.16)),
  feature(`${ZL}/zlc/g01/hy`, '花园小区', box(112.025, 31.13, 112.035, 31.14), { kind: 'compound' }),
  feature(`${ZL}/zlc/g01/hy/b1`, '花园小区1栋', point(112.03, 31.135)),
  feature(`${ZL}/zlc/g01/hy/b2`, '花园小区2栋', point(112.032, 31.137), { level: 'building' }),
];
const householdsCsv = ['building_path,number', `${ZL}/zlc/g01/hy/b1,1-101`, `${ZL}/zlc/g01/hy/b1,1-102`, `${ZL}/zlc/g01/hy/b2,201`, `"${ZL}/zlc/g01/hy/b2","202"`].join('\n');

async function count(table: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".${table}`);
  return Number(row!.n);
}

const importAs = (as: Actor, input: Record<string, unknown>) => rpc.request<ImportReportView>(GridsRpc.territoryImport, input, { actor: as });
const tileAs = (as: Actor, input: Record<string, unknown>) => rpc.request<TileView>(GridsRpc.tileGet, input, { actor: as });

/** The tile x/y of a WGS 84 point at zoom z (Web Mercator). */
function tileOf(lng: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return { x: Math.floor(((lng + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n) };
}

/** Just enough of the vector tile protobuf (mapbox vector-tile-spec 2.1): each layer's name, feature count and string values. */
function decodeMvt(buf: Buffer): { name: string; features: number; strings: string[] }[] {
  const fields = (b: Buffer) => {
    const out: { field: number; bytes?: Buffer }[] = [];
    let pos = 0;
    const varint = () => {
      let v = 0;
      let shift = 0;
      for (;;) {
        const byte = b[pos++]!;
        v += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return v;
        shift += 7;
      }
    };
    while (pos < b.length) {
      const key = varint();
      const wire = key & 7;
      if (wire === 0) varint();
      else if (wire === 2) {
        const len = varint();
        out.push({ field: Math.floor(key / 8), bytes: b.subarray(pos, pos + len) });
        pos += len;
      } else if (wire === 1) pos += 8;
      else if (wire === 5) pos += 4;
      else throw new Error(`wire type ${wire}`);
      if (wire !== 2) out.push({ field: Math.floor(key / 8) });
    }
    return out;
  };
  return fields(buf)
    .filter((f) => f.field === 3 && f.bytes)
    .map((l) => {
      const parts = fields(l.bytes!);
      return {
        name: parts.find((p) => p.field === 1)!.bytes!.toString('utf8'),
        features: parts.filter((p) => p.field === 2).length,
        strings: parts.filter((p) => p.field === 4).flatMap((v) => fields(v.bytes!).filter((f) => f.field === 1 && f.bytes).map((f) => f.bytes!.toString('utf8'))),
      };
    });
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

describe('importRegions', () => {
  it('reports every problem with its feature and writes nothing: self-intersection, outside the parent, unknown parent, overlap, duplicate, level', async () => {
    const before = { regions: await count('region'), outbox: await count('outbox_event') };
    const XS = 'jingmen/dongbao/longquan/xiangshan';
    const report = await importAs(dongbaoAdmin, {
      geojson: collection(
        feature(`${XS}/g09`, '蝴蝶网格', bowTie),
        feature(`${XS}/g03/far`, '远处小区', box(112.3, 31.2, 112.31, 31.21), { kind: 'compound' }),
        feature('jingmen/dongbao/longquan/nowhere/g01', '无处网格', box(112.16, 31.01, 112.17, 31.02)),
        feature('jingmen/dongbao/longquan/jinqiao', '金桥社区', box(112.22, 31.06, 112.25, 31.09), { kind: 'community' }),
        feature('jingmen/dongbao/longquan/jinqiao/g01', '金桥第一网格', box(112.22, 31.06, 112.24, 31.09)),
        feature('jingmen/dongbao/longquan/jinqiao/g02', '金桥第二网格', box(112.23, 31.06, 112.25, 31.09)),
        feature('jingmen/dongbao/longquan/jinqiao/g01', '重复', box(112.22, 31.06, 112.23, 31.07)),
        feature(`${XS}/g03/xsxc/b1/room`, '房间', box(112.2035, 31.0315, 112.2045, 31.0325)),
        { type: 'NotAFeature' },
      ),
      householdsCsv: 'building_path,number\njingmen/dongbao/longquan/xiangshan/g03/xsxc/b9,101',
    });
    expect(report).toMatchObject({ committed: false, dryRun: false, features: 9, householdRows: 1, regionsCreated: 0, householdsCreated: 0 });
    const codes = report.problems.map((p) => [p.index ?? `line ${p.line}`, p.code, p.path]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [0, 'INVALID_GEOMETRY', `${XS}/g09`],
        [1, 'OUTSIDE_PARENT', `${XS}/g03/far`],
        [2, 'UNKNOWN_PARENT', 'jingmen/dongbao/longquan/nowhere/g01'],
        [5, 'OVERLAP', 'jingmen/dongbao/longquan/jinqiao/g02'],
        [6, 'DUPLICATE_PATH', 'jingmen/dongbao/longquan/jinqiao/g01'],
        [7, 'LEVEL_NOT_ALLOWED', `${XS}/g03/xsxc/b1/room`],
        [8, 'NOT_A_FEATURE', null],
        ['line 2', 'UNKNOWN_BUILDING', `${XS}/g03/xsxc/b9`],
      ]),
    );
    expect(report.problems.find((p) => p.code === 'INVALID_GEOMETRY')!.message).toMatch(/self-intersection/i);
    const overlap = report.problems.find((p) => p.code === 'OVERLAP')!;
    expect(overlap).toMatchObject({ severity: 'error', otherPath: 'jingmen/dongbao/longquan/jinqiao/g01' });
    expect(overlap.areaM2).toBeGreaterThan(1_000_000);
    expect(report.errors).toBe(report.problems.filter((p) => p.severity === 'error').length);
    // The grid that overlaps nothing and the community are sound; nothing was written.
    expect(report.problems.some((p) => p.index === 3 || p.index === 4)).toBe(false);
    expect({ regions: await count('region'), outbox: await count('outbox_event') }).toEqual(before);
  });

  it('a dry run reports a sound file (a gap is a warning) and writes nothing', async () => {
    const before = { regions: await count('region'), households: await count('household'), outbox: await count('outbox_event') };
    const report = await importAs(dongbaoAdmin, { geojson: collection(...street), householdsCsv, dryRun: true });
    expect(report).toMatchObject({ dryRun: true, committed: false, errors: 0, warnings: 1, features: 7, householdRows: 4, regionsCreated: 0 });
    expect(report.problems).toEqual([expect.objectContaining({ index: 1, path: `${ZL}/zlc`, severity: 'warning', code: 'GAP' })]);
    // The uncovered strip is 0.005° × 0.04°: about 476 m × 4,440 m.
    expect(report.problems[0]!.areaM2).toBeGreaterThan(1_900_000);
    expect(report.problems[0]!.areaM2).toBeLessThan(2_400_000);
    expect(Object.fromEntries(report.byLevel.map((l) => [l.level, l.count]))).toEqual({ street: 1, community: 1, grid: 2, compound: 1, building: 2 });
    expect({ regions: await count('region'), households: await count('household'), outbox: await count('outbox_event') }).toEqual(before);
  });

  it("refuses another county's admin whole (FORBIDDEN), and a street admin, writing nothing", async () => {
    const before = await count('region');
    for (const as of [duodaoAdmin, longquanAdmin]) {
      const err = await importAs(as, { geojson: collection(...street), householdsCsv }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await count('region')).toBe(before);
  });

  it('refuses files that are not GeoJSON or too large, with codes', async () => {
    expect(await importAs(dongbaoAdmin, { geojson: '{"type":"Feature"}' }).catch((e: AppError) => e)).toMatchObject({ code: 'VALIDATION', reason: 'IMPORT_NOT_GEOJSON' });
    expect(await importAs(dongbaoAdmin, { geojson: collection(...street), householdsCsv: 'path;number\nx;1' }).catch((e: AppError) => e)).toMatchObject({ code: 'VALIDATION', reason: 'IMPORT_BAD_CSV' });
    // Just over the limit, still under the transport's 256 KB for the whole request.
    const lines = ['building_path,number'];
    for (let i = 0, size = 0; size <= IMPORT_MAX_BYTES; i++) size += lines.push(`${ZL}/zlc/g01/hy/b1,${i}`) && lines.at(-1)!.length + 1;
    expect(await importAs(dongbaoAdmin, { geojson: collection(...street), householdsCsv: lines.join('\n') }).catch((e: AppError) => e)).toMatchObject({ code: 'VALIDATION', reason: 'IMPORT_TOO_LARGE' });
  });

  it('commits a sound street in one transaction: nodes, households, and an event for each', async () => {
    const before = { regions: await count('region'), households: await count('household') };
    const report = await importAs(dongbaoAdmin, { geojson: collection(...street), householdsCsv });
    expect(report).toMatchObject({ committed: true, errors: 0, warnings: 1, regionsCreated: 7, householdsCreated: 4 });
    expect({ regions: await count('region'), households: await count('household') }).toEqual({ regions: before.regions + 7, households: before.households + 4 });
    const b2 = await rpc.request<{ level: string; location: unknown; parentId: string }>(GridsRpc.regionByPath, { path: `${ZL}/zlc/g01/hy/b2` }, { actor: dongbaoAdmin });
    expect(b2).toMatchObject({ level: 'building', location: { lng: 112.032, lat: 31.137 } });
    const created = await eventually(async () => {
      const found = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.grids.region.created.v1' && String((e.data as { path: string }).path).startsWith(ZL));
      return found.length === 7 ? found : undefined;
    });
    expect(created.map((e) => (e.data as { path: string; level: string }).level).sort()).toEqual(['building', 'building', 'community', 'compound', 'grid', 'grid', 'street']);
    const households = await eventually(async () => {
      const found = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.grids.household.registered.v1');
      return found.length === 4 ? found : undefined;
    });
    expect(households.map((e) => (e.data as { number: string }).number).sort()).toEqual(['1-101', '1-102', '201', '202']);
    // Imported again, every path is taken and nothing more is written.
    const again = await importAs(dongbaoAdmin, { geojson: collection(...street) });
    expect(again.problems.filter((p) => p.code === 'ALREADY_EXISTS')).toHaveLength(7);
    expect(await count('region')).toBe(before.regions + 7);
  });
});

describe('exportRegions', () => {
  it('round-trips: the imported shapes and points come back, parents first, importable as they are', async () => {
    const zl = await rpc.request<{ id: string }>(GridsRpc.regionByPath, { path: ZL }, { actor: dongbaoAdmin });
    const fc = await rpc.request<RegionFeatureCollection>(GridsRpc.territoryExport, { regionId: zl.id }, { actor: dongbaoAdmin });
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.properties.path)).toEqual(street.map((f) => f.properties.path));
    for (const [i, f] of fc.features.entries()) {
      const sent = street[i]!.geometry as { type: string; coordinates: unknown };
      expect(f.geometry).toEqual(sent.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [sent.coordinates] } : sent);
      expect(f.properties).toMatchObject({ name: street[i]!.properties.name, code: street[i]!.properties.path.split('/').at(-1) });
    }
    expect(fc.features[1]!.properties).toMatchObject({ level: 'community', kind: 'community' });
    // Fed back in, the file is sound except that every node exists already.
    const report = await importAs(dongbaoAdmin, { geojson: JSON.stringify(fc), dryRun: true });
    expect(new Set(report.problems.filter((p) => p.severity === 'error').map((p) => p.code))).toEqual(new Set(['ALREADY_EXISTS']));
  });

  it('shows only what the caller sees', async () => {
    expect(await rpc.request(GridsRpc.territoryExport, { regionId: land.xiangshan.id }, { actor: duodaoAdmin }).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND' });
    const worker = actor('grid_worker', 'jingmen/dongbao/longquan/xiangshan/g03');
    const fc = await rpc.request<RegionFeatureCollection>(GridsRpc.territoryExport, { regionId: land.xiangshan.id }, { actor: worker });
    expect(fc.features.map((f) => f.properties.path)).toEqual([
      'jingmen/dongbao/longquan/xiangshan',
      'jingmen/dongbao/longquan/xiangshan/g03',
      'jingmen/dongbao/longquan/xiangshan/g03/xsxc',
      'jingmen/dongbao/longquan/xiangshan/g03/xsxc/b1',
      'jingmen/dongbao/longquan/xiangshan/g03/xsxc/b2',
    ]);
  });
});

describe('vector tiles', () => {
  it('draws grids and buildings at z=14 with their names; another county gets an empty tile', async () => {
    const at = tileOf(land.inG03.lng, land.inG03.lat, 14);
    const tile = await tileAs(dongbaoAdmin, { layer: 'regions', z: 14, ...at });
    expect(tile.bytes).toBeGreaterThan(0);
    const layers = decodeMvt(Buffer.from(tile.mvt, 'base64'));
    expect(layers.map((l) => l.name)).toEqual(['regions']);
    expect(layers[0]!.features).toBe(tile.features);
    expect(layers[0]!.strings).toEqual(expect.arrayContaining(['象山社区第三网格', '象山社区第二网格', '象山新村1栋', 'grid', 'building']));
    expect(layers[0]!.strings).not.toContain('象山社区');
    expect(await tileAs(duodaoAdmin, { layer: 'regions', z: 14, ...at })).toMatchObject({ bytes: 0, mvt: '', features: 0 });
  });

  it('picks the level by zoom and keeps to the caller’s regions', async () => {
    const at = tileOf(112.15, 31.0, 8);
    const names = async (as: Actor) => decodeMvt(Buffer.from((await tileAs(as, { layer: 'regions', z: 8, ...at })).mvt, 'base64')).flatMap((l) => l.strings);
    expect(await names(cityAdmin)).toEqual(expect.arrayContaining(['东宝区', '掇刀区']));
    expect(await names(duodaoAdmin)).toEqual(expect.arrayContaining(['掇刀区']));
    expect(await names(duodaoAdmin)).not.toContain('东宝区');
    const community = decodeMvt(Buffer.from((await tileAs(dongbaoAdmin, { layer: 'regions', z: 12, ...tileOf(land.inG03.lng, land.inG03.lat, 12) })).mvt, 'base64'));
    expect(community[0]!.strings).toContain('象山社区');
    expect(community[0]!.strings).not.toContain('象山社区第三网格');
  });

  it("serves a grid layer's own grids, and refuses unknown layers and tiles out of range", async () => {
    await rpc.request(GridsRpc.layerGridCreate, { layerKey: 'police', code: 'lq-jw-01', name: '龙泉派出所象山警格', region: 'jingmen/dongbao/longquan', shape: box(112.18, 31.02, 112.21, 31.05) }, { actor: dongbaoAdmin });
    const at = tileOf(land.inG03.lng, land.inG03.lat, 13);
    const police = decodeMvt(Buffer.from((await tileAs(dongbaoAdmin, { layer: 'police', z: 13, ...at })).mvt, 'base64'));
    expect(police.map((l) => l.name)).toEqual(['police']);
    expect(police[0]!.strings).toContain('龙泉派出所象山警格');
    expect(await tileAs(duodaoAdmin, { layer: 'police', z: 13, ...at })).toMatchObject({ bytes: 0 });
    const grids = decodeMvt(Buffer.from((await tileAs(dongbaoAdmin, { layer: 'comprehensive', z: 13, ...at })).mvt, 'base64'));
    expect(grids[0]!.strings).toEqual(expect.arrayContaining(['象山社区第二网格', '象山社区第三网格']));
    expect(await tileAs(dongbaoAdmin, { layer: 'nosuch', z: 13, ...at }).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await tileAs(dongbaoAdmin, { layer: 'regions', z: 3, x: 8, y: 0 }).catch((e: AppError) => e)).toMatchObject({ code: 'VALIDATION', reason: 'TILE_OUT_OF_RANGE' });
    expect(await tileAs(dongbaoAdmin, { layer: 'regions', z: 23, x: 0, y: 0 }).catch((e: AppError) => e)).toMatchObject({ code: 'VALIDATION', reason: 'TILE_OUT_OF_RANGE' });
  });
});
