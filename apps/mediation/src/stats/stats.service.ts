import { AppError, actorCan, pathNotFound, type Actor } from '@gov/kernel';
import {
  DISPUTE_CATEGORIES,
  DISPUTE_CATEGORY_ZH,
  type DisputeCategory,
  type MediationFiguresView,
  type MediationStatsInput,
  type MediationStatsRowView,
  type MediationStatsView,
  type StatsGrouping,
} from '@gov/mediation-contracts';
import { MediationStatsRepository, type StatsGroupRecord } from '@gov/mediation-data-access';
import { CASE_STAFF_ROLES } from '@gov/mediation-domain';
import { requireActor } from '@gov/platform-auth';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';

/** Periods are days of China Standard Time (UTC+8 all year), as the months of the statistics. */
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DEFAULT_PERIOD_MONTHS = 12;
/** A month grouping probes the index once per month: a longer period is surely a typo. */
const MAX_PERIOD_YEARS = 20;
/** Key and label of the cases not given to an organisation yet. */
const UNASSIGNED_KEY = 'none';
const UNASSIGNED_LABEL = '未分派';

const StatsErrors = {
  notADay: (path: 'from' | 'to') => new AppError('VALIDATION', 'no such calendar day', undefined, [{ path, message: 'not a calendar day' }]),
  emptyPeriod: () => new AppError('VALIDATION', 'the period ends before it starts', undefined, [{ path: 'to', message: 'must be after from' }]),
  periodTooLong: () => new AppError('VALIDATION', `a period spans at most ${MAX_PERIOD_YEARS} years`, undefined, [{ path: 'from', message: 'too long ago' }]),
};

/** The first instant of a China Standard Time day, or null when the string names no such day. */
function startOfDay(day: string): Date | null {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = Date.UTC(y, m - 1, d);
  return new Date(utc).toISOString().slice(0, 10) === day ? new Date(utc - CST_OFFSET_MS) : null;
}

/** The day (YYYY-MM-DD) `days` and `months` away from a China Standard Time day. */
function shift(day: string, { days = 0, months = 0 }: { days?: number; months?: number }): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 + months, d + days)).toISOString().slice(0, 10);
}

/**
 * The period asked for, as days and instants: by default the twelve months up to tomorrow (so
 * today counts in full).
 */
function periodOf(input: z.output<typeof MediationStatsInput>, now: Date): { from: string; to: string; fromAt: Date; toAt: Date } {
  const today = new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
  const to = input.to ?? shift(today, { days: 1 });
  const from = input.from ?? shift(to, { months: -DEFAULT_PERIOD_MONTHS });
  const fromAt = startOfDay(from);
  const toAt = startOfDay(to);
  if (!fromAt) throw StatsErrors.notADay('from');
  if (!toAt) throw StatsErrors.notADay('to');
  if (fromAt >= toAt) throw StatsErrors.emptyPeriod();
  if (toAt.getTime() - fromAt.getTime() > MAX_PERIOD_YEARS * 366 * DAY_MS) throw StatsErrors.periodTooLong();
  return { from, to, fromAt, toAt };
}

function figures(r: StatsGroupRecord): MediationFiguresView {
  const { taken, resolved, failed, open, successRate, avgDaysToAgreement, confirmed, criminalRiskFlagged } = r;
  return { taken, resolved, failed, open, successRate, avgDaysToAgreement, confirmed, criminalRiskFlagged };
}

/** Each grouping's row key and label: mediation knows no region names, so a region is labelled by its path's last segment. */
const ROW_OF: Record<StatsGrouping, (r: StatsGroupRecord) => { key: string; label: string }> = {
  organisation: (r) => (r.key === null ? { key: UNASSIGNED_KEY, label: UNASSIGNED_LABEL } : { key: r.key, label: r.label ?? r.key }),
  region: (r) => ({ key: r.key!, label: r.key!.split('/').at(-1)! }),
  category: (r) => ({ key: r.key!, label: DISPUTE_CATEGORY_ZH[r.key as DisputeCategory] ?? r.key! }),
  month: (r) => ({ key: r.key!, label: r.key! }),
};

/** Months and paths in order, categories as the contract lists them, organisations busiest first. */
const ORDER: Record<StatsGrouping, (a: MediationStatsRowView, b: MediationStatsRowView) => number> = {
  organisation: (a, b) => b.taken - a.taken || Number(a.key === UNASSIGNED_KEY) - Number(b.key === UNASSIGNED_KEY) || a.label.localeCompare(b.label, 'zh'),
  region: (a, b) => a.key.localeCompare(b.key),
  category: (a, b) => DISPUTE_CATEGORIES.indexOf(a.key as DisputeCategory) - DISPUTE_CATEGORIES.indexOf(b.key as DisputeCategory),
  month: (a, b) => a.key.localeCompare(b.key),
};

/**
 * Live mediation statistics (调解统计) of a region subtree over a period, by organisation, child
 * region, category or month, exact at every call (whole months from the trigger-kept monthly
 * rollup, the rest from the cases). Case staff of the region or above it read them; to anyone
 * else, and for another county's region, the region does not exist.
 */
@Injectable()
export class StatsService {
  constructor(private readonly stats: MediationStatsRepository) {}

  async get(actor: Actor | null, input: z.output<typeof MediationStatsInput>): Promise<MediationStatsView> {
    if (!actorCan(requireActor(actor), CASE_STAFF_ROLES, input.region)) throw pathNotFound('region');
    const period = periodOf(input, new Date());
    const records = await this.stats.stats({ region: input.region, from: period.fromAt, to: period.toAt, category: input.category, groupBy: input.groupBy });
    const [total, ...groups] = records;
    const rows = groups.map((r) => ({ ...ROW_OF[input.groupBy](r), ...figures(r) })).sort(ORDER[input.groupBy]);
    return { region: input.region, from: period.from, to: period.to, groupBy: input.groupBy, totals: figures(total!), rows };
  }
}
