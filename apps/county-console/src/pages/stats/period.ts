/**
 * The dashboard's region and period, kept in the URL (`/stats?region=…&from=YYYY-MM-DD&to=YYYY-MM-DD`) so a
 * view can be bookmarked or sent to a colleague. Days are China Standard Time calendar days and `to` is
 * included: the period asked of the gateway is [from 00:00, the day after to 00:00) at +08:00, the
 * half-open interval petitionStats counts over (docs/petition-stats.md).
 */
import { isWithin } from '../../auth/roles.js';
import { CST_OFFSET, cstWallClock } from '../../shell/format.js';

export interface Period {
  /** First day counted, YYYY-MM-DD. */
  from: string;
  /** Last day counted (included), YYYY-MM-DD. */
  to: string;
}

export interface StatsView extends Period {
  region: string;
}

/** An interval as petitionStats takes it: ISO 8601 instants with the +08:00 offset, `to` exclusive. */
export interface Instants {
  from: string;
  to: string;
}

export interface MonthBucket extends Instants {
  /** YYYY-MM */
  label: string;
}

const DAY_MS = 86_400_000;
/** petitionStats refuses longer periods (MAX_STATS_PERIOD_DAYS) with VALIDATION. */
export const MAX_PERIOD_DAYS = 366;
/** "The last 6 months": this month and the five before it, from the first of the earliest. */
export const DEFAULT_MONTHS = 6;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a calendar day that exists, written YYYY-MM-DD. */
export function isDay(s: string | null | undefined): s is string {
  const m = DAY_PATTERN.exec(s ?? '');
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s;
}

function dayToUtcMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function msToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return msToDay(dayToUtcMs(day) + n * DAY_MS);
}

/** The first day of the month `n` months after the month of `day`. */
export function monthStart(day: string, n = 0): string {
  const d = new Date(dayToUtcMs(day));
  return msToDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
}

/** Today in China Standard Time. */
export function todayCst(now: Date): string {
  return msToDay(cstWallClock(now).getTime());
}

export function defaultPeriod(now: Date): Period {
  const to = todayCst(now);
  return { from: monthStart(to, -(DEFAULT_MONTHS - 1)), to };
}

/** Midnight at the start of `day` in China Standard Time, as an ISO 8601 instant with its offset. */
export function cstMidnight(day: string): string {
  return `${day}T00:00:00${CST_OFFSET}`;
}

export function periodInstants(p: Period): Instants {
  return { from: cstMidnight(p.from), to: cstMidnight(addDays(p.to, 1)) };
}

/** mediationStats takes days: from included, to excluded. */
export function mediationDays(p: Period): Period {
  return { from: p.from, to: addDays(p.to, 1) };
}

export function periodDays(p: Period): number {
  return Math.round((dayToUtcMs(p.to) - dayToUtcMs(p.from)) / DAY_MS) + 1;
}

/** Why a period cannot be asked for, in words for the user; null when it can. */
export function periodError(p: Period): string | null {
  if (!isDay(p.from) || !isDay(p.to)) return '请输入有效的开始和结束日期';
  if (p.to < p.from) return '结束日期不能早于开始日期';
  if (periodDays(p) > MAX_PERIOD_DAYS) return `统计区间最长 ${MAX_PERIOD_DAYS} 天`;
  return null;
}

/** The calendar months the period touches, each clipped to the period (the first and last may be partial). */
export function monthBuckets(p: Period): MonthBucket[] {
  const end = addDays(p.to, 1);
  const buckets: MonthBucket[] = [];
  for (let start = monthStart(p.from); start < end; start = monthStart(start, 1)) {
    const from = start < p.from ? p.from : start;
    const next = monthStart(start, 1);
    const to = next < end ? next : end;
    buckets.push({ label: start.slice(0, 7), from: cstMidnight(from), to: cstMidnight(to) });
  }
  return buckets;
}

/**
 * The view the URL asks for. A region outside the user's work regions (an old link, another user's) falls
 * back to the first work region: the gateway would refuse it anyway. Missing or malformed days fall back
 * to the default period.
 */
export function readView(query: URLSearchParams, regions: readonly string[], now: Date): StatsView | null {
  const asked = query.get('region');
  const region = asked && regions.some((r) => isWithin(asked, r)) ? asked : regions[0];
  if (!region) return null;
  const fallback = defaultPeriod(now);
  const from = query.get('from');
  const to = query.get('to');
  return { region, from: isDay(from) ? from : fallback.from, to: isDay(to) ? to : fallback.to };
}

export function viewHref(view: StatsView): string {
  return `/stats?${new URLSearchParams({ region: view.region, from: view.from, to: view.to }).toString()}`;
}
