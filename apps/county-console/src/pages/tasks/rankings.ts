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

export function rankingVariables(c: RankingControls): { variables: RankingVariables } | { missing: string } {
  const depth = c.region ? c.region.split('/').length : 0;
  if (c.scope === 'COMMUNITY') {
    if (depth !== COMMUNITY_DEPTH) return { missing: '社区排行请选择一个社区（四级区域路径）' };
    return { variables: { period: c.period, scope: c.scope, region: c.region } };
  }
  if (c.scope === 'CLASS') {
    if (c.stewardClass === null) return { missing: '同号段排行请选择号段' };
    if (depth !== COUNTY_DEPTH && depth !== COMMUNITY_DEPTH) return { missing: '同号段排行请选择县区或社区' };
    return { variables: { period: c.period, scope: c.scope, region: c.region, class: c.stewardClass } };
  }
  if (!c.unitId) return { missing: '单位内排行请选择单位' };
  return { variables: { period: c.period, scope: c.scope, unitId: c.unitId } };
}
