/**
 * Which task and claim actions the console offers a user, from their grants and the states of the
 * task and claim. These mirror the tasks service's policy (domain/task-policy.ts and task.service.ts):
 * the server decides again, this only keeps buttons it would refuse off the screen. What the console
 * cannot see (whether the claimant is the user, or reports to them in the sentinel chain) is left to
 * the server's FORBIDDEN, shown with the form.
 */
import type { Role } from '../../api/schema-types.js';
import { hasRoleOn, workRegions, type GrantLike } from '../../auth/roles.js';
import type { ClaimStatus, TaskKind, TaskStatus } from '../../api/schema-types.js';
import type { PublishKind } from './publish-form.js';

const ADMIN_ROLES: readonly Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_admin'];
/** Stewards, grid workers and admins of the region publish tasks (and verify them). */
export const TASK_PUBLISHER_ROLES: readonly Role[] = ['steward', 'grid_worker', ...ADMIN_ROLES];
export const TASK_VERIFIER_ROLES: readonly Role[] = TASK_PUBLISHER_ROLES;
/** Emergency tasks call stewards out in numbers: only grid workers and admins publish them. */
export const EMERGENCY_PUBLISHER_ROLES: readonly Role[] = ['grid_worker', ...ADMIN_ROLES];

export interface Viewer {
  accountId: string;
  personId: string | null;
  grants: readonly GrantLike[];
}

export interface TaskLike {
  kind: TaskKind;
  region: string;
  status: TaskStatus;
  /** The publisher's person (or account) id. */
  publishedBy: string;
}

export interface ClaimLike {
  status: ClaimStatus;
  rating: number | null;
}

export type ClaimAction = 'approve' | 'reject' | 'rate';
export type TaskAction = 'cancel';

export const CLAIM_ACTION_NAMES: Record<ClaimAction, string> = { approve: '核验通过', reject: '驳回', rate: '评价' };
export const TASK_ACTION_NAMES: Record<TaskAction, string> = { cancel: '取消任务' };

export function canPublish(grants: readonly GrantLike[], region: string, kind: PublishKind): boolean {
  return hasRoleOn(grants, kind === 'emergency' ? EMERGENCY_PUBLISHER_ROLES : TASK_PUBLISHER_ROLES, region);
}

/** Regions where the user may publish at all: the publish form's suggestions. */
export function publishRegions(grants: readonly GrantLike[]): string[] {
  return workRegions(grants, TASK_PUBLISHER_ROLES);
}

function isPublisher(viewer: Viewer, task: TaskLike): boolean {
  return task.publishedBy === (viewer.personId ?? viewer.accountId);
}

function isVerifier(viewer: Viewer, task: TaskLike): boolean {
  return hasRoleOn(viewer.grants, TASK_VERIFIER_ROLES, task.region);
}

/** Actions on one claim: verify (approve/reject) a submitted one; rate a verified, unrated one. */
export function claimActions(viewer: Viewer, task: TaskLike, claim: ClaimLike): ClaimAction[] {
  // A micro-wish's work is confirmed and rated by the resident who posted it, in the resident app.
  if (task.kind === 'micro_wish') return [];
  const out: ClaimAction[] = [];
  if (claim.status === 'submitted' && isVerifier(viewer, task)) out.push('approve', 'reject');
  if (claim.status === 'verified' && claim.rating === null && isPublisher(viewer, task)) out.push('rate');
  return out;
}

/** Actions on the task: its publisher or a verifier of its region cancels it while it is open. */
export function taskActions(viewer: Viewer, task: TaskLike): TaskAction[] {
  if (task.status !== 'published') return [];
  return isPublisher(viewer, task) || isVerifier(viewer, task) ? ['cancel'] : [];
}

/** Whether the user sees every claim of the task (the server hides others' claims from the rest). */
export function seesAllClaims(viewer: Viewer, task: TaskLike): boolean {
  return isPublisher(viewer, task) || isVerifier(viewer, task);
}

export const REJECT_REASON_MAX = 500;
export const CANCEL_REASON_MAX = 500;

/** A rejection or a cancellation needs a reason (1–500 characters); null when it is fine. */
export function reasonError(reason: string, max = REJECT_REASON_MAX): string | null {
  const r = reason.trim();
  if (!r) return '请填写理由';
  if (r.length > max) return `理由不超过 ${max} 个字`;
  return null;
}
