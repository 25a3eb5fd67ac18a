/** Live statistics of a region subtree over a period; every formula is in docs/petition-stats.md. */
import { pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

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

export interface CountByKey {
  key: string;
  labelZh: string;
  count: number;
}

export interface DepartmentRankView {
  departmentId: string;
  departmentName: string;
  assigned: number;
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
  /** Closed in the period, and of those closed by their deadline. */
  closed: number;
  onTimeClosureRate: number | null;
  averageHandlingDays: number | null;
  /** Screened within 24 h, of those submitted. */
  responseRate: number | null;
  /** Resolved or closed, of those accepted as valid. */
  resolutionRate: number | null;
  /** Ratings of 4–5, of those rated. */
  satisfactionRate: number | null;
  averageRating: number | null;
  overdueOpen: number;
  escalated: number;
  whistles: number;
  whistlesLate: number;
  departments: DepartmentRankView[];
}
