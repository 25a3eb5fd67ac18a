/**
 * Rankings (排行榜) and honours (红管家之星, 优秀红管家, unit tiers): zod inputs and the views the
 * service answers with. The rules are written up in docs/honours.md.
 */
import { cursorSchema, idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * Who a steward is ranked among: the stewards of one community (社区内), of the same number class
 * (同号段) within a county or a community, or the colleagues of one unit (单位内).
 */
export const RANKING_SCOPES = ['COMMUNITY', 'CLASS', 'UNIT'] as const;
export type RankingScope = (typeof RANKING_SCOPES)[number];

/** A unit's tier in a quarter by its county's score lines (优秀、良好、合格、不合格). */
export const UNIT_TIERS = ['excellent', 'good', 'pass', 'fail'] as const;
export type UnitTier = (typeof UNIT_TIERS)[number];

export const MEDALS = ['gold', 'silver', 'bronze'] as const;
export type Medal = (typeof MEDALS)[number];

/** Defaults of honour_config (the migration's column defaults), for a county that has set nothing. */
export const DEFAULT_STARS_PER_COMMUNITY = 3;
export const DEFAULT_TIER_LINES = { excellent: 60, good: 40, pass: 20 } as const;
/** The table's check on stars per community. */
export const MAX_STARS_PER_COMMUNITY = 50;
/** Highest score line accepted (a unit score is points per member in a quarter). */
export const MAX_TIER_LINE = 100_000;

/**
 * Excellent stewards (优秀红管家) a county names per year, chosen among the year's stars, and the
 * medals for the top places: ranks 1–10 gold, 11–30 silver, 31–60 bronze (a tie shares the better
 * medal and the place at the cut: all stewards tied on the last place are named).
 */
export const EXCELLENT_STEWARDS_PER_COUNTY = 300;
export const GOLD_MEDALS = 10;
export const SILVER_MEDALS = 20;
export const BRONZE_MEDALS = 30;

const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
/** A ranking period in China Standard Time: a year (2026), a quarter (2026-Q4) or a month (2026-11). */
export const periodSchema = z.string().regex(PERIOD, 'must be a year (2026), a quarter (2026-Q4) or a month (2026-11)');
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month like 2026-11');
export const quarterSchema = z.string().regex(/^\d{4}-Q[1-4]$/, 'must be a quarter like 2026-Q4');
export const yearSchema = z.string().regex(/^\d{4}$/, 'must be a year like 2026');

const depth = (p: string) => p.split('/').length;
/** A community (社区/村): city/county/street/community. */
export const communityPath = regionPath.refine((p) => depth(p) === 4, 'must be a community: city/county/street/community');
/** A county (区/县): city/county. */
export const countyPath = regionPath.refine((p) => depth(p) === 2, 'must be a county: city/county');
const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);
const stewardClass = z.number().int().min(1).max(6);

/**
 * A ranking page. COMMUNITY needs `region` (a community); CLASS needs `class` and `region` (a
 * county or a community); UNIT needs `unitId`. Arguments another scope uses are ignored.
 */
export const RankingsInput = z
  .object({
    scope: z.enum(RANKING_SCOPES),
    period: periodSchema,
    region: regionPath.nullish().transform((v) => v ?? null),
    class: stewardClass.nullish().transform((v) => v ?? null),
    unitId: id.nullish().transform((v) => v ?? null),
    first,
    after: cursor,
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'COMMUNITY' && (!v.region || depth(v.region) !== 4)) {
      ctx.addIssue({ code: 'custom', path: ['region'], message: 'a COMMUNITY ranking needs a community: city/county/street/community' });
    }
    if (v.scope === 'CLASS') {
      if (v.class === null) ctx.addIssue({ code: 'custom', path: ['class'], message: 'a CLASS ranking needs the number class (1–6)' });
      if (!v.region || ![2, 4].includes(depth(v.region))) {
        ctx.addIssue({ code: 'custom', path: ['region'], message: 'a CLASS ranking needs a county (city/county) or a community (city/county/street/community)' });
      }
    }
    if (v.scope === 'UNIT' && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'a UNIT ranking needs the unit' });
  });

/**
 * The calling steward's place: in their community, their unit, or their class within `region`
 * (a county or community containing them; their county when absent).
 */
export const MyRankInput = z.object({
  scope: z.enum(RANKING_SCOPES),
  period: periodSchema,
  region: regionPath.nullish().transform((v) => v ?? null),
});

/** Units ranked by score (points per member) among those of `region` the caller may see. */
export const UnitRankingsInput = z.object({ period: periodSchema, region: regionPath, first, after: cursor });
export const StewardStarsInput = z.object({ community: communityPath, month: monthSchema });
export const ExcellentStewardsInput = z.object({ county: countyPath, year: yearSchema });
export const UnitTiersInput = z.object({ region: regionPath, quarter: quarterSchema, first, after: cursor });

const line = z.number().min(0).max(MAX_TIER_LINE);
/** A county's honour settings; what is left out keeps its current value (or the default). */
export const ConfigureHonoursInput = z.object({
  county: countyPath,
  starsPerCommunity: z.number().int().min(1).max(MAX_STARS_PER_COMMUNITY).nullish(),
  tierExcellent: line.nullish(),
  tierGood: line.nullish(),
  tierPass: line.nullish(),
});

/** One steward's line of a ranking; `pointsLedger(stewardId, period)` lists the entries behind `points`. */
export interface RankingEntryView {
  /** Standard competition ranking: ties share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number;
  stewardId: string;
  number: string;
  /** Points earned in the period (task completions, rating bonuses, manual adjustments). */
  points: number;
  period: string;
}

export interface MyRankView {
  scope: RankingScope;
  period: string;
  stewardId: string;
  number: string;
  points: number;
  /** Null when the steward earned nothing in the period (the ranking lists earners only). */
  rank: number | null;
  /** The community (COMMUNITY), the county or community (CLASS); null for UNIT. */
  region: string | null;
  /** The number class (CLASS), else null. */
  class: number | null;
  /** The unit (UNIT), else null. */
  unitId: string | null;
}

export interface UnitRankingEntryView {
  rank: number;
  unitId: string;
  name: string;
  region: string;
  /** Stewards of the unit now (steward records naming it). */
  members: number;
  /** Points its stewards earned in the period. */
  points: number;
  /** points / members, to two decimals: big and small units compare fairly. */
  score: number;
  period: string;
}

export interface UnitTierEntryView extends UnitRankingEntryView {
  tier: UnitTier;
}

export interface TierLinesView {
  excellent: number;
  good: number;
  pass: number;
}

export interface UnitTiersView {
  region: string;
  quarter: string;
  /** The score lines of the region's county; null for a region above the counties (each unit's county's lines apply). */
  lines: TierLinesView | null;
  counts: { excellent: number; good: number; pass: number; fail: number };
  units: { items: UnitTierEntryView[]; endCursor: string | null; hasNextPage: boolean };
  /** Every unit under the pass line (不合格), lowest score first: they explain themselves in writing. */
  underPass: UnitTierEntryView[];
}

export interface StewardStarsView {
  community: string;
  month: string;
  /** N of the county's settings: the top N are stars, and everyone tied with the N-th. */
  starsPerCommunity: number;
  stars: RankingEntryView[];
}

export interface ExcellentStewardView extends RankingEntryView {
  medal: Medal | null;
  /** The months (2026-03…) the steward was a star of their community. */
  starMonths: string[];
}

export interface ExcludedStarView {
  stewardId: string;
  number: string;
  /** The unit that was under the pass line, and the first quarter it was. */
  unitId: string;
  quarter: string;
}

export interface ExcellentStewardsView {
  county: string;
  year: string;
  /** The quarters whose unit tiers were checked: those of the year that have ended. */
  quartersChecked: string[];
  items: ExcellentStewardView[];
  /** Stars who lost eligibility because their unit was under the pass line in a quarter. */
  excluded: ExcludedStarView[];
}

export interface HonourConfigView {
  county: string;
  starsPerCommunity: number;
  tierExcellent: number;
  tierGood: number;
  tierPass: number;
  /** Null while the county uses the defaults. */
  updatedAt: string | null;
}
