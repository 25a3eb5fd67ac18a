import { BRONZE_MEDALS, GOLD_MEDALS, SILVER_MEDALS, type Medal, type UnitTier } from '@gov/tasks-contracts';
import { actorCan, type Actor, type RoleName } from '@gov/kernel';
import { PERIOD_TIME_ZONE_OFFSET_H } from './points-rules.js';

/**
 * Ranking and honour rules without I/O (docs/honours.md): standard competition ranking, unit
 * tiers by score lines, medals by rank, the quarters a year's eligibility looks at.
 */

/**
 * Competition ranks ("1224") of values sorted best first, where the first value stands at
 * `firstRank` and `position` rows sort before it (ties included): a tie shares the rank of the
 * first of its group, and the rank after a group skips its size.
 */
export function competitionRanks(points: readonly number[], firstRank = 1, position = firstRank - 1): number[] {
  const ranks: number[] = [];
  points.forEach((p, i) => {
    if (p === points[0]) ranks.push(firstRank);
    else if (p === points[i - 1]) ranks.push(ranks[i - 1]);
    else ranks.push(position + i + 1);
  });
  return ranks;
}

export interface TierLines {
  excellent: number;
  good: number;
  pass: number;
}

/** 优秀 at or above the excellent line, 良好 at or above good, 合格 at or above pass, else 不合格. */
export function tierOf(score: number, lines: TierLines): UnitTier {
  if (score >= lines.excellent) return 'excellent';
  if (score >= lines.good) return 'good';
  if (score >= lines.pass) return 'pass';
  return 'fail';
}

/** Gold for ranks 1–10, silver to 30, bronze to 60 (GOLD_MEDALS, SILVER_MEDALS, BRONZE_MEDALS); ties share the better medal. */
export function medalOf(rank: number): Medal | null {
  if (rank <= GOLD_MEDALS) return 'gold';
  if (rank <= GOLD_MEDALS + SILVER_MEDALS) return 'silver';
  if (rank <= GOLD_MEDALS + SILVER_MEDALS + BRONZE_MEDALS) return 'bronze';
  return null;
}

/** The county (city/county) whose honour settings apply to a path, or null above the counties (the defaults apply). */
export function honourCountyOf(path: string): string | null {
  const segments = path.split('/');
  return segments.length >= 2 ? segments.slice(0, 2).join('/') : null;
}

export function monthsOf(year: string): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

/** The quarters of `year` that have ended by `now` (China Standard Time): a running quarter is not judged yet. */
export function endedQuarters(year: string, now: Date): string[] {
  const y = Number(year);
  return [1, 2, 3, 4].filter((q) => Date.UTC(y, q * 3, 1) - PERIOD_TIME_ZONE_OFFSET_H * 3600_000 <= now.getTime()).map((q) => `${year}-Q${q}`);
}

/** Who sets a county's honour settings (stars per community, tier lines): its admin and the city's. */
export const HONOUR_ADMIN_ROLES: readonly RoleName[] = ['county_admin', 'city_admin'];
export function mayConfigureHonours(actor: Actor, county: string): boolean {
  return actorCan(actor, HONOUR_ADMIN_ROLES, county);
}
