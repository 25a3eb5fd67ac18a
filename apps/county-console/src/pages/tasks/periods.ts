/**
 * Ranking periods as the tasks service names them: a month 2026-11, a quarter 2026-Q4, a year 2026 —
 * in China Standard Time, like the points they count.
 */
import { cstWallClock } from '../../shell/format.js';

export type PeriodKind = 'month' | 'quarter' | 'year';

export const PERIOD_KIND_NAMES: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度' };


/** Year, month (1–12) and quarter (1–4) of an instant in China Standard Time. */
export function cstCalendar(now: Date): { year: number; month: number; quarter: number } {
  const local = cstWallClock(now);
  const month = local.getUTCMonth() + 1;
  return { year: local.getUTCFullYear(), month, quarter: Math.ceil(month / 3) };
}

/** `index` is the month (1–12) or quarter (1–4); ignored for a year. */
export function periodString(kind: PeriodKind, year: number, index: number): string {
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-Q${index}`;
  return `${year}-${String(index).padStart(2, '0')}`;
}

/** The period that contains `now`. */
export function currentPeriod(kind: PeriodKind, now: Date): string {
  const c = cstCalendar(now);
  return periodString(kind, c.year, kind === 'quarter' ? c.quarter : c.month);
}

/** The last quarter that has ended: the one whose unit tiers are settled. */
export function lastEndedQuarter(now: Date): string {
  const c = cstCalendar(now);
  return c.quarter === 1 ? periodString('quarter', c.year - 1, 4) : periodString('quarter', c.year, c.quarter - 1);
}

/** Quarters to choose from: the current one and the `count - 1` before it, newest first. */
export function recentQuarters(now: Date, count: number): string[] {
  const c = cstCalendar(now);
  const out: string[] = [];
  let { year, quarter } = c;
  for (let i = 0; i < count; i++) {
    out.push(periodString('quarter', year, quarter));
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
  return out;
}

/** A period string back into its parts (a year reads as index 1). */
export function parsePeriod(period: string): { kind: PeriodKind; year: number; index: number } {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) return { kind: 'quarter', year: Number(q[1]), index: Number(q[2]) };
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) return { kind: 'month', year: Number(m[1]), index: Number(m[2]) };
  return { kind: 'year', year: Number(period.slice(0, 4)), index: 1 };
}
