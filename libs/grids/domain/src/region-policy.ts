import { ADMIN_ROLES, actorCan, regionContains, type Actor, type RoleName } from '@gov/kernel';

/** Who may create a region: an admin on its region or on a region above it. */
export const REGION_CREATOR_ROLES: readonly RoleName[] = ADMIN_ROLES;

export function mayCreateRegion(actor: Actor, region: string): boolean {
  return actorCan(actor, REGION_CREATOR_ROLES, region);
}

/** A region is visible to anyone working in its region, above it or below it. */
export function regionVisibleTo(actor: Actor, region: string): boolean {
  return actor.grants.some((g) => regionContains(g.region, region) || regionContains(region, g.region));
}
