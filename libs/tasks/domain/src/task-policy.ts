import { ADMIN_ROLES, actorCan, regionContains, type Actor, type RoleName } from '@gov/kernel';

/**
 * Who may publish and verify (可发、可核): stewards and grid workers on the task's region, and the
 * admins above them. Claiming needs a steward record (the steward read model), not a role.
 */
export const TASK_PUBLISHER_ROLES: readonly RoleName[] = ['steward', 'grid_worker', ...ADMIN_ROLES];
export const TASK_VERIFIER_ROLES: readonly RoleName[] = TASK_PUBLISHER_ROLES;
/** Emergency tasks call stewards out in numbers: only grid workers and admins publish them. */
export const EMERGENCY_PUBLISHER_ROLES: readonly RoleName[] = ['grid_worker', ...ADMIN_ROLES];

export function mayPublishTask(actor: Actor, region: string, emergency: boolean): boolean {
  return actorCan(actor, emergency ? EMERGENCY_PUBLISHER_ROLES : TASK_PUBLISHER_ROLES, region);
}

export function mayVerifyTask(actor: Actor, region: string): boolean {
  return actorCan(actor, TASK_VERIFIER_ROLES, region);
}

/** A task is visible to anyone working in its region, above it or below it. */
export function taskVisibleTo(actor: Actor, region: string): boolean {
  return actor.grants.some((g) => regionContains(g.region, region) || regionContains(region, g.region));
}

/** The community (社区/村) of a path: its first four segments (city/county/street/community). */
export const COMMUNITY_DEPTH = 4;
export function communityOf(path: string): string {
  return path.split('/').slice(0, COMMUNITY_DEPTH).join('/');
}
