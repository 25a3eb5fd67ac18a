/**
 * Which actions the petition page offers: the petitions service's rules (libs/petitions/domain
 * petition-policy.ts, as the schema's mutation descriptions state them) applied to the user's grants
 * and the petition's state, level and assignee. The gateway checks every action again; this only
 * keeps the page from offering buttons that would be refused. Pure, so every rule has a test.
 */
import type { Level, PetitionState, Role } from '../../api/schema-types.js';
import { hasRoleOn, type GrantLike } from '../../auth/roles.js';

export type ActionKind = 'screen' | 'assign' | 'accept' | 'start' | 'resolve' | 'reopen' | 'whistle' | 'acknowledge' | 'spawn_task' | 'spawn_mediation';

/** What the rules need of a petition (a subset of the page's Petition). */
export interface PetitionRef {
  id: string;
  state: PetitionState;
  /** Its grid (or community) path: city/county/street/community/grid. */
  region: string;
  assignee: { level: Level; region: string } | null;
  taskId?: string | null;
  mediationCaseId?: string | null;
  contactMasked?: string | null;
}

export interface WhistleRef {
  id: string;
  petitionId: string;
  acknowledgedAt: string | null;
  departmentName: string;
}

export interface PetitionAction {
  kind: ActionKind;
  /** The button's text (the testability contract names these). */
  label: string;
  /** Opens a form (submit 确定) before the mutation runs; the others run on the click. */
  needsInput: boolean;
  /** acknowledge: the whistle it reports for. */
  whistleId?: string;
  /** A hint shown as the button's title. */
  hint?: string;
}

export const ACTION_LABELS: Record<ActionKind, string> = {
  screen: '甄别',
  assign: '分派',
  accept: '受理',
  start: '开始办理',
  resolve: '办结',
  reopen: '督办',
  whistle: '吹哨',
  acknowledge: '报到',
  spawn_task: '转为任务',
  spawn_mediation: '转为调解',
};

const NEEDS_INPUT: Record<ActionKind, boolean> = {
  screen: true,
  assign: true,
  accept: false,
  start: false,
  resolve: true,
  reopen: true,
  whistle: true,
  acknowledge: false,
  spawn_task: true,
  spawn_mediation: true,
};

/** Who screens and assigns what arrives in a grid (甄别、交办). */
export const SCREENER_ROLES: readonly Role[] = ['grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin'];
/** Who supervises (督办): reopens, blows the whistle, reads contacts. */
export const SUPERVISOR_ROLES: readonly Role[] = ['community_admin', 'street_admin', 'county_admin', 'city_admin'];
/** Who handles at each level; an admin above a level may always act for it. */
export const HANDLER_ROLES: Record<Level, readonly Role[]> = {
  grid: ['grid_worker', 'community_admin', 'street_admin', 'county_admin', 'city_admin'],
  community: ['community_admin', 'street_admin', 'county_admin', 'city_admin'],
  street: ['street_admin', 'county_admin', 'city_admin'],
  department: ['department_handler', 'county_admin', 'city_admin'],
};
/** Who reports (报到) for a department summoned by a whistle. */
export const WHISTLE_ACK_ROLES: readonly Role[] = ['department_handler', 'county_admin', 'city_admin'];

/** Handling levels, lowest first (小事不出网格、大事不出社区). */
export const LEVELS: readonly Level[] = ['grid', 'community', 'street', 'department'];

const ASSIGNABLE: readonly PetitionState[] = ['screened', 'assigned', 'accepted', 'in_progress'];
/** States in which a handler's clock runs (HANDLING_STATES): whistles and hand-ons happen here. */
const HANDLING: readonly PetitionState[] = ['assigned', 'accepted', 'in_progress'];
const RESOLVABLE: readonly PetitionState[] = ['accepted', 'in_progress'];
const REOPENABLE: readonly PetitionState[] = ['resolved', 'closed'];
const COMMUNITY_DEPTH = 4;
const COUNTY_DEPTH = 2;

export function communityOf(region: string): string | null {
  const parts = region.split('/');
  return parts.length >= COMMUNITY_DEPTH ? parts.slice(0, COMMUNITY_DEPTH).join('/') : null;
}

export function countyOf(region: string): string {
  return region.split('/').slice(0, COUNTY_DEPTH).join('/');
}

export function mayScreen(grants: readonly GrantLike[], p: PetitionRef): boolean {
  return hasRoleOn(grants, SCREENER_ROLES, p.region);
}

/** Handling at the petition's current level: that level's handlers on the assignee's node. */
export function mayHandle(grants: readonly GrantLike[], p: PetitionRef): boolean {
  return p.assignee !== null && hasRoleOn(grants, HANDLER_ROLES[p.assignee.level], p.assignee.region);
}

export function maySupervise(grants: readonly GrantLike[], p: PetitionRef): boolean {
  return hasRoleOn(grants, SUPERVISOR_ROLES, p.region);
}

/** The audited unmask of the submitter's contact: the handler, the screener or a supervisor, when there is a contact. */
export function mayReadContact(grants: readonly GrantLike[], p: PetitionRef): boolean {
  if (!p.contactMasked) return false;
  return maySupervise(grants, p) || mayHandle(grants, p) || mayScreen(grants, p);
}

/**
 * Levels the assign form offers: the screener sends it to any level; a handler who is not a
 * screener of its region only passes it up, above the level it is at.
 */
export function assignableLevels(grants: readonly GrantLike[], p: PetitionRef): Level[] {
  if (mayScreen(grants, p)) return [...LEVELS];
  if (!mayHandle(grants, p) || !p.assignee) return [];
  return LEVELS.slice(LEVELS.indexOf(p.assignee.level) + 1);
}

/** The actions the user may take on the petition now, in the order the page shows them. */
export function availableActions(grants: readonly GrantLike[], p: PetitionRef, whistles: readonly WhistleRef[] = []): PetitionAction[] {
  const kinds: ActionKind[] = [];
  const handle = mayHandle(grants, p);
  const supervise = maySupervise(grants, p);
  if (p.state === 'submitted' && mayScreen(grants, p)) kinds.push('screen');
  if (p.state === 'assigned' && handle) kinds.push('accept');
  if (p.state === 'accepted' && handle) kinds.push('start');
  if (RESOLVABLE.includes(p.state) && handle) kinds.push('resolve');
  if (ASSIGNABLE.includes(p.state) && assignableLevels(grants, p).length > 0) kinds.push('assign');
  const community = communityOf(p.region);
  if (HANDLING.includes(p.state) && (p.assignee?.level === 'grid' || p.assignee?.level === 'community') && community && hasRoleOn(grants, SUPERVISOR_ROLES, community)) kinds.push('whistle');
  if (REOPENABLE.includes(p.state) && supervise) kinds.push('reopen');
  if (HANDLING.includes(p.state) && (handle || supervise)) {
    if (!p.taskId) kinds.push('spawn_task');
    if (!p.mediationCaseId) kinds.push('spawn_mediation');
  }
  const actions: PetitionAction[] = kinds.map((kind) => ({ kind, label: ACTION_LABELS[kind], needsInput: NEEDS_INPUT[kind] }));
  if (hasRoleOn(grants, WHISTLE_ACK_ROLES, countyOf(p.region))) {
    for (const w of whistles) {
      if (w.acknowledgedAt || w.petitionId !== p.id) continue;
      actions.push({ kind: 'acknowledge', label: ACTION_LABELS.acknowledge, needsInput: NEEDS_INPUT.acknowledge, whistleId: w.id, hint: `${w.departmentName}向社区报到` });
    }
  }
  return actions;
}
