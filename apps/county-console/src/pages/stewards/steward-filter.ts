/**
 * The steward directory's filters: what the form holds, how it travels in the address bar (so the
 * back button and a pasted link reopen the same list) and the `stewards(filter, first, after)`
 * variables it becomes. StewardFilter carries region, unit and class only; anything else the page
 * offers works on the rows already loaded and says so.
 */
import type { Role } from '../../api/schema-types.js';
import type { StewardsDirectoryQueryVariables } from './stewards.generated.js';

export const STEWARD_PAGE_SIZE = 20;
/** Number classes (号段) 1–6, as EnrollStewardInput allows. */
export const STEWARD_CLASSES = [1, 2, 3, 4, 5, 6] as const;
/** The roles that open the stewards section (auth/roles.ts) and so may list stewards. */
export const STEWARD_READER_ROLES: readonly Role[] = ['city_admin', 'county_admin', 'street_admin', 'community_admin', 'grid_worker'];

export interface StewardFilterForm {
  /** A region path (subtree); empty: every region the user works in. */
  region: string;
  unitId: string;
  /** '' or '1'…'6'. */
  stewardClass: string;
}

export const EMPTY_STEWARD_FILTER: StewardFilterForm = { region: '', unitId: '', stewardClass: '' };

const REGION_SEGMENT = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_REGION_DEPTH = 8;

export function readStewardFilter(query: URLSearchParams): StewardFilterForm {
  const cls = query.get('class') ?? '';
  return {
    region: (query.get('region') ?? '').trim(),
    unitId: (query.get('unit') ?? '').trim(),
    stewardClass: STEWARD_CLASSES.some((c) => String(c) === cls) ? cls : '',
  };
}

/** The query string for a filter ('' when nothing is set), in a fixed order so equal filters give equal links. */
export function writeStewardFilter(form: StewardFilterForm): string {
  const q = new URLSearchParams();
  if (form.region.trim()) q.set('region', form.region.trim());
  if (form.unitId) q.set('unit', form.unitId);
  if (form.stewardClass) q.set('class', form.stewardClass);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Why a typed region cannot be asked for (null when it can): the gateway would refuse it anyway. */
export function regionProblem(region: string, workRegions: readonly string[]): string | null {
  const r = region.trim();
  if (!r) return null;
  const segments = r.split('/');
  if (segments.length > MAX_REGION_DEPTH || !segments.every((s) => REGION_SEGMENT.test(s))) return '区域路径格式不正确（如 jingmen/dongbao/longquan）';
  if (!workRegions.some((w) => r === w || r.startsWith(w + '/'))) return '该区域不在您的辖区内';
  return null;
}

/** The list query's variables: only the filters that are set, the page size, and the cursor of the page asked for. */
export function stewardVariables(form: StewardFilterForm, after: string | null): StewardsDirectoryQueryVariables {
  const filter: NonNullable<StewardsDirectoryQueryVariables['filter']> = {};
  if (form.region.trim()) filter.region = form.region.trim();
  if (form.unitId) filter.unitId = form.unitId;
  if (form.stewardClass) filter.class = Number(form.stewardClass);
  return {
    ...(Object.keys(filter).length ? { filter } : {}),
    first: STEWARD_PAGE_SIZE,
    ...(after ? { after } : {}),
  };
}

/** Rows of the loaded page whose name or number contains the text (case-insensitive); all when empty. */
export function findInPage<T extends { number: string; card: { name: string | null } }>(rows: readonly T[], text: string): T[] {
  const t = text.trim().toLowerCase();
  if (!t) return [...rows];
  return rows.filter((r) => r.number.toLowerCase().includes(t) || (r.card.name ?? '').toLowerCase().includes(t));
}
