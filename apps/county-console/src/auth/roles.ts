/**
 * What a signed-in user may see and do in the console, from their grants (role + region path such as
 * `jingmen/dongbao/zijing/xiangshan`). The gateway decides every request again; this only keeps the
 * console from offering pages and buttons that would be refused.
 */
import type { Role } from '../api/schema-types.js';

export interface GrantLike {
  role: Role;
  region: string;
}

export type Page = 'queue' | 'map' | 'tasks' | 'stats' | 'stewards' | 'mediation';

/** Staff roles, highest first: the console is for them, not for residents, stewards or integrators. */
export const STAFF_ROLES: readonly Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_admin', 'department_handler', 'grid_worker', 'mediator'];
const ADMIN_ROLES: readonly Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_admin'];
/** County leaders (县区领导) read mediation cases and meetings. */
const LEADER_ROLES: readonly Role[] = ['city_admin', 'county_admin'];

const PAGE_ROLES: Record<Page, readonly Role[]> = {
  queue: ['city_admin', 'county_admin', 'street_admin', 'community_admin', 'department_handler', 'grid_worker'],
  map: STAFF_ROLES,
  tasks: [...ADMIN_ROLES, 'grid_worker'],
  stats: [...ADMIN_ROLES, 'department_handler'],
  stewards: [...ADMIN_ROLES, 'grid_worker'],
  mediation: [...LEADER_ROLES, 'mediator'],
};

export const PAGE_ORDER: readonly Page[] = ['queue', 'map', 'tasks', 'stats', 'stewards', 'mediation'];

export const PAGE_TITLES: Record<Page, string> = {
  queue: '诉求工单',
  map: '网格地图',
  tasks: '任务与积分',
  stats: '统计分析',
  stewards: '红色管家',
  mediation: '矛盾调解',
};

export const ROLE_NAMES: Record<Role, string> = {
  city_admin: '市级管理员',
  county_admin: '县区管理员',
  street_admin: '街道管理员',
  community_admin: '社区管理员',
  department_handler: '职能部门',
  grid_worker: '网格员',
  mediator: '调解员',
  integrator: '系统对接',
  resident: '居民',
  steward: '红色管家',
};

export function isStaff(grants: readonly GrantLike[]): boolean {
  return grants.some((g) => STAFF_ROLES.includes(g.role));
}

export function canOpen(grants: readonly GrantLike[], page: Page): boolean {
  return grants.some((g) => PAGE_ROLES[page].includes(g.role));
}

export function pagesFor(grants: readonly GrantLike[]): Page[] {
  return PAGE_ORDER.filter((p) => canOpen(grants, p));
}

/** Regions the user works in, shortest paths first, without ones inside another (a county grant covers its streets). */
export function workRegions(grants: readonly GrantLike[], roles: readonly Role[] = STAFF_ROLES): string[] {
  const paths = [...new Set(grants.filter((g) => roles.includes(g.role)).map((g) => g.region))].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => isWithin(p, q)));
}

/** The region the console opens on: the user's widest staff region. */
export function homeRegion(grants: readonly GrantLike[]): string | null {
  return workRegions(grants)[0] ?? null;
}

export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor + '/');
}

/** Whether any of the user's grants with one of `roles` covers `region`. */
export function hasRoleOn(grants: readonly GrantLike[], roles: readonly Role[], region: string): boolean {
  return grants.some((g) => roles.includes(g.role) && isWithin(region, g.region));
}
