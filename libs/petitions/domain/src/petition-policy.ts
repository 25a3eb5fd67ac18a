import { ADMIN_ROLES, actorCan, regionContains, type Actor, type RoleName } from '@gov/kernel';

/** Who may create a petition: an admin on its region or on a region above it. */
export const PETITION_CREATOR_ROLES: readonly RoleName[] = ADMIN_ROLES;

export function mayCreatePetition(actor: Actor, region: string): boolean {
  return actorCan(actor, PETITION_CREATOR_ROLES, region);
}

/** A petition is visible to anyone working in its region, above it or below it. */
export function petitionVisibleTo(actor: Actor, region: string): boolean {
  return actor.grants.some((g) => regionContains(g.region, region) || regionContains(region, g.region));
}
