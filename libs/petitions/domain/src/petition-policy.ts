import { actorCan, regionContains, type Actor, type RoleName } from '@gov/kernel';
import { LEVELS, type Level } from '@gov/petitions-contracts';

/** Everyone who works petitions: grid workers, the admins above them and department handlers. */
export const STAFF_ROLES: readonly RoleName[] = ['grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin', 'department_handler'];
/** Who screens and assigns what arrives in a grid (甄别、交办). */
export const SCREENER_ROLES: readonly RoleName[] = ['grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin'];
/** Who supervises (督办): reopens, blows the whistle, reads contacts of their region. */
export const SUPERVISOR_ROLES: readonly RoleName[] = ['community_admin', 'street_admin', 'county_admin', 'city_admin'];
/** Who handles at each level; an admin above a level may always act for it. */
export const HANDLER_ROLES: Record<Level, readonly RoleName[]> = {
  grid: ['grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin'],
  community: ['community_admin', 'street_admin', 'county_admin', 'city_admin'],
  street: ['street_admin', 'county_admin', 'city_admin'],
  department: ['department_handler', 'county_admin', 'city_admin'],
};
/** Who answers a whistle for a department (报到). */
export const WHISTLE_ACK_ROLES: readonly RoleName[] = ['department_handler', 'county_admin', 'city_admin'];
/** Staff who type in petitions for residents: the hotline, door-knocking and the mailbox. */
export const INTAKE_STAFF_ROLES: readonly RoleName[] = ['grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin', 'department_handler'];

/** Path segments of each level's node: city/county/street/community/grid. */
const LEVEL_DEPTH: Record<Exclude<Level, 'department'>, number> = { street: 3, community: 4, grid: 5 };
const COUNTY_DEPTH = 2;

/** The node at `level` above (or at) a petition's region; department level answers the county. */
export function levelRegion(region: string, level: Level): string {
  const depth = level === 'department' ? COUNTY_DEPTH : LEVEL_DEPTH[level];
  return region.split('/').slice(0, depth).join('/');
}

export function countyOfRegion(region: string): string {
  return region.split('/').slice(0, COUNTY_DEPTH).join('/');
}

/** The community a region lies in (its first four segments), or null above community level. */
export function communityOfRegion(region: string): string | null {
  const parts = region.split('/');
  return parts.length >= LEVEL_DEPTH.community ? parts.slice(0, LEVEL_DEPTH.community).join('/') : null;
}

export function nextLevel(level: Level): Level | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/** What a policy needs of a petition. */
export interface PetitionScopeRef {
  region: string;
  county: string;
  level: Level | null;
  assigneeRegion: string | null;
  submittedBy: string | null;
}

/**
 * Staff of the petition's region (or above it), staff of the region it is assigned to, a county's
 * department handlers once it is at department level, and its submitter.
 */
export function petitionVisibleTo(actor: Actor, p: PetitionScopeRef): boolean {
  if (p.submittedBy !== null && actor.accountId === p.submittedBy) return true;
  if (actorCan(actor, STAFF_ROLES, p.region)) return true;
  if (p.assigneeRegion && actorCan(actor, STAFF_ROLES, p.assigneeRegion)) return true;
  return p.level === 'department' && actorCan(actor, ['department_handler'], p.county);
}

export function mayScreen(actor: Actor, p: PetitionScopeRef): boolean {
  return actorCan(actor, SCREENER_ROLES, p.region);
}

/** Handling at the petition's current level: the level's handlers on the assignee's node. */
export function mayHandle(actor: Actor, p: PetitionScopeRef): boolean {
  if (!p.level || !p.assigneeRegion) return false;
  return actorCan(actor, HANDLER_ROLES[p.level], p.assigneeRegion);
}

export function maySupervise(actor: Actor, p: PetitionScopeRef): boolean {
  return actorCan(actor, SUPERVISOR_ROLES, p.region);
}

export function mayTypeInFor(actor: Actor, region: string): boolean {
  return actorCan(actor, INTAKE_STAFF_ROLES, region);
}

/** The regions a list covers for this actor: below or at each staff grant. */
export function staffRegions(actor: Actor): string[] {
  const regions = actor.grants.filter((g) => STAFF_ROLES.includes(g.role)).map((g) => g.region);
  return [...new Set(regions)].filter((r) => !regions.some((o) => o !== r && regionContains(o, r)));
}

/** Counties where the actor answers department-level petitions. */
export function departmentCounties(actor: Actor): string[] {
  return [...new Set(actor.grants.filter((g) => g.role === 'department_handler').map((g) => countyOfRegion(g.region)))];
}
