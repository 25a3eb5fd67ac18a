import { ADMIN_ROLES, actorCan, type Actor, type RoleName } from '@gov/kernel';

/** Staff who open cases and see the cases of their regions: grid workers, mediators and admins. */
export const CASE_STAFF_ROLES: readonly RoleName[] = ['grid_worker', 'mediator', ...ADMIN_ROLES];
/** Who assigns, escalates, closes and overrides a conflict of interest: admins of the case's place or above. */
export const CASE_MANAGER_ROLES: readonly RoleName[] = ADMIN_ROLES;
/** Who runs deliberation meetings and keeps the committee's lists. */
export const MEETING_ROLES: readonly RoleName[] = ['grid_worker', 'mediator', ...ADMIN_ROLES];
/** Who manages organisations and their mediators: admins of the organisation's region or above. */
export const ORGANISATION_ADMIN_ROLES: readonly RoleName[] = ADMIN_ROLES;

/** What the policy needs to know of a case. */
export interface CaseAccess {
  region: string;
  /** The assigned mediator's person, if any. */
  mediatorPersonId: string | null;
  /** The parties' persons (those who have one). */
  partyPersonIds: readonly string[];
}

/** Staff of the place (or above), the assigned mediator and the parties themselves see a case. */
export function caseVisibleTo(a: Actor, c: CaseAccess): boolean {
  return actorCan(a, CASE_STAFF_ROLES, c.region) || isAssignedMediator(a, c) || isParty(a, c);
}

/** Sessions, agreements and follow-ups are run by the assigned mediator or an admin of the place. */
export function mayConduct(a: Actor, c: CaseAccess): boolean {
  return isAssignedMediator(a, c) || actorCan(a, CASE_MANAGER_ROLES, c.region);
}

export function mayManage(a: Actor, c: Pick<CaseAccess, 'region'>): boolean {
  return actorCan(a, CASE_MANAGER_ROLES, c.region);
}

export function isAssignedMediator(a: Actor, c: CaseAccess): boolean {
  return a.personId !== null && c.mediatorPersonId === a.personId;
}

export function isParty(a: Actor, c: CaseAccess): boolean {
  return a.personId !== null && c.partyPersonIds.includes(a.personId);
}
