import { ADMIN_ROLES, AppError, ROLES, actorCan, actorRegions, regionContains, type Actor, type RoleName } from '@gov/kernel';

/** Who registers, moves and fills households and links central-household heads: admins of the region, or the grid's grid worker. */
export const HOUSEHOLD_WRITE_ROLES: readonly RoleName[] = [...ADMIN_ROLES, 'grid_worker'];
/**
 * Who sees households (personal-ish: who lives where): anyone working on the region or above it,
 * but not residents nor integrators.
 */
export const HOUSEHOLD_READ_ROLES: readonly RoleName[] = ROLES.filter((r) => r !== 'resident' && r !== 'integrator');

export function householdVisible(actor: Actor, path: string): boolean {
  return actorCan(actor, HOUSEHOLD_READ_ROLES, path);
}

export function householdWritable(actor: Actor, path: string): boolean {
  return actorCan(actor, HOUSEHOLD_WRITE_ROLES, path);
}

/**
 * The parts of `path`'s subtree whose households `actor` may list: the whole node when a role is
 * held on it or above, else the regions below it where one is held (possibly none).
 */
export function householdScopes(actor: Actor, path: string): string[] {
  if (householdVisible(actor, path)) return [path];
  return actorRegions(actor, HOUSEHOLD_READ_ROLES).filter((r) => regionContains(path, r));
}

/** city/county/street/community: the community a path lies in (null above community level). */
export function communityOf(path: string): string | null {
  const segments = path.split('/');
  return segments.length >= 4 ? segments.slice(0, 4).join('/') : null;
}

export function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', `${path}: ${message}`, undefined, [{ path, message }]);
}
