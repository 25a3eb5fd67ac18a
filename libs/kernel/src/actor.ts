import { regionContains } from './region.js';

/** Roles a person or service account can hold, each granted on a region. */
export const ROLES = [
  'resident',
  'steward',
  'grid_worker',
  'community_admin',
  'street_admin',
  'county_admin',
  'city_admin',
  'department_handler',
  'mediator',
  'integrator',
] as const;
export type RoleName = (typeof ROLES)[number];

export const ADMIN_ROLES: RoleName[] = ['community_admin', 'street_admin', 'county_admin', 'city_admin'];

export interface RoleGrantRef {
  role: RoleName;
  region: string;
}

/** Who is calling: travels from the gateway to every service in the `gov-actor` NATS header. */
export interface Actor {
  accountId: string;
  personId: string | null;
  username: string;
  grants: RoleGrantRef[];
}

/** True when the actor holds one of `roles` on `region` or on one of its ancestors. */
export function actorCan(actor: Actor | null | undefined, roles: readonly RoleName[], region: string): boolean {
  if (!actor) return false;
  return actor.grants.some((g) => roles.includes(g.role) && regionContains(g.region, region));
}

/** The regions where the actor holds one of `roles`: used to filter list queries. */
export function actorRegions(actor: Actor, roles: readonly RoleName[]): string[] {
  const regions = actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.region);
  // Drop regions already covered by an ancestor so filters stay short.
  return regions.filter((r, i) => !regions.some((o, j) => j !== i && o !== r && regionContains(o, r)) && regions.indexOf(r) === i);
}

/** A JSON Web Key Set: how services and integrators learn the keys that sign access tokens. */
export interface JwksView {
  keys: Record<string, unknown>[];
}
