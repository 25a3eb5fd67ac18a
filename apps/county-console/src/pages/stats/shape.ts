/**
 * Query results → what each chart draws and the table behind it (the same table is the chart's hidden
 * text and its CSV, so the export is exactly what is drawn).
 */
import type { FigureTable } from './csv.js';
import { daysCell, percentCell, shareOf } from './format.js';
import type { MonthBucket } from './period.js';
import type { StatsMediationQuery, StatsPetitionQuery, StatsRatesQuery } from './stats.generated.js';

export type PetitionStats = StatsPetitionQuery['petitionStats'];
export type RateStats = StatsRatesQuery['petitionStats'];
export type MediationStats = StatsMediationQuery['mediationStats'];

export interface Item {
  key: string;
  label: string;
  value: number | null;
}

export interface Series {
  name: string;
  values: (number | null)[];
}

/** Categories along one axis, one or more series of values over them. */
export interface MultiSeries {
  categories: string[];
  series: Series[];
}

export interface Shaped<T> {
  data: T;
  table: FigureTable;
}

export const RATE_SERIES = ['响应率', '解决率', '满意率'] as const;

function rates(s: Pick<RateStats, 'responseRate' | 'resolutionRate' | 'satisfactionRate'>): (number | null)[] {
  return [s.responseRate ?? null, s.resolutionRate ?? null, s.satisfactionRate ?? null];
}

/** The headline figures of the period. */
export function summary(s: PetitionStats): FigureTable {
  return {
    columns: ['指标', '数值', '单位'],
    rows: [
      ['按期办结率', percentCell(s.onTimeClosureRate), '%'],
      ['平均办理时长', daysCell(s.averageHandlingDays), '天'],
      ['受理量', s.intake, '件'],
      ['办结量', s.closed, '件'],
      ['超期未办结', s.overdueOpen, '件'],
      ['响应率', percentCell(s.responseRate), '%'],
      ['解决率', percentCell(s.resolutionRate), '%'],
      ['满意率', percentCell(s.satisfactionRate), '%'],
    ],
  };
}

/** Intake per channel or per category, with each one's share of all intake. */
export function counts(items: PetitionStats['byChannel'], keyHeader: string): Shaped<Item[]> {
  const total = items.reduce((n, i) => n + i.count, 0);
  return {
    data: items.map((i) => ({ key: i.key, label: i.labelZh, value: i.count })),
    table: {
      columns: [keyHeader, '受理量', '占比(%)'],
      rows: [...items.map((i) => [i.labelZh, i.count, percentCell(shareOf(i.count, total))]), ['合计', total, percentCell(shareOf(total, total))]],
    },
  };
}

/** Response, resolution and satisfaction per month (each month asked of petitionStats on its own). */
export function monthlyRates(buckets: readonly MonthBucket[], results: readonly RateStats[]): Shaped<MultiSeries> {
  const perMonth = results.map(rates);
  return {
    data: {
      categories: buckets.map((b) => b.label),
      series: RATE_SERIES.map((name, k) => ({ name, values: perMonth.map((r) => r[k]) })),
    },
    table: {
      columns: ['月份', '开始', '结束(不含)', ...RATE_SERIES.map((n) => `${n}(%)`)],
      rows: buckets.map((b, i) => [b.label, b.from, b.to, ...perMonth[i].map(percentCell)]),
    },
  };
}

export interface ChildRegion {
  path: string;
  name: string;
}

/** The same three rates per child region (street or community) over the whole period. */
export function regionRates(children: readonly ChildRegion[], results: readonly RateStats[]): Shaped<MultiSeries> {
  const perRegion = results.map(rates);
  return {
    data: {
      categories: children.map((c) => c.name),
      series: RATE_SERIES.map((name, k) => ({ name, values: perRegion.map((r) => r[k]) })),
    },
    table: {
      columns: ['区域', '区域路径', '受理量', ...RATE_SERIES.map((n) => `${n}(%)`)],
      rows: children.map((c, i) => [c.name, c.path, results[i].intake, ...perRegion[i].map(percentCell)]),
    },
  };
}

/** The department ranking, in the gateway's order (on-time rate, then satisfaction, then closed). */
export function departments(list: PetitionStats['departments']): Shaped<Item[]> {
  return {
    data: list.map((d) => ({ key: d.departmentId, label: d.departmentName, value: d.onTimeRate ?? null })),
    table: {
      columns: ['排名', '部门', '按期办结率(%)', '满意率(%)', '办结量', '在办受理量', '平均办理时长(天)'],
      rows: list.map((d, i) => [i + 1, d.departmentName, percentCell(d.onTimeRate), percentCell(d.satisfactionRate), d.closed, d.assigned, daysCell(d.averageHandlingDays)]),
    },
  };
}

export const MEDIATION_SERIES = ['调解成功', '未成功', '在办'] as const;

/** Mediation outcomes per month opened: settled, failed, still open (stacked), with the totals row. */
export function mediationOutcomes(m: MediationStats): Shaped<MultiSeries> {
  const rows = [...m.rows].sort((a, b) => a.key.localeCompare(b.key));
  const line = (label: string, f: MediationStats['totals']) => [label, f.taken, f.resolved, f.failed, f.open, percentCell(f.successRate)];
  return {
    data: {
      categories: rows.map((r) => r.label),
      series: [
        { name: MEDIATION_SERIES[0], values: rows.map((r) => r.resolved) },
        { name: MEDIATION_SERIES[1], values: rows.map((r) => r.failed) },
        { name: MEDIATION_SERIES[2], values: rows.map((r) => r.open) },
      ],
    },
    table: {
      columns: ['月份', '受理', ...MEDIATION_SERIES, '调解成功率(%)'],
      rows: [...rows.map((r) => line(r.label, r)), line('合计', m.totals)],
    },
  };
}

/** Largest value across series (for a stacked chart: the largest stack). */
export function maxOf(data: MultiSeries, stacked = false): number {
  let max = 0;
  data.categories.forEach((_, i) => {
    const vals = data.series.map((s) => s.values[i] ?? 0);
    max = Math.max(max, stacked ? vals.reduce((a, b) => a + b, 0) : Math.max(0, ...vals));
  });
  return max;
}

/** Whether a chart has anything to draw (a rate of 0 % is something; no rate at all is not). */
export function hasValues(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null);
}
