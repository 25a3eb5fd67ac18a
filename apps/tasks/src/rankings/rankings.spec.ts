import type { Actor, Page } from '@gov/kernel';
import {
  TasksRpc,
  type ExcellentStewardsView,
  type HonourConfigView,
  type LedgerEntryView,
  type MyRankView,
  type RankingEntryView,
  type StewardStarsView,
  type UnitRankingEntryView,
  type UnitTiersView,
} from '@gov/tasks-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { startTasks, type TasksTestApp } from '../testing.js';
import { award, awardAll, callerOf, inMonth, redeem, seedSteward, seedUnit, type RankedSteward, type SeededUnit } from './rankings.fixtures.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;

const DONGBAO = 'jingmen/dongbao';
const SHAYANG = 'jingmen/shayang';
/** Two communities of 东宝区 for the steward rankings. */
const HILL = `${DONGBAO}/longquan/rk-hill`;
const LAKE = `${DONGBAO}/longquan/rk-lake`;
const NOV = '2025-11';

const cityAdmin = callerOf('city_admin', 'jingmen');
const dongbaoAdmin = callerOf('county_admin', DONGBAO);
const duodaoAdmin = callerOf('county_admin', 'jingmen/duodao');
const hillAdmin = callerOf('community_admin', HILL);

const rankings = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => rpc.request<Page<RankingEntryView>>(TasksRpc.rankings, input, { actor: as });
const myRank = (input: Record<string, unknown>, as: Actor) => rpc.request<MyRankView>(TasksRpc.myRank, input, { actor: as });
const unitRankings = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => rpc.request<Page<UnitRankingEntryView>>(TasksRpc.unitRankings, input, { actor: as });
const unitTiers = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => rpc.request<UnitTiersView>(TasksRpc.unitTiers, input, { actor: as });
const stars = (input: Record<string, unknown>, as: Actor = dongbaoAdmin) => rpc.request<StewardStarsView>(TasksRpc.stewardStars, input, { actor: as });
const excellent = (input: Record<string, unknown>, as: Actor) => rpc.request<ExcellentStewardsView>(TasksRpc.excellentStewards, input, { actor: as });
const configure = (input: Record<string, unknown>, as: Actor) => rpc.request<HonourConfigView>(TasksRpc.honourConfigSet, input, { actor: as });
const brief = (p: Page<RankingEntryView>) => p.items.map((e) => [e.stewardId, e.rank, e.points]);

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('steward rankings', () => {
  let unit: SeededUnit;
  let other: SeededUnit;
  /** HILL: 50, 40, 40, 30, 10 points in November (a, b/c tied, d, e), f nothing; LAKE: g 100. */
  let s: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', RankedSteward>;
  /** b and c sorted by id: the order of the tie. */
  let tied: [RankedSteward, RankedSteward];

  beforeAll(async () => {
    unit = await seedUnit(app, DONGBAO, '东宝区城管局');
    other = await seedUnit(app, `${DONGBAO}/longquan`, '龙泉街道办');
    s = {
      a: await seedSteward(app, { community: HILL, unitId: unit.id, class: 3 }),
      b: await seedSteward(app, { community: HILL, unitId: unit.id, class: 3 }),
      c: await seedSteward(app, { community: HILL, unitId: other.id, class: 5 }),
      d: await seedSteward(app, { community: HILL, unitId: other.id, class: 3 }),
      e: await seedSteward(app, { community: HILL, unitId: unit.id, class: 5 }),
      f: await seedSteward(app, { community: HILL, unitId: unit.id, class: 3 }),
      g: await seedSteward(app, { community: LAKE, unitId: unit.id, class: 3 }),
    };
    tied = [s.b, s.c].sort((x, y) => x.steward.id.localeCompare(y.steward.id)) as [RankedSteward, RankedSteward];
    // a's 50: a completion, its five-star bonus and an adjustment, over two days.
    await award(app, s.a.steward, 30, inMonth(NOV, 3), 'task_completion');
    await award(app, s.a.steward, 2, inMonth(NOV, 3), 'rating_bonus');
    await award(app, s.a.steward, 18, inMonth(NOV, 4));
    await awardAll(app, [
      [s.b, 40, inMonth(NOV)],
      [s.c, 45, inMonth(NOV)],
      [s.c, -5, inMonth(NOV, 20)],
      [s.d, 30, inMonth(NOV)],
      [s.e, 10, inMonth(NOV)],
      // e earned 100 in October: not November's, but the quarter's and the year's.
      [s.e, 100, inMonth('2025-10')],
      [s.g, 100, inMonth(NOV)],
    ]);
    // A redemption moves a's balance, not what a earned.
    await redeem(app, s.a.steward, 20, inMonth(NOV, 5));
  });

  it("ranks a community's stewards by the period's points, ties sharing a rank", async () => {
    const page = await rankings({ scope: 'COMMUNITY', period: NOV, region: HILL });
    expect(brief(page)).toEqual([
      [s.a.steward.id, 1, 50],
      [tied[0].steward.id, 2, 40],
      [tied[1].steward.id, 2, 40],
      [s.d.steward.id, 4, 30],
      [s.e.steward.id, 5, 10],
    ]);
    expect(page.items[0]).toEqual({ rank: 1, stewardId: s.a.steward.id, number: s.a.steward.number, points: 50, period: NOV });
    expect(page.hasNextPage).toBe(false);
    // The quarter and the year count October too.
    for (const period of ['2025-Q4', '2025']) {
      expect(brief(await rankings({ scope: 'COMMUNITY', period, region: HILL }))[0]).toEqual([s.e.steward.id, 1, 110]);
    }
    expect((await rankings({ scope: 'COMMUNITY', period: '2025-10', region: HILL })).items.map((e) => e.stewardId)).toEqual([s.e.steward.id]);
    expect(await rankings({ scope: 'COMMUNITY', period: '2024', region: HILL })).toEqual({ items: [], endCursor: null, hasNextPage: false });
  });

  it('pages through a ranking, keeping a tie across pages on one rank', async () => {
    const one = await rankings({ scope: 'COMMUNITY', period: NOV, region: HILL, first: 2 });
    expect(brief(one)).toEqual([
      [s.a.steward.id, 1, 50],
      [tied[0].steward.id, 2, 40],
    ]);
    expect(one.hasNextPage).toBe(true);
    const two = await rankings({ scope: 'COMMUNITY', period: NOV, region: HILL, first: 2, after: one.endCursor });
    expect(brief(two)).toEqual([
      [tied[1].steward.id, 2, 40],
      [s.d.steward.id, 4, 30],
    ]);
    const three = await rankings({ scope: 'COMMUNITY', period: NOV, region: HILL, first: 2, after: two.endCursor });
    expect(brief(three)).toEqual([[s.e.steward.id, 5, 10]]);
    expect(three.hasNextPage).toBe(false);
  });

  it('explains a ranking figure: the ledger entries of the period sum to it', async () => {
    const period = (await rankings({ scope: 'COMMUNITY', period: NOV, region: HILL })).items;
    for (const entry of period) {
      const ledger = await rpc.request<{ items: LedgerEntryView[] }>(TasksRpc.pointsLedger, { stewardId: entry.stewardId, period: entry.period, first: 100 }, { actor: dongbaoAdmin });
      expect(ledger.items.reduce((sum, x) => sum + x.amount, 0)).toBe(entry.points);
    }
    const a = await rpc.request<{ items: LedgerEntryView[] }>(TasksRpc.pointsLedger, { stewardId: s.a.steward.id, period: NOV, first: 100 }, { actor: s.a.actor });
    expect(a.items.map((x) => x.sourceType).sort()).toEqual(['manual_adjustment', 'rating_bonus', 'task_completion']);
    // The quarter's figure is October's and November's entries.
    const q4 = await rpc.request<{ items: LedgerEntryView[] }>(TasksRpc.pointsLedger, { stewardId: s.e.steward.id, period: '2025-Q4', first: 100 }, { actor: dongbaoAdmin });
    expect(q4.items.reduce((sum, x) => sum + x.amount, 0)).toBe(110);
  });

  it('ranks stewards of a number class within the county or a community, and colleagues of a unit', async () => {
    // Class 3 in the county: g (LAKE) 100, a 50, b 40, d 30 (c moved nothing: class 5).
    const county = await rankings({ scope: 'CLASS', period: NOV, region: DONGBAO, class: 3 });
    expect(brief(county)).toEqual([
      [s.g.steward.id, 1, 100],
      [s.a.steward.id, 2, 50],
      [s.b.steward.id, 3, 40],
      [s.d.steward.id, 4, 30],
    ]);
    const inHill = await rankings({ scope: 'CLASS', period: NOV, region: HILL, class: 5 });
    expect(brief(inHill)).toEqual([
      [s.c.steward.id, 1, 40],
      [s.e.steward.id, 2, 10],
    ]);
    // The unit's colleagues, wherever they live: g, a, b, e (c and d are in the other unit).
    const colleagues = await rankings({ scope: 'UNIT', period: NOV, unitId: unit.id });
    expect(brief(colleagues)).toEqual([
      [s.g.steward.id, 1, 100],
      [s.a.steward.id, 2, 50],
      [s.b.steward.id, 3, 40],
      [s.e.steward.id, 4, 10],
    ]);
    // A steward sees their own community's and county's rankings.
    expect((await rankings({ scope: 'CLASS', period: NOV, region: DONGBAO, class: 3 }, s.f.actor)).items).toHaveLength(4);
  });

  it("tells a steward their own rank in each scope, and null before they have earned", async () => {
    const [second] = tied;
    expect(await myRank({ scope: 'COMMUNITY', period: NOV }, second.actor)).toEqual({
      scope: 'COMMUNITY',
      period: NOV,
      stewardId: second.steward.id,
      number: second.steward.number,
      points: 40,
      rank: 2,
      region: HILL,
      class: null,
      unitId: null,
    });
    expect(await myRank({ scope: 'CLASS', period: NOV }, s.d.actor)).toMatchObject({ rank: 4, points: 30, region: DONGBAO, class: 3 });
    expect(await myRank({ scope: 'CLASS', period: NOV, region: HILL }, s.d.actor)).toMatchObject({ rank: 3, region: HILL, class: 3 });
    expect(await myRank({ scope: 'UNIT', period: NOV }, s.e.actor)).toMatchObject({ rank: 4, points: 10, unitId: unit.id });
    expect(await myRank({ scope: 'COMMUNITY', period: NOV }, s.f.actor)).toMatchObject({ rank: null, points: 0, region: HILL });
    // Another community the steward cannot see is not found; a street they can see is no place to rank a class.
    await expect(myRank({ scope: 'CLASS', period: NOV, region: LAKE }, s.d.actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(myRank({ scope: 'CLASS', period: NOV, region: `${DONGBAO}/longquan` }, s.d.actor)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'region' }] });
    await expect(myRank({ scope: 'COMMUNITY', period: NOV }, hillAdmin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_STEWARD' });
  });

  it("keeps another county out: its communities, classes and units are NOT_FOUND like unknown ones", async () => {
    const refusals = [
      [{ scope: 'COMMUNITY', period: NOV, region: HILL }, 'community'],
      [{ scope: 'CLASS', period: NOV, region: HILL, class: 3 }, 'community'],
      [{ scope: 'CLASS', period: NOV, region: DONGBAO, class: 3 }, 'region'],
      [{ scope: 'UNIT', period: NOV, unitId: unit.id }, 'unit'],
    ] as const;
    for (const [input, what] of refusals) {
      const theirs = await rankings(input, duodaoAdmin).catch((e: unknown) => e);
      expect(theirs).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining(`${what} `) });
    }
    // The same answer as for a community or unit nobody has.
    await expect(rankings({ scope: 'COMMUNITY', period: NOV, region: 'jingmen/duodao/x/nowhere' }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rankings({ scope: 'COMMUNITY', period: NOV, region: `${DONGBAO}/longquan/nowhere` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rankings({ scope: 'UNIT', period: NOV, unitId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stars({ community: HILL, month: NOV }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(myRank({ scope: 'COMMUNITY', period: NOV }, callerOf('steward', 'jingmen/duodao/x/y/g01'))).rejects.toMatchObject({ code: 'CONFLICT' });
    // Above the county: the city sees it.
    expect((await rankings({ scope: 'COMMUNITY', period: NOV, region: HILL }, cityAdmin)).items).toHaveLength(5);
  });

  it('refuses bad input with VALIDATION naming the fields, and callers who are not signed in', async () => {
    const fields = async (input: Record<string, unknown>) => {
      const e = (await rankings(input).catch((x: unknown) => x)) as { code: string; fields: { path: string }[] };
      expect(e.code).toBe('VALIDATION');
      return e.fields.map((f) => f.path).sort();
    };
    expect(await fields({ scope: 'COMMUNITY', period: '2025-13', region: HILL })).toEqual(['period']);
    expect(await fields({ scope: 'COMMUNITY', period: NOV, region: DONGBAO })).toEqual(['region']);
    expect(await fields({ scope: 'CLASS', period: NOV, region: `${DONGBAO}/longquan` })).toEqual(['class', 'region']);
    expect(await fields({ scope: 'CLASS', period: NOV, region: DONGBAO, class: 7 })).toEqual(['class']);
    expect(await fields({ scope: 'UNIT', period: NOV })).toEqual(['unitId']);
    expect(await fields({ scope: 'TOWN', period: NOV })).toEqual(['scope']);
    expect(await fields({ scope: 'COMMUNITY', period: NOV, region: HILL, first: 101 })).toEqual(['first']);
    expect(await fields({ scope: 'COMMUNITY', period: NOV, region: HILL, after: 'bm9wZQ' })).toEqual(['after']);
    await expect(stars({ community: HILL, month: '2025-Q4' })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'month' }] });
    await expect(excellent({ county: HILL, year: '2025' }, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'county' }] });
    await expect(rpc.request(TasksRpc.rankings, { scope: 'COMMUNITY', period: NOV, region: HILL })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('steward stars', () => {
  const PINE = `${DONGBAO}/longquan/rk-pine`;

  it('names the top three of a community for the month, and everyone tied at the cut', async () => {
    const unit = await seedUnit(app, DONGBAO);
    const p = await Promise.all([50, 40, 30, 30, 10].map(() => seedSteward(app, { community: PINE, unitId: unit.id, class: 4 })));
    await awardAll(app, [
      [p[0], 50, inMonth(NOV)],
      [p[1], 40, inMonth(NOV)],
      [p[2], 30, inMonth(NOV)],
      [p[3], 30, inMonth(NOV)],
      [p[4], 10, inMonth(NOV)],
      // December's points make nobody a November star.
      [p[4], 90, inMonth('2025-12')],
    ]);
    // A steward of the community sees its stars; the admin of a neighbouring community does not.
    await expect(stars({ community: PINE, month: NOV }, hillAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const v = await stars({ community: PINE, month: NOV }, p[4].actor);
    expect(v).toMatchObject({ community: PINE, month: NOV, starsPerCommunity: 3 });
    const tiedAtCut = [p[2], p[3]].sort((x, y) => x.steward.id.localeCompare(y.steward.id));
    expect(v.stars.map((x) => [x.stewardId, x.rank, x.points])).toEqual([
      [p[0].steward.id, 1, 50],
      [p[1].steward.id, 2, 40],
      [tiedAtCut[0].steward.id, 3, 30],
      [tiedAtCut[1].steward.id, 3, 30],
    ]);
    expect((await stars({ community: PINE, month: '2025-12' })).stars.map((x) => x.stewardId)).toEqual([p[4].steward.id]);
    expect((await stars({ community: PINE, month: '2025-10' })).stars).toEqual([]);
  });
});

describe('unit rankings and tiers', () => {
  const ZIPAN = `${DONGBAO}/zipan`;
  const YARD = `${ZIPAN}/rk-yard`;
  const Q3 = '2025-Q3';
  let big: SeededUnit;
  let small: SeededUnit;
  let mid: SeededUnit;
  let even: SeededUnit;
  let idle: SeededUnit;

  beforeAll(async () => {
    // Scores in 2025-Q3: small 50/1 = 50, mid 100/3 = 33.33, big 120/4 = 30, even 60/2 = 30, idle 0/2 = 0.
    big = await seedUnit(app, ZIPAN, '子陵铺镇政府');
    small = await seedUnit(app, `${ZIPAN}/rk-yard`, '小院物业');
    mid = await seedUnit(app, ZIPAN, '子陵中学');
    even = await seedUnit(app, ZIPAN, '子陵卫生院');
    idle = await seedUnit(app, ZIPAN, '子陵供电所');
    const members = async (u: SeededUnit, n: number) => Promise.all(Array.from({ length: n }, () => seedSteward(app, { community: YARD, unitId: u.id })));
    const [b, sm, m, ev] = [await members(big, 4), await members(small, 1), await members(mid, 3), await members(even, 2)];
    await members(idle, 2);
    await awardAll(app, [
      [b[0], 60, inMonth('2025-07')],
      [b[1], 60, inMonth('2025-08')],
      [sm[0], 50, inMonth('2025-09')],
      [m[0], 40, inMonth('2025-07')],
      [m[1], 60, inMonth('2025-09')],
      [ev[0], 30, inMonth('2025-07')],
      [ev[1], 30, inMonth('2025-07')],
      // Another quarter's points do not count in Q3.
      [b[2], 500, inMonth('2025-06')],
    ]);
  });

  it('scores a unit by its points over its members, so a small unit can outrank a big one', async () => {
    const page = await unitRankings({ period: Q3, region: ZIPAN });
    expect(page.items.map((u) => [u.unitId, u.rank, u.members, u.points, u.score])).toEqual([
      [small.id, 1, 1, 50, 50],
      [mid.id, 2, 3, 100, 33.33],
      // Tied on 30: one rank, in the order of their names.
      ...(big.name < even.name
        ? [
            [big.id, 3, 4, 120, 30],
            [even.id, 3, 2, 60, 30],
          ]
        : [
            [even.id, 3, 2, 60, 30],
            [big.id, 3, 4, 120, 30],
          ]),
      [idle.id, 5, 2, 0, 0],
    ]);
    expect(page.items[0]).toMatchObject({ name: '小院物业', region: YARD, period: Q3 });
    // Paged: two at a time.
    const one = await unitRankings({ period: Q3, region: ZIPAN, first: 2 });
    const two = await unitRankings({ period: Q3, region: ZIPAN, first: 2, after: one.endCursor });
    expect([...one.items, ...two.items].map((u) => u.unitId)).toEqual(page.items.slice(0, 4).map((u) => u.unitId));
    expect(two.hasNextPage).toBe(true);
    // A month counts on its own: in September small 50/1, mid 60/3 = 20, the others nothing.
    expect((await unitRankings({ period: '2025-09', region: ZIPAN })).items.slice(0, 2).map((u) => u.unitId)).toEqual([small.id, mid.id]);
  });

  it("lists only the units the caller may see, and another county's region is NOT_FOUND", async () => {
    await expect(unitRankings({ period: Q3, region: ZIPAN }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unitTiers({ region: ZIPAN, quarter: Q3 }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // From the city down, duodao's admin sees duodao's and the city's units, none of dongbao's.
    const theirs = await seedUnit(app, 'jingmen/duodao', '掇刀区民政局');
    await seedSteward(app, { community: 'jingmen/duodao/x/rk-d', unitId: theirs.id });
    const seen = (await unitRankings({ period: Q3, region: 'jingmen', first: 100 }, duodaoAdmin)).items.map((u) => u.unitId);
    expect(seen).toContain(theirs.id);
    expect(seen.filter((id) => [big.id, small.id, mid.id, even.id, idle.id].includes(id))).toEqual([]);
    expect((await unitRankings({ period: Q3, region: 'jingmen', first: 100 }, cityAdmin)).items.map((u) => u.unitId)).toEqual(expect.arrayContaining([theirs.id, big.id]));
  });

  it("tiers units by the county's score lines and lists those under the pass line", async () => {
    const v = await unitTiers({ region: ZIPAN, quarter: Q3 });
    expect(v.lines).toEqual({ excellent: 60, good: 40, pass: 20 });
    const tiers = Object.fromEntries(v.units.items.map((u) => [u.unitId, u.tier]));
    expect(tiers).toEqual({ [small.id]: 'good', [mid.id]: 'pass', [big.id]: 'pass', [even.id]: 'pass', [idle.id]: 'fail' });
    expect(v.counts).toEqual({ excellent: 0, good: 1, pass: 3, fail: 1 });
    expect(v.underPass.map((u) => [u.unitId, u.score, u.tier])).toEqual([[idle.id, 0, 'fail']]);

    // The county raises its lines: the small unit is excellent, the big and even ones fall under the pass line.
    await configure({ county: DONGBAO, tierExcellent: 45, tierPass: 31 }, dongbaoAdmin);
    const raised = await unitTiers({ region: ZIPAN, quarter: Q3, first: 2 });
    expect(raised.lines).toEqual({ excellent: 45, good: 40, pass: 31 });
    expect(raised.units.items.map((u) => u.tier)).toEqual(['excellent', 'pass']);
    expect(raised.units.hasNextPage).toBe(true);
    expect(raised.counts).toEqual({ excellent: 1, good: 0, pass: 1, fail: 3 });
    expect(raised.underPass.map((u) => u.unitId)).toEqual([idle.id, ...[big, even].sort((x, y) => x.name.localeCompare(y.name)).map((u) => u.id)]);
  });
});

describe('honour settings', () => {
  const shayangAdmin = callerOf('county_admin', SHAYANG);

  it('lets the county or city admin set them, keeping what is left out', async () => {
    const v = await configure({ county: SHAYANG, starsPerCommunity: 2 }, shayangAdmin);
    expect(v).toMatchObject({ county: SHAYANG, starsPerCommunity: 2, tierExcellent: 60, tierGood: 40, tierPass: 20 });
    expect(v.updatedAt).not.toBeNull();
    expect(await configure({ county: SHAYANG, tierGood: 45.5 }, cityAdmin)).toMatchObject({ starsPerCommunity: 2, tierExcellent: 60, tierGood: 45.5, tierPass: 20 });
    expect(await configure({ county: SHAYANG, tierGood: 40 }, shayangAdmin)).toMatchObject({ tierGood: 40 });
  });

  it('refuses lines out of order with the field, other admins, and other counties', async () => {
    await expect(configure({ county: SHAYANG, tierPass: 50 }, shayangAdmin)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'tierPass', message: expect.stringContaining('tierGood') }] });
    await expect(configure({ county: SHAYANG, tierExcellent: 30 }, shayangAdmin)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'tierExcellent' }] });
    await expect(configure({ county: SHAYANG, starsPerCommunity: 0 }, shayangAdmin)).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'starsPerCommunity' }] });
    await expect(configure({ county: SHAYANG, starsPerCommunity: 5 }, callerOf('community_admin', `${SHAYANG}/s1/sa`))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(configure({ county: SHAYANG, starsPerCommunity: 5 }, dongbaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Nothing changed, and a refused first setting left no row behind.
    expect(await configure({ county: SHAYANG }, shayangAdmin)).toMatchObject({ starsPerCommunity: 2, tierExcellent: 60, tierGood: 40, tierPass: 20 });
    await expect(configure({ county: 'jingmen/jingshan', tierPass: 70 }, cityAdmin)).rejects.toMatchObject({ code: 'VALIDATION' });
    const rows = await app.em().execute(`select 1 from "${app.config.DB_SCHEMA}".honour_config where county = 'jingmen/jingshan'`);
    expect(rows).toHaveLength(0);
  });
});

describe('excellent stewards', () => {
  const SA = `${SHAYANG}/s1/sa`;
  const SB = `${SHAYANG}/s1/sb`;
  const shayangAdmin = callerOf('county_admin', SHAYANG);
  let e: RankedSteward[];
  let weak: SeededUnit;

  beforeAll(async () => {
    // Stars per community: 2 (honour settings above; set again so this block stands alone).
    await configure({ county: SHAYANG, starsPerCommunity: 2 }, shayangAdmin);
    const good = await seedUnit(app, SHAYANG, '沙洋县农业局');
    weak = await seedUnit(app, SHAYANG, '沙洋县某站');
    e = [
      await seedSteward(app, { community: SA, unitId: good.id }),
      await seedSteward(app, { community: SA, unitId: weak.id }),
      await seedSteward(app, { community: SA, unitId: good.id }),
      await seedSteward(app, { community: SB, unitId: good.id }),
      await seedSteward(app, { community: SB, unitId: good.id }),
      await seedSteward(app, { community: SB, unitId: good.id }),
    ];
    // The weak unit's two idle members pull its score under the pass line from Q2 on.
    await seedSteward(app, { community: `${SHAYANG}/s1/sc`, unitId: weak.id });
    await seedSteward(app, { community: `${SHAYANG}/s1/sc`, unitId: weak.id });
    // A colleague of the good unit living in another county keeps it above the line every quarter.
    const keeper = await seedSteward(app, { community: 'jingmen/jingshan/j1/rk-j', unitId: good.id });
    await awardAll(app, [
      ...['2025-01', '2025-04', '2025-07', '2025-10'].map((m) => [keeper, 200, inMonth(m)] as [RankedSteward, number, Date]),
      // March in SA: e0 100, e1 80 are the stars (e2's 10 is not).
      [e[0], 100, inMonth('2025-03')],
      [e[1], 80, inMonth('2025-03')],
      [e[2], 10, inMonth('2025-03')],
      // June in SB: e3 and e4 tie on 90, both stars; e5's 70 is third.
      [e[3], 90, inMonth('2025-06')],
      [e[4], 90, inMonth('2025-06')],
      [e[5], 70, inMonth('2025-06')],
      // September in SA: e2 alone.
      [e[2], 120, inMonth('2025-09')],
    ]);
  });

  it("chooses among the year's stars by the year's points, with medals, excluding stars whose unit fell under the pass line", async () => {
    const v = await excellent({ county: SHAYANG, year: '2025' }, shayangAdmin);
    expect(v.quartersChecked).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    const tiedPair = [e[3], e[4]].sort((x, y) => x.steward.id.localeCompare(y.steward.id));
    expect(v.items.map((x) => [x.stewardId, x.rank, x.points, x.medal, x.starMonths])).toEqual([
      [e[2].steward.id, 1, 130, 'gold', ['2025-09']],
      [e[0].steward.id, 2, 100, 'gold', ['2025-03']],
      [tiedPair[0].steward.id, 3, 90, 'gold', ['2025-06']],
      [tiedPair[1].steward.id, 3, 90, 'gold', ['2025-06']],
    ]);
    expect(v.items[0]).toMatchObject({ number: e[2].steward.number, period: '2025' });
    // e1 was March's star, but the weak unit scored 0 in Q2 (80/3 = 26.67 in Q1 passed).
    expect(v.excluded).toEqual([{ stewardId: e[1].steward.id, number: e[1].steward.number, unitId: weak.id, quarter: '2025-Q2' }]);
    // The stars of each month agree.
    expect((await stars({ community: SA, month: '2025-03' }, shayangAdmin)).stars.map((x) => x.stewardId)).toEqual([e[0].steward.id, e[1].steward.id]);
  });

  it('answers a year without stars with nobody, and keeps other counties out', async () => {
    expect(await excellent({ county: SHAYANG, year: '2024' }, cityAdmin)).toMatchObject({ items: [], excluded: [] });
    await expect(excellent({ county: SHAYANG, year: '2025' }, dongbaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The unit tiers say the same about the weak unit in Q2.
    const q2 = await unitTiers({ region: SHAYANG, quarter: '2025-Q2' }, shayangAdmin);
    expect(q2.units.items).toHaveLength(2);
    expect(q2.underPass.map((u) => [u.unitId, u.members, u.points, u.tier])).toEqual([[weak.id, 3, 0, 'fail']]);
  });
});
