/**
 * The 排行榜 controls → the rankings query's variables, or why they are not complete yet
 * (COMMUNITY needs a community, CLASS a class and a county or community, UNIT a unit).
 */
import type { RankingScope } from '../../api/schema-types.js';

/** city/county/street/community: a community's path has four segments, a county's two. */
export const COMMUNITY_DEPTH = 4;
export const COUNTY_DEPTH = 2;

export interface RankingControls {
  scope: RankingScope;
  period: string;
  region: string;
  /** Steward number class 1–6, or null. */
  stewardClass: number | null;
  unitId: string;
}

export type RankingVariables = { period: string; scope: RankingScope; region?: string | null; class?: number | null; unitId?: string | null };

/** The first `depth` levels of a region path (a grid's community, a street's county). */
const ancestorAt = (region: string, depth: number) => region.split('/').slice(0, depth).join('/');

/** The class a county-wide ranking opens on: resident volunteers, the most numerous stewards. */
export const DEFAULT_RANKING_CLASS = 5;

/**
 * Where the 排行榜 tab opens for a region: a community's ranking for a community or anything inside it
 * (a grid worker's grid ranks in its community); otherwise the county's ranking of one class, which
 * a county or street user may read (rankings accept regions above one's own).
 */
export function defaultRankingControls(region: string): Pick<RankingControls, 'scope' | 'stewardClass'> {
  const depth = region ? region.split('/').length : 0;
  return depth >= COMMUNITY_DEPTH ? { scope: 'COMMUNITY', stewardClass: null } : { scope: 'CLASS', stewardClass: DEFAULT_RANKING_CLASS };
}

export function rankingVariables(c: RankingControls): { variables: RankingVariables } | { missing: string } {
  const depth = c.region ? c.region.split('/').length : 0;
  if (c.scope === 'COMMUNITY') {
    if (depth < COMMUNITY_DEPTH) return { missing: '社区排行请选择一个社区（四级区域路径）' };
    return { variables: { period: c.period, scope: c.scope, region: ancestorAt(c.region, COMMUNITY_DEPTH) } };
  }
  if (c.scope === 'CLASS') {
    if (c.stewardClass === null) return { missing: '同号段排行请选择号段' };
    if (depth < COUNTY_DEPTH) return { missing: '同号段排行请选择县区或社区' };
    // A street has no class ranking of its own: its county's; a grid's is its community's.
    const region = depth >= COMMUNITY_DEPTH ? ancestorAt(c.region, COMMUNITY_DEPTH) : ancestorAt(c.region, COUNTY_DEPTH);
    return { variables: { period: c.period, scope: c.scope, region, class: c.stewardClass } };
  }
  if (!c.unitId) return { missing: '单位内排行请选择单位' };
  return { variables: { period: c.period, scope: c.scope, unitId: c.unitId } };
}
