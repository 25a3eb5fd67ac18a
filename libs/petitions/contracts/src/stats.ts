/** Live statistics of a region subtree over a period; every formula is in docs/petition-stats.md. */
import { pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';
import type { Channel, Level } from './petition.js';

/** Longest period one statistics query may cover, in days. */
export const MAX_STATS_PERIOD_DAYS = 366;

export const PetitionStatsInput = z
  .object({
    region: regionPath,
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  })
  .refine((s) => Date.parse(s.from) < Date.parse(s.to), { message: 'from must be before to' })
  .refine((s) => Date.parse(s.to) - Date.parse(s.from) <= MAX_STATS_PERIOD_DAYS * 86_400_000, { message: `at most ${MAX_STATS_PERIOD_DAYS} days` });
export const OverdueListInput = z.object({ region: regionPath, first });
export type PetitionStatsInput = z.output<typeof PetitionStatsInput>;
export type OverdueListInput = z.output<typeof OverdueListInput>;

/** The intake channels as the statistics label them. */
export const CHANNEL_LABELS_ZH: Record<Channel, string> = {
  qr: '扫码反映',
  photo: '随手拍',
  hotline: '12345热线',
  sentinel: '哨兵上报',
  steward_app: '红管家',
  door_knock: '敲门行动',
  mailbox: '红色信箱',
};

export interface CountByKey {
  key: string;
  labelZh: string;
  count: number;
}

/** One department's petitions in the period (the ranking orders them by onTimeRate, then satisfactionRate). */
export interface DepartmentRankView {
  departmentId: string;
  departmentName: string;
  /** Submitted in the period and now with this department. */
  assigned: number;
  /** Closed in the period while with it. */
  closed: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  averageHandlingDays: number | null;
}

export interface PetitionStatsView {
  region: string;
  from: string;
  to: string;
  /** Petitions submitted in the period. */
  intake: number;
  byChannel: CountByKey[];
  byCategory: CountByKey[];
  /** Closed in the period; of those, the share resolved by their deadline and the mean days from submission to resolution. */
  closed: number;
  onTimeClosureRate: number | null;
  averageHandlingDays: number | null;
  /** Screened within 24 h, of those submitted in the period that are due a response (screened, or submitted 24 h ago). */
  responseRate: number | null;
  /** Resolved or closed, of those submitted in the period and accepted as valid. */
  resolutionRate: number | null;
  /** Ratings of 4–5, of those rated in the period. */
  satisfactionRate: number | null;
  averageRating: number | null;
  /** Open now and past the deadline, whenever submitted. */
  overdueOpen: number;
  /** Submitted in the period and escalated at least once. */
  escalated: number;
  /** Blown in the period by a community of the region (a grid: about its petitions); late: reported after the limit, or not yet and past it. */
  whistles: number;
  whistlesLate: number;
  departments: DepartmentRankView[];
}

/** An open petition past its deadline (超期未办结), as the overdue list shows it. */
export interface OverdueItemView {
  id: string;
  trackingCode: string;
  categoryNameZh: string;
  title: string;
  /** The grid (or community) the petition belongs to. */
  region: string;
  /** Where it is being handled now; null before it is assigned. */
  level: Level | null;
  deadline: string;
  /** Days since the deadline, a started day counting as one (so at least 1). */
  overdueDays: number;
}
