import { ADMIN_ROLES, regionContains, type RoleGrantRef, type RoleName } from '@gov/kernel';
import { type SentinelRole } from '@gov/identity-contracts';

/** Who may do what in identity; every check is also bound to the region of the object. */
export const STAFF_ROLES: RoleName[] = ['grid_worker', ...ADMIN_ROLES];

export const Permissions = {
  registerPerson: STAFF_ROLES,
  readPerson: [...STAFF_ROLES, 'department_handler', 'mediator'] as RoleName[],
  /** Seeing a phone or ID number in full; every use is audited. */
  unmaskPerson: ['community_admin', 'street_admin', 'county_admin', 'city_admin'] as RoleName[],
  createUnit: ['county_admin', 'city_admin'] as RoleName[],
  manageStewards: STAFF_ROLES,
  readStewards: [...STAFF_ROLES, 'department_handler', 'mediator'] as RoleName[],
  /** Held on the region of the grant and on the region of the person who receives or loses it. */
  grantRoles: ADMIN_ROLES,
  readAudit: ADMIN_ROLES,
} as const;

const RANK: Record<RoleName, number> = {
  resident: 1,
  steward: 1,
  grid_worker: 2,
  department_handler: 2,
  mediator: 2,
  community_admin: 3,
  street_admin: 4,
  county_admin: 5,
  integrator: 5,
  city_admin: 6,
};

/** An admin grants only roles below their own; a city admin may also appoint city admins. */
export function mayGrant(holderRole: RoleName, role: RoleName): boolean {
  if (!ADMIN_ROLES.includes(holderRole)) return false;
  return holderRole === 'city_admin' || RANK[role] < RANK[holderRole];
}

/** Whether `grants` let their holder hand out or take back `role` on `region`: an admin role on it (or above) ranking above the role. */
export function mayManageRole(grants: readonly RoleGrantRef[], role: RoleName, region: string): boolean {
  return grants.some((g) => regionContains(g.region, region) && mayGrant(g.role, role));
}

/** Sentinel chain: sentinel → group leader → squad leader (哨兵—组长—班长). */
export function expectedSuperior(role: SentinelRole): SentinelRole | null {
  if (role === 'sentinel') return 'group_leader';
  if (role === 'group_leader') return 'squad_leader';
  return null;
}
