/**
 * The mediation case list's filters: the form, its place in the address bar, and the
 * `mediationCases(...)` variables it becomes. 未结案 asks for every state before closed at once;
 * the criminal-risk filter is three-way because the API's false means "only cases without it".
 */
import type { DisputeCategory, MediationCaseState, MediationLevel, Role } from '../../api/schema-types.js';
import { CASE_STATES, CATEGORIES, LEVELS } from './mediation-labels.js';
import type { MediationCasesListQueryVariables } from './mediation.generated.js';

export const CASE_PAGE_SIZE = 20;
export const MEETINGS_SHOWN = 50;
/** The roles that open the mediation section (auth/roles.ts): county leaders and mediators. */
export const MEDIATION_READER_ROLES: readonly Role[] = ['city_admin', 'county_admin', 'mediator'];
/** 未结案: every state a case passes before it is closed. */
export const OPEN_STATES: readonly MediationCaseState[] = ['opened', 'assigned', 'mediating', 'agreed'];

export type StateChoice = '' | 'open' | MediationCaseState;
export type RiskChoice = '' | 'yes' | 'no';

export interface CaseFilterForm {
  state: StateChoice;
  category: '' | DisputeCategory;
  level: '' | MediationLevel;
  region: string;
  confirmationDue: boolean;
  criminalRisk: RiskChoice;
}

export const EMPTY_CASE_FILTER: CaseFilterForm = { state: '', category: '', level: '', region: '', confirmationDue: false, criminalRisk: '' };

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): '' | T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

export function readCaseFilter(query: URLSearchParams): CaseFilterForm {
  return {
    state: oneOf(query.get('state'), ['open', ...CASE_STATES] as const),
    category: oneOf(query.get('category'), CATEGORIES),
    level: oneOf(query.get('level'), LEVELS),
    region: (query.get('region') ?? '').trim(),
    confirmationDue: query.get('due') === '1',
    criminalRisk: oneOf(query.get('risk'), ['yes', 'no'] as const),
  };
}

/** The query string for a filter ('' when nothing is set), in a fixed order so equal filters give equal links. */
export function writeCaseFilter(form: CaseFilterForm): string {
  const q = new URLSearchParams();
  if (form.state) q.set('state', form.state);
  if (form.category) q.set('category', form.category);
  if (form.level) q.set('level', form.level);
  if (form.region.trim()) q.set('region', form.region.trim());
  if (form.confirmationDue) q.set('due', '1');
  if (form.criminalRisk) q.set('risk', form.criminalRisk);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The list query's variables: only what is set (an absent filter is no filter), the page size and cursor. */
export function caseVariables(form: CaseFilterForm, after: string | null): MediationCasesListQueryVariables {
  const v: MediationCasesListQueryVariables = { first: CASE_PAGE_SIZE };
  if (form.state === 'open') v.states = [...OPEN_STATES];
  else if (form.state) v.states = [form.state];
  if (form.category) v.category = form.category;
  if (form.level) v.level = form.level;
  if (form.region.trim()) v.region = form.region.trim();
  if (form.confirmationDue) v.confirmationDue = true;
  if (form.criminalRisk) v.criminalRisk = form.criminalRisk === 'yes';
  if (after) v.after = after;
  return v;
}

const REGION_SEGMENT = /^[a-z0-9][a-z0-9-]{0,31}$/;

/** Why a typed region cannot be asked for (null when it can): the gateway would answer NOT_FOUND. */
export function regionProblem(region: string, workRegions: readonly string[]): string | null {
  const r = region.trim();
  if (!r) return null;
  const segments = r.split('/');
  if (segments.length > 8 || !segments.every((s) => REGION_SEGMENT.test(s))) return '区域路径格式不正确（如 jingmen/dongbao/longquan）';
  if (!workRegions.some((w) => r === w || r.startsWith(w + '/'))) return '该区域不在您的辖区内';
  return null;
}
