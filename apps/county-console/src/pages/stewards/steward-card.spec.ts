import { describe, expect, it } from 'vitest';
import { cardBack, cardFront, chinaYear, classLabel, countyOf, HIDDEN_NAME, HIDDEN_UNIT, numberHistoryNewestFirst, parseStewardNumber, type StewardDetail } from './steward-card.js';
import type { StewardBackQuery } from './steward.generated.js';

function steward(patch: Partial<StewardDetail> = {}, card: Partial<StewardDetail['card']> = {}): StewardDetail {
  return {
    id: 's-1',
    number: '6-DB01-G03-12-0007',
    class: 6,
    grid: 'jingmen/dongbao/longquan/xiangshan/g03',
    building: '12',
    enrolledAt: '2026-01-05T02:00:00.000Z',
    updatedAt: '2026-03-01T02:00:00.000Z',
    numberHistory: [{ number: '6-DB01-G03-12-0007', issuedAt: '2026-01-05T02:00:00.000Z', retiredAt: null }],
    sentinelRole: null,
    deliberationRole: null,
    card: {
      name: '李桂兰',
      number: '6-DB01-G03-12-0007',
      classTitle: 'Building head (楼栋长)',
      unitName: '东宝区住建局',
      grid: 'jingmen/dongbao/longquan/xiangshan/g03',
      building: '12',
      duties: ['熟悉楼栋每一户', '收集反映群众诉求'],
      ...card,
    },
    person: { name: '李桂兰', phone: '138****5678', idCardNumber: '420802********1234', masked: true },
    unit: { code: 'DB01', name: '东宝区住建局' },
    reportsTo: null,
    ...patch,
  };
}

const back = (patch: Partial<StewardBackQuery> = {}): StewardBackQuery => ({
  dutyCheckIns: { count: 5, target: 12 },
  pointsLedger: { items: [{ amount: 10 }, { amount: 25 }, { amount: -5 }], pageInfo: { hasNextPage: false } },
  excellentStewards: { items: [{ stewardId: 's-1', medal: 'gold', rank: 3, points: 480, starMonths: ['2026-03', '2026-05'] }] },
  ...patch,
});

describe('steward card, front', () => {
  it('shows the Chinese class name from the server’s title, with the class number', () => {
    expect(classLabel(6, 'Building head (楼栋长)')).toBe('6号段 · 楼栋长');
    // A title without brackets falls back to the Jingmen table.
    expect(classLabel(3, 'Community staff')).toBe('3号段 · 居干、网格员、民辅警、村医');
  });

  it('carries name, number, unit, class and place, and the surname for the photo placeholder', () => {
    expect(cardFront(steward())).toEqual({
      name: '李桂兰',
      initial: '李',
      number: '6-DB01-G03-12-0007',
      unitName: '东宝区住建局',
      classLabel: '6号段 · 楼栋长',
      place: 'jingmen/dongbao/longquan/xiangshan/g03 · 12号楼',
    });
  });

  it('says so when the gateway withholds a name or unit outside the viewer’s regions', () => {
    const front = cardFront(steward({ person: null, unit: null }, { name: null, unitName: null, building: null }));
    expect(front.name).toBe(HIDDEN_NAME);
    expect(front.unitName).toBe(HIDDEN_UNIT);
    expect(front.initial).toBe('管');
    expect(front.place).toBe('jingmen/dongbao/longquan/xiangshan/g03');
  });
});

describe('steward card, back', () => {
  it('reads the number part by part', () => {
    expect(parseStewardNumber('6-DB01-G03-12-0007')).toEqual({ stewardClass: 6, unitCode: 'DB01', gridCode: 'G03', building: '12', seq: 7 });
    expect(parseStewardNumber('5-DB01-G03-0-0002')?.building).toBeNull();
    expect(parseStewardNumber('not a number')).toBeNull();
    const parts = cardBack(steward(), undefined, 2026).numberParts;
    expect(parts.map((p) => `${p.label}:${p.value}`)).toEqual(['号段:6（楼栋长）', '单位代码:DB01', '网格代码:G03', '楼栋:12', '序号:0007']);
  });

  it('lists duties and the sentinel and deliberation posts', () => {
    const b = cardBack(steward({ sentinelRole: 'group_leader', deliberationRole: 'dispute_mediator' }), undefined, 2026);
    expect(b.duties).toEqual(['熟悉楼栋每一户', '收集反映群众诉求']);
    expect(b.posts).toEqual(['哨兵链：组长', '议事岗位：矛盾调解员']);
  });

  it('sums the year’s points, counts check-ins against the target and names the honours', () => {
    const figures = cardBack(steward(), back(), 2026).figures;
    expect(figures).toEqual([
      { label: '2026年报到打卡', value: '5 / 12 次' },
      { label: '2026年获得积分', value: '30 分' },
      { label: '荣誉', value: '2026年度优秀红管家（金牌，第3名）；红管家之星：2026-03、2026-05' },
    ]);
  });

  it('gives the points as a floor when the ledger is longer than the page read, and 暂无 without honours', () => {
    const figures = cardBack(steward(), back({ pointsLedger: { items: [{ amount: 40 }], pageInfo: { hasNextPage: true } }, excellentStewards: { items: [{ stewardId: 'other', medal: null, rank: 1, points: 9, starMonths: [] }] } }), 2026).figures;
    expect(figures[1]!.value).toBe('不少于 40 分');
    expect(figures[2]!.value).toBe('暂无');
  });

  it('takes the year and county the platform’s periods use', () => {
    // 2025-12-31 17:00 UTC is already 2026-01-01 01:00 in China.
    expect(chinaYear(new Date('2025-12-31T17:00:00Z'))).toBe(2026);
    expect(chinaYear(new Date('2025-12-31T15:00:00Z'))).toBe(2025);
    expect(countyOf('jingmen/dongbao/longquan/xiangshan/g03')).toBe('jingmen/dongbao');
  });
});

describe('number history', () => {
  it('lists every number held newest first, the one without a retirement time in use', () => {
    // As the gateway gives it: oldest first.
    const history = numberHistoryNewestFirst([
      { number: '5-DB01-G03-0-0002', issuedAt: '2026-01-05T02:00:00.000Z', retiredAt: '2026-02-01T02:00:00.000Z' },
      { number: '5-DB02-G03-0-0011', issuedAt: '2026-02-01T02:00:00.000Z', retiredAt: '2026-03-01T02:00:00.000Z' },
      { number: '6-DB01-G03-12-0007', issuedAt: '2026-03-01T02:00:00.000Z', retiredAt: null },
    ]);
    expect(history).toEqual([
      { number: '6-DB01-G03-12-0007', issuedAt: '2026-03-01T02:00:00.000Z', retiredAt: null, current: true },
      { number: '5-DB02-G03-0-0011', issuedAt: '2026-02-01T02:00:00.000Z', retiredAt: '2026-03-01T02:00:00.000Z', current: false },
      { number: '5-DB01-G03-0-0002', issuedAt: '2026-01-05T02:00:00.000Z', retiredAt: '2026-02-01T02:00:00.000Z', current: false },
    ]);
  });

  it('shows a steward who never changed number with that one number in use', () => {
    expect(numberHistoryNewestFirst(steward().numberHistory)).toEqual([{ number: '6-DB01-G03-12-0007', issuedAt: '2026-01-05T02:00:00.000Z', retiredAt: null, current: true }]);
  });
});
