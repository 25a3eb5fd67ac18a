/**
 * A small real-shaped territory for tests: 荆门市 with 东宝区 (龙泉街道 → 象山社区 → grids g01–g03,
 * a compound and two buildings in g03) and 掇刀区 (掇刀石街道 → 白石坡社区 → g01). Boxes in WGS 84
 * around the real places; each child inside its parent, the grids tiling their community.
 */
import type { Actor } from '@gov/kernel';
import { GridsRpc, type AreaGeometry, type RegionView } from '@gov/grids-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import type { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PERSON_REGISTERED, PersonDirectory } from './person/person-directory.js';

/** A rectangle as a GeoJSON polygon (counter-clockwise, closed). */
export function box(west: number, south: number, east: number, north: number): AreaGeometry {
  return { type: 'Polygon', coordinates: [[[west, south], [east, south], [east, north], [west, north], [west, south]]] };
}

export interface SampleTerritory {
  city: RegionView;
  dongbao: RegionView;
  longquan: RegionView;
  xiangshan: RegionView;
  g01: RegionView;
  g02: RegionView;
  g03: RegionView;
  compound: RegionView;
  building1: RegionView;
  building2: RegionView;
  duodao: RegionView;
  duodaoshi: RegionView;
  baishipo: RegionView;
  baishipoG01: RegionView;
  /** A point in g03 inside the compound (the buildings stand here). */
  inG03: { lat: number; lng: number };
  /** A point in Baishipo's g01. */
  inBaishipo: { lat: number; lng: number };
}

/** Builds the territory through the API as `cityAdmin`; `city` lets parallel test files use their own root. */
export async function sampleTerritory(rpc: RpcClient, cityAdmin: Actor, city = 'jingmen'): Promise<SampleTerritory> {
  const create = (input: Record<string, unknown>) => rpc.request<RegionView>(GridsRpc.regionCreate, input, { actor: cityAdmin });
  const root = await create({ parentId: null, code: city, name: '荆门市', shape: box(111.9, 30.7, 112.6, 31.4) });
  const dongbao = await create({ parentId: root.id, code: 'dongbao', name: '东宝区', kind: 'district', shape: box(112.0, 31.0, 112.3, 31.3) });
  const longquan = await create({ parentId: dongbao.id, code: 'longquan', name: '龙泉街道', kind: 'street', shape: box(112.15, 31.0, 112.25, 31.1) });
  const xiangshan = await create({ parentId: longquan.id, code: 'xiangshan', name: '象山社区', kind: 'community', shape: box(112.18, 31.02, 112.21, 31.05) });
  const g01 = await create({ parentId: xiangshan.id, code: 'g01', name: '象山社区第一网格', shape: box(112.18, 31.02, 112.19, 31.05) });
  const g02 = await create({ parentId: xiangshan.id, code: 'g02', name: '象山社区第二网格', shape: box(112.19, 31.02, 112.2, 31.05) });
  const g03 = await create({ parentId: xiangshan.id, code: 'g03', name: '象山社区第三网格', shape: box(112.2, 31.02, 112.21, 31.05) });
  const compound = await create({ parentId: g03.id, code: 'xsxc', name: '象山新村小区', kind: 'compound', shape: box(112.202, 31.03, 112.208, 31.036) });
  const building1 = await create({ parentId: compound.id, code: 'b1', name: '象山新村1栋', location: { lat: 31.032, lng: 112.204 } });
  const building2 = await create({ parentId: compound.id, code: 'b2', name: '象山新村2栋', location: { lat: 31.034, lng: 112.206 } });
  const duodao = await create({ parentId: root.id, code: 'duodao', name: '掇刀区', kind: 'district', shape: box(112.0, 30.8, 112.3, 31.0) });
  const duodaoshi = await create({ parentId: duodao.id, code: 'duodaoshi', name: '掇刀石街道', kind: 'street', shape: box(112.15, 30.9, 112.25, 31.0) });
  const baishipo = await create({ parentId: duodaoshi.id, code: 'baishipo', name: '白石坡社区', kind: 'community', shape: box(112.18, 30.92, 112.22, 30.96) });
  const baishipoG01 = await create({ parentId: baishipo.id, code: 'g01', name: '白石坡社区第一网格', shape: box(112.18, 30.92, 112.22, 30.96) });
  return {
    city: root, dongbao, longquan, xiangshan, g01, g02, g03, compound, building1, building2, duodao, duodaoshi, baishipo, baishipoG01,
    inG03: { lat: 31.033, lng: 112.205 },
    inBaishipo: { lat: 30.94, lng: 112.2 },
  };
}

/**
 * A person identity has told grids about, living in `region`: what identity's `person.registered`
 * event does through grids's consumer (person.spec.ts proves that path), applied directly.
 */
export async function knownPerson(app: INestApplicationContext, region: string): Promise<string> {
  const id = randomUUID();
  const event = { id: randomUUID(), type: PERSON_REGISTERED, source: `/gov/identity/person/${id}`, subject: id, time: new Date().toISOString(), county: region.split('/')[1] ?? 'city', data: { id, region } };
  await app.get(PersonDirectory).recordRegistered('fixtures', event);
  return id;
}
