import { ADMIN_ROLES, actorCan, regionContains, type Actor, type RoleName } from '@gov/kernel';
import type { RegionLevel } from '@gov/grids-contracts';

/** Who may shape the tree (create, edit, move, archive nodes, draw layer grids, assign staff): an admin on the region or above. */
export const REGION_CREATOR_ROLES: readonly RoleName[] = ADMIN_ROLES;
/** A new city is a deployment decision: city admins only. */
export const CITY_CREATOR_ROLES: readonly RoleName[] = ['city_admin'];

export function mayCreateRegion(actor: Actor, region: string): boolean {
  return actorCan(actor, REGION_CREATOR_ROLES, region);
}

/** A region is visible to anyone working in its region, above it or below it. */
export function regionVisibleTo(actor: Actor, region: string): boolean {
  return actor.grants.some((g) => regionContains(g.region, region) || regionContains(region, g.region));
}

/**
 * The levels a node may have under a parent of `parent` level. Buildings stand in a compound or
 * village group, or directly in a grid where there is none.
 */
export const CHILD_LEVELS: Record<RegionLevel | 'root', readonly RegionLevel[]> = {
  root: ['city'],
  city: ['county'],
  county: ['street'],
  street: ['community'],
  community: ['grid'],
  grid: ['compound', 'building'],
  compound: ['building'],
  building: [],
};

/** The level of a new node under `parent` (null for a city): the first allowed, or the one asked for when it is allowed. */
export function childLevel(parent: RegionLevel | null, asked: 'building' | null): RegionLevel | null {
  const allowed = CHILD_LEVELS[parent ?? 'root'];
  if (asked) return allowed.includes(asked) ? asked : null;
  return allowed[0] ?? null;
}

/** Levels that carry a point instead of a shape. */
export function isPointLevel(level: RegionLevel): boolean {
  return level === 'building';
}
