import { describe, expect, it } from 'vitest';
import { pageCount, pageOf, searchOf } from './list-filters.js';
import { currentPeriod, lastEndedQuarter, parsePeriod, periodString, recentQuarters } from './periods.js';
import { DEFAULT_RANKING_CLASS, defaultRankingControls, rankingVariables } from './rankings.js';

describe('task list filters', () => {
  it('asks for every status when none is chosen (the server would answer only published ones)', () => {
    expect(searchOf({ region: 'jingmen/dongbao', status: '', kind: '' })).toEqual({ region: 'jingmen/dongbao', statuses: ['published', 'closed', 'cancelled', 'expired'], kinds: null, first: 100 });
    expect(searchOf({ region: 'jingmen/dongbao', status: 'closed', kind: 'emergency' })).toMatchObject({ statuses: ['closed'], kinds: ['emergency'] });
  });

  it('pages the answer twenty at a time, clamping the page', () => {
    const items = Array.from({ length: 45 }, (_, i) => i);
    expect(pageCount(45)).toBe(3);
    expect(pageCount(0)).toBe(1);
    expect(pageOf(items, 2)).toEqual({ items: [40, 41, 42, 43, 44], page: 2 });
    expect(pageOf(items, 9).page).toBe(2);
    expect(pageOf([], 0)).toEqual({ items: [], page: 0 });
  });
});

describe('periods', () => {
  it('names periods as the tasks service does, in China time', () => {
    expect(periodString('month', 2026, 3)).toBe('2026-03');
    expect(periodString('quarter', 2026, 4)).toBe('2026-Q4');
    expect(periodString('year', 2026, 1)).toBe('2026');
    // 2026-03-31 17:00 UTC is already 1 April in Beijing.
    const at = new Date('2026-03-31T17:00:00Z');
    expect(currentPeriod('month', at)).toBe('2026-04');
    expect(currentPeriod('quarter', at)).toBe('2026-Q2');
    expect(lastEndedQuarter(at)).toBe('2026-Q1');
    expect(lastEndedQuarter(new Date('2026-02-01T00:00:00Z'))).toBe('2025-Q4');
    expect(recentQuarters(new Date('2026-02-01T00:00:00Z'), 3)).toEqual(['2026-Q1', '2025-Q4', '2025-Q3']);
    expect(parsePeriod('2026-Q3')).toEqual({ kind: 'quarter', year: 2026, index: 3 });
    expect(parsePeriod('2026-11')).toEqual({ kind: 'month', year: 2026, index: 11 });
  });
});

describe('rankingVariables', () => {
  const base = { period: '2026-Q2', region: 'jingmen/dongbao/longquan/xiangshan', stewardClass: null, unitId: '' };
  it("ranks a grid in its community and a street's class in its county", () => {
    expect(rankingVariables({ ...base, scope: 'COMMUNITY', region: 'jingmen/dongbao/longquan/xiangshan/g03' })).toEqual({ variables: { period: '2026-Q2', scope: 'COMMUNITY', region: 'jingmen/dongbao/longquan/xiangshan' } });
    expect(rankingVariables({ ...base, scope: 'CLASS', stewardClass: 5, region: 'jingmen/dongbao/longquan' })).toEqual({ variables: { period: '2026-Q2', scope: 'CLASS', region: 'jingmen/dongbao', class: 5 } });
    expect(rankingVariables({ ...base, scope: 'CLASS', stewardClass: 5, region: 'jingmen/dongbao/longquan/xiangshan/g03' })).toEqual({ variables: { period: '2026-Q2', scope: 'CLASS', region: 'jingmen/dongbao/longquan/xiangshan', class: 5 } });
  });

  it('opens on a ranking that needs no further choice: the community for a grid worker, a class of the county for a county admin', () => {
    expect(defaultRankingControls('jingmen/dongbao/longquan/xiangshan/g03')).toEqual({ scope: 'COMMUNITY', stewardClass: null });
    expect(defaultRankingControls('jingmen/dongbao')).toEqual({ scope: 'CLASS', stewardClass: DEFAULT_RANKING_CLASS });
    expect('variables' in rankingVariables({ ...base, ...defaultRankingControls('jingmen/dongbao'), region: 'jingmen/dongbao' })).toBe(true);
    expect('variables' in rankingVariables({ ...base, ...defaultRankingControls('jingmen/dongbao/longquan/xiangshan/g03'), region: 'jingmen/dongbao/longquan/xiangshan/g03' })).toBe(true);
  });

  it('needs a community for COMMUNITY, a class and county or community for CLASS, a unit for UNIT', () => {
    expect(rankingVariables({ ...base, scope: 'COMMUNITY' })).toEqual({ variables: { period: '2026-Q2', scope: 'COMMUNITY', region: base.region } });
    expect(rankingVariables({ ...base, scope: 'COMMUNITY', region: 'jingmen/dongbao' })).toHaveProperty('missing');
    expect(rankingVariables({ ...base, scope: 'CLASS' })).toEqual({ missing: '同号段排行请选择号段' });
    expect(rankingVariables({ ...base, scope: 'CLASS', stewardClass: 2, region: 'jingmen/dongbao' })).toEqual({ variables: { period: '2026-Q2', scope: 'CLASS', region: 'jingmen/dongbao', class: 2 } });
    expect(rankingVariables({ ...base, scope: 'CLASS', stewardClass: 2, region: 'jingmen' })).toHaveProperty('missing');
    expect(rankingVariables({ ...base, scope: 'UNIT' })).toEqual({ missing: '单位内排行请选择单位' });
    expect(rankingVariables({ ...base, scope: 'UNIT', unitId: 'u1' })).toEqual({ variables: { period: '2026-Q2', scope: 'UNIT', unitId: 'u1' } });
  });
});
