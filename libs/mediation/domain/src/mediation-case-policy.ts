import { ADMIN_ROLES, actorCan, regionContains, type Actor, type RoleName } from '@gov/kernel';

/** Who may create a mediation case: an admin on its region or on a region above it. */
export const MEDIATION_CASE_CREATOR_ROLES: readonly RoleName[] = ADMIN_ROLES;

export function mayCreateMediationCase(actor: Actor, region: string): boolean {
  return actorCan(actor, MEDIATION_CASE_CREATOR_ROLES, region);
}

/** A mediation case is visible to anyone working in its region, above it or below it. */
export function mediationCaseVisibleTo(actor: Actor, region: string): boolean {
  return actor.grants.some((g) => regionContains(g.region, region) || regionContains(region, g.region));
}
