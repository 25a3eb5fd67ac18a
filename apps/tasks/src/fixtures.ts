import type { Actor, RoleName } from '@gov/kernel';
import { DirectoryRepository, type StewardRef } from '@gov/tasks-data-access';
import { communityOf } from '@gov/tasks-domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { TasksTestApp } from './testing.js';

/** Metres per degree of latitude on PostGIS's sphere (mean radius 6,371,008.8 m). */
export const METRES_PER_DEGREE_LAT = (2 * Math.PI * 6_371_008.8) / 360;

/** 香山社区, 龙泉街道, 东宝区: a point inside it, and a community grid below it. */
export const XIANGSHAN = 'jingmen/dongbao/longquan/xiangshan';
export const XIANGSHAN_GRID = `${XIANGSHAN}/g01`;
export const XIANGSHAN_POINT = { lat: 31.0402, lng: 112.2051 };

/** A point `metres` north of `p` (on the sphere). */
export function north(p: { lat: number; lng: number }, metres: number): { lat: number; lng: number } {
  return { lat: p.lat + metres / METRES_PER_DEGREE_LAT, lng: p.lng };
}

/** A signed-in caller as the gateway forwards them. */
export function actorOf(role: RoleName, region: string, personId: string | null = randomUUID()): Actor {
  return { accountId: randomUUID(), personId, username: `${role}-${region.split('/').at(-1)}`, grants: [{ role, region }] };
}

export interface TestSteward {
  steward: StewardRef;
  actor: Actor;
}

/**
 * A steward as identity's `steward.enrolled` event would leave them in the read model (the
 * directory spec proves that path), written directly: class, unit and grid as given.
 */
export async function enrolSteward(
  app: TasksTestApp,
  opts: { grid?: string; class?: number; unitId?: string; reportsToId?: string | null; number?: string } = {},
): Promise<TestSteward> {
  const grid = opts.grid ?? XIANGSHAN_GRID;
  const steward: StewardRef = {
    id: randomUUID(),
    personId: randomUUID(),
    number: opts.number ?? `${opts.class ?? 3}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
    class: opts.class ?? 3,
    unitId: opts.unitId ?? randomUUID(),
    grid,
    community: communityOf(grid),
    reportsToId: opts.reportsToId ?? null,
  };
  const repo = app.app.get(DirectoryRepository);
  await app.orm.em.fork().transactional((em) => repo.recordSteward(em as EntityManager, steward, new Date()));
  return { steward, actor: actorOf('steward', grid, steward.personId) };
}
