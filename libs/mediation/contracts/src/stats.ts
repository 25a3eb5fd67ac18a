/** Live mediation statistics: cases taken and resolved, success rate, days to agreement. */
import { regionPath } from '@gov/kernel';
import { z } from 'zod';
import { isoDate, nullish } from './common.js';
import { DISPUTE_CATEGORIES } from './organisation.js';

export const STATS_GROUPINGS = ['organisation', 'region', 'category', 'month'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

export const MediationStatsInput = z.object({
  /** A county or a region below it (the city for city admins). */
  region: regionPath,
  /** Opened on or after this day of China Standard Time (default: 12 months before `to`). */
  from: nullish(isoDate),
  /** Opened before this day (exclusive; default: tomorrow, so today counts). Must come after `from`, at most 20 years later. */
  to: nullish(isoDate),
  category: nullish(z.enum(DISPUTE_CATEGORIES)),
  groupBy: z.enum(STATS_GROUPINGS).default('month'),
});

export interface MediationFiguresView {
  /** Cases opened in the period (受理). */
  taken: number;
  /** Of those, settled by an agreement that took effect (调解成功; agreed_at set), whatever became of the case after. */
  resolved: number;
  /** Of those, closed without an agreement: referred, no agreement, or withdrawn. */
  failed: number;
  /** Of those, neither resolved nor failed: still open. */
  open: number;
  /** resolved / (resolved + failed), a share to four decimals; null when none concluded. */
  successRate: number | null;
  /** Mean days from opening to the agreement taking effect over the resolved cases, to one decimal; null when none. */
  avgDaysToAgreement: number | null;
  /** Of those, agreements judicially confirmed (司法确认). */
  confirmed: number;
  /** Of those, flagged at risk of turning criminal. */
  criminalRiskFlagged: number;
}

export interface MediationStatsRowView extends MediationFiguresView {
  /**
   * The organisation id ('none' for cases not given to one), the region path one level below the
   * asked region (the asked region itself for cases at its own node), the category key, or the
   * month of opening (YYYY-MM, China Standard Time).
   */
  key: string;
  /**
   * The organisation's name ('未分派' for none), the region path's last segment (mediation knows
   * no region names), the category's Chinese name, or the month as the key.
   */
  label: string;
}

export interface MediationStatsView {
  region: string;
  /** The period's days (YYYY-MM-DD), defaults filled in. */
  from: string;
  to: string;
  groupBy: string;
  totals: MediationFiguresView;
  /** Groups with a case taken: months and regions in order, categories as listed, organisations busiest first. */
  rows: MediationStatsRowView[];
}
