/**
 * The queue's filters live in the URL query (?state=open&category=municipal&overdue=1…), so a reload
 * or a shared link shows the same queue. This module reads and writes that query and turns the
 * filters into the variables of `petitions(...)`. Pure: tested in queue-filters.spec.ts.
 */
import type { Channel, PetitionState, Role } from '../../api/schema-types.js';
import { isWithin, workRegions, type GrantLike } from '../../auth/roles.js';
import { CHANNELS, OPEN_STATES, PETITION_STATES } from '../petition/petition-labels.js';
import type { QueuePetitionsQueryVariables } from './queue.generated.js';

/** Rows a page shows: a county office screen at 1366×768 scrolls a little, not much. */
export const QUEUE_PAGE_SIZE = 20;

/** '' every state; 'open' the unfinished ones (未办结); or one state. */
export type StateFilter = '' | 'open' | PetitionState;

export interface QueueFilters {
  state: StateFilter;
  /** A major or minor category key; '' any. */
  category: string;
  channel: '' | Channel;
  overdue: boolean;
  /** A region subtree; '' every region the user handles. */
  region: string;
  /** The cursor of the page shown (pageInfo.endCursor of the one before); '' the first page. */
  after: string;
}

/** The URL value for "every region" when the default is narrower (a grid worker's grid). */
export const ALL_REGIONS = 'all';

/** Roles whose regions the queue lists (the petitions service's staff: no mediators). */
export const QUEUE_ROLES: readonly Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_admin', 'department_handler', 'grid_worker'];

export interface QueueContext {
  /** The regions the region filter offers (the user's work regions). */
  regions: readonly string[];
  /** The region shown when the URL names none. */
  defaultRegion: string;
}

/**
 * The region filter's choices and default: a user who only works grids (a grid worker) sees their
 * (first) grid's queue; anyone with a wider role starts on everything they handle.
 */
export function queueContext(grants: readonly GrantLike[]): QueueContext {
  const regions = workRegions(grants, QUEUE_ROLES);
  const queueGrants = grants.filter((g) => QUEUE_ROLES.includes(g.role));
  const onlyGridWorker = queueGrants.length > 0 && queueGrants.every((g) => g.role === 'grid_worker');
  return { regions, defaultRegion: onlyGridWorker ? (regions[0] ?? '') : '' };
}

const isState = (v: string): v is PetitionState => (PETITION_STATES as readonly string[]).includes(v);
const isChannel = (v: string): v is Channel => (CHANNELS as readonly string[]).includes(v);
/** Category keys are <major> or <major>.<minor> of lower-case words. */
const CATEGORY_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$/;
const MAX_CURSOR = 200;

/** Reads the filters from the URL query; a value it does not know is ignored (the default applies). */
export function parseQueueFilters(query: URLSearchParams, ctx: QueueContext): QueueFilters {
  const state = query.get('state') ?? '';
  const category = query.get('category') ?? '';
  const channel = query.get('channel') ?? '';
  const region = query.get('region');
  const after = query.get('after') ?? '';
  return {
    state: state === 'open' || isState(state) ? state : '',
    category: CATEGORY_KEY.test(category) ? category : '',
    channel: isChannel(channel) ? channel : '',
    overdue: query.get('overdue') === '1',
    region: parseRegion(region, ctx),
    after: after.length <= MAX_CURSOR ? after : '',
  };
}

function parseRegion(value: string | null, ctx: QueueContext): string {
  if (value === null || value === '') return ctx.defaultRegion;
  if (value === ALL_REGIONS) return '';
  // Only a region inside the user's own: anything else would be refused (NOT_FOUND) by the gateway.
  return ctx.regions.some((r) => isWithin(value, r)) ? value : ctx.defaultRegion;
}

/** The URL query for the filters (without '?'); defaults are left out so plain /queue stays plain. */
export function serializeQueueFilters(f: QueueFilters, ctx: QueueContext): string {
  const q = new URLSearchParams();
  if (f.state) q.set('state', f.state);
  if (f.category) q.set('category', f.category);
  if (f.channel) q.set('channel', f.channel);
  if (f.overdue) q.set('overdue', '1');
  if (f.region !== ctx.defaultRegion) q.set('region', f.region || ALL_REGIONS);
  if (f.after) q.set('after', f.after);
  return q.toString();
}

/** The `petitions(...)` variables for the filters: unset filters are left out, not sent as null. */
export function queueVariables(f: QueueFilters, pageSize = QUEUE_PAGE_SIZE): QueuePetitionsQueryVariables {
  const v: QueuePetitionsQueryVariables = { first: pageSize };
  if (f.after) v.after = f.after;
  if (f.state === 'open') v.states = [...OPEN_STATES];
  else if (f.state) v.states = [f.state];
  if (f.category) v.category = f.category;
  if (f.channel) v.channels = [f.channel];
  // overdue: false would mean "every petition that is not overdue"; the checkbox only narrows.
  if (f.overdue) v.overdue = true;
  if (f.region) v.region = f.region;
  return v;
}

/** A filter changed: back to the first page, since the old cursor belongs to another list. */
export function withFilter(f: QueueFilters, change: Partial<Omit<QueueFilters, 'after'>>): QueueFilters {
  return { ...f, ...change, after: '' };
}

/** A petition's region as the queue shows it: below the user's region that holds it (their own part is implied). */
export function shortRegion(path: string, regions: readonly string[]): string {
  const holder = regions.filter((r) => isWithin(path, r)).sort((a, b) => b.length - a.length)[0];
  if (!holder || holder === path) return path;
  return path.slice(holder.length + 1);
}
