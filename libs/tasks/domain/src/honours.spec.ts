import { competitionRanks, endedQuarters, medalOf, monthsOf, tierOf } from './honours.js';

describe('honour rules', () => {
  it('ranks ties together and skips after them (standard competition ranking)', () => {
    expect(competitionRanks([50, 40, 40, 30, 30, 30, 10])).toEqual([1, 2, 2, 4, 4, 4, 7]);
    expect(competitionRanks([])).toEqual([]);
    // A later page: its first row is tied with two rows of the page before (rank 4, position 6).
    expect(competitionRanks([30, 30, 20, 20, 10], 4, 6)).toEqual([4, 4, 9, 9, 11]);
  });

  it('puts a score in the tier of the highest line it reaches', () => {
    const lines = { excellent: 60, good: 40, pass: 20 };
    expect([60, 59.99, 40, 20, 19.99, 0].map((s) => tierOf(s, lines))).toEqual(['excellent', 'good', 'good', 'pass', 'fail', 'fail']);
  });

  it('gives gold to 10, silver to 30, bronze to 60', () => {
    expect([1, 10, 11, 30, 31, 60, 61].map(medalOf)).toEqual(['gold', 'gold', 'silver', 'silver', 'bronze', 'bronze', null]);
  });

  it('judges only the quarters that have ended in China Standard Time', () => {
    expect(monthsOf('2026')).toHaveLength(12);
    expect(endedQuarters('2026', new Date('2026-09-30T15:59:59Z'))).toEqual(['2026-Q1', '2026-Q2']);
    expect(endedQuarters('2026', new Date('2026-09-30T16:00:00Z'))).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect(endedQuarters('2025', new Date('2026-01-01T00:00:00Z'))).toHaveLength(4);
  });
});
