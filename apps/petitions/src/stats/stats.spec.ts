import { PetitionsRpc, type OverdueItemView, type PetitionStatsView } from '@gov/petitions-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { DUODAO_GRID, XIANGSHAN, actorOf } from '../fixtures.js';
import { startPetitions, type PetitionsTestApp } from '../testing.js';
import { StatsCompactor } from './stats-compactor.js';

/**
 * Petitions with known instants, written straight into the tables (the trigger of migration
 * 003-stats records them for the statistics as it does for the service's own writes), and every
 * figure checked against a hand count: first with every change still a delta, then again after
 * the compaction has folded them into the rollup.
 */
const t = new TestContext();
let app: PetitionsTestApp;
let rpc: RpcClient;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The tests' clock: every instant below is relative to it, and the period ends at it. */
const NOW = Date.now();
const at = (offsetMs: number) => new Date(NOW + offsetMs);
const PERIOD = { from: at(-10 * DAY).toISOString(), to: at(0).toISOString() };

const STREET = 'jingmen/dongbao/longquan';
const SIBLING = `${STREET}/jinlongquan`;
const G01 = `${XIANGSHAN}/g01`;
const G02 = `${XIANGSHAN}/g02`;

const countyAdmin = actorOf('county_admin', 'jingmen/dongbao');
const communityAdmin = actorOf('community_admin', XIANGSHAN);
const cityAdmin = actorOf('city_admin', 'jingmen');
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const g01Worker = actorOf('grid_worker', G01);

const LAMP = { id: randomUUID(), key: 'statstest.lamp', majorKey: 'statstest_a', majorNameZh: '统计测试甲类', nameZh: '楼道灯' };
const NOISE = { id: randomUUID(), key: 'statstest.noise', majorKey: 'statstest_b', majorNameZh: '统计测试乙类', nameZh: '噪音' };
const HOUSING = { id: randomUUID(), name: '东宝区住房和城乡建设局' };
const ENFORCEMENT = { id: randomUUID(), name: '东宝区城市管理执法局' };

interface Seed {
  region: string;
  channel: string;
  category: typeof LAMP;
  state: string;
  created: number;
  deadline: number;
  screened?: number;
  resolved?: number;
  closed?: number;
  rated?: number;
  rating?: number;
  escalations?: number;
  department?: { id: string };
}

/**
 * Community 象山 (grids g01, g02) in the period [−10 d, now): P1–P7 and P10 submitted in it, P8
 * and P9 before it. P11 lies in the sibling community, P12 in another county.
 */
const SEEDS: Record<string, Seed> = {
  // Closed, rated 5, resolved 3 days before its deadline: on time, responded in 2 h.
  P1: { region: G01, channel: 'qr', category: LAMP, state: 'closed', created: -9 * DAY, screened: -9 * DAY + 2 * HOUR, resolved: -7 * DAY, closed: -6 * DAY, rated: -6 * DAY, rating: 5, deadline: -4 * DAY },
  // Closed, rated 4, resolved 4 days late, screened after 30 h, escalated to a department.
  P2: {
    region: G01, channel: 'hotline', category: NOISE, state: 'closed', created: -8 * DAY, screened: -8 * DAY + 30 * HOUR, resolved: -1 * DAY, closed: -12 * HOUR, rated: -12 * HOUR,
    rating: 4, deadline: -5 * DAY, escalations: 1, department: HOUSING,
  },
  // With the department, past its deadline, escalated twice.
  P3: { region: G02, channel: 'steward_app', category: LAMP, state: 'in_progress', created: -5 * DAY, screened: -5 * DAY + HOUR, deadline: -3 * DAY + 5 * HOUR, escalations: 2, department: HOUSING },
  // Submitted 3 h ago and not screened yet: not due a response.
  P4: { region: G02, channel: 'qr', category: NOISE, state: 'submitted', created: -3 * HOUR, deadline: 2 * DAY },
  // Submitted 40 h ago, never screened, past its deadline.
  P5: { region: G01, channel: 'photo', category: LAMP, state: 'submitted', created: -40 * HOUR, deadline: -16 * HOUR },
  // Screened out as invalid (which sets closed_at, but it is not a closed petition).
  P6: { region: G01, channel: 'qr', category: LAMP, state: 'invalid', created: -6 * DAY, screened: -6 * DAY + HOUR, closed: -6 * DAY + HOUR, deadline: -1 * DAY },
  // Resolved, waiting for its rating.
  P7: { region: G02, channel: 'qr', category: LAMP, state: 'resolved', created: -2 * DAY, screened: -2 * DAY + 3 * HOUR, resolved: -1 * DAY, deadline: 3 * DAY },
  // Submitted before the period, closed and rated 3 in it, on time, with the enforcement bureau.
  P8: {
    region: G01, channel: 'qr', category: LAMP, state: 'closed', created: -20 * DAY, screened: -20 * DAY + HOUR, resolved: -9.5 * DAY, closed: -9 * DAY, rated: -9 * DAY, rating: 3,
    deadline: -5 * DAY, department: ENFORCEMENT,
  },
  // Submitted long before the period, still assigned and long overdue.
  P9: { region: G01, channel: 'hotline', category: NOISE, state: 'assigned', created: -30 * DAY, screened: -30 * DAY + HOUR, deadline: -25 * DAY + 3 * HOUR },
  // Rated 2 (unsatisfied) three days ago, which reopened it.
  P10: { region: G02, channel: 'qr', category: LAMP, state: 'assigned', created: -4 * DAY, screened: -4 * DAY + 2 * HOUR, rated: -3 * DAY, rating: 2, deadline: 1 * DAY },
  // The sibling community: closed on time, rated 5, responded in 1 h.
  P11: { region: `${SIBLING}/g01`, channel: 'qr', category: LAMP, state: 'closed', created: -2 * DAY, screened: -2 * DAY + HOUR, resolved: -1 * DAY, closed: -1 * DAY, rated: -1 * DAY, rating: 5, deadline: 5 * DAY },
  // Another county: unscreened for two days, past its deadline.
  P12: { region: DUODAO_GRID, channel: 'qr', category: LAMP, state: 'submitted', created: -2 * DAY, deadline: -1 * DAY },
};
const ids: Record<string, string> = {};

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const stats = (region: string, actor = countyAdmin, period = PERIOD) => rpc.request<PetitionStatsView>(PetitionsRpc.statsGet, { region, ...period }, { actor });
const compact = () => app.app.get(StatsCompactor).compact();

async function insert(name: string, p: Seed): Promise<void> {
  const id = randomUUID();
  ids[name] = id;
  const time = (offset: number | undefined) => (offset === undefined ? null : at(offset));
  await sql(
    `insert into {s}.petition (id, tracking_code, submitter_key_hash, channel, state, category_id, category_key, major_key, title, description, region, county,
       anonymous, department_id, level, deadline, escalations, screened_at, resolved_at, closed_at, rating, rated_at, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id, `STAT-${name.padStart(4, '0')}-TEST`, 'x'.repeat(64), p.channel, p.state, p.category.id, p.category.key, p.category.majorKey, `${p.category.nameZh}（${name}）`, '统计测试',
      p.region, p.region.split('/').slice(0, 2).join('/'), p.department?.id ?? null, p.department ? 'department' : p.screened === undefined ? null : 'grid',
      at(p.deadline), p.escalations ?? 0, time(p.screened), time(p.resolved), time(p.closed), p.rating ?? null, time(p.rated), at(p.created), at(p.created),
    ],
  );
}

async function whistle(community: string, petition: string, blown: number, ackHours: number, acknowledged: number | null): Promise<void> {
  await sql(
    `insert into {s}.whistle (id, petition_id, community, county, department_id, urgency, reason, blown_at, blown_by, ack_deadline, acknowledged_at)
     values (?, ?, ?, 'jingmen/dongbao', ?, ?, '统计测试', ?, ?, ?, ?)`,
    [randomUUID(), petition, community, HOUSING.id, ackHours < 24 ? 'urgent' : 'normal', at(blown), randomUUID(), at(blown + ackHours * HOUR), acknowledged === null ? null : at(acknowledged)],
  );
}

beforeAll(async () => {
  app = await startPetitions(t.env('petitions', { CLOCK_SWEEP_MS: '3600000' }));
  // The tests fold the deltas themselves, to check the figures on both sides of it.
  await app.app.get(StatsCompactor).stop();
  rpc = await t.rpc();
  for (const c of [LAMP, NOISE])
    await sql(
      `insert into {s}.category (id, key, major_key, name_zh, major_name_zh, version, default_level, time_limit_days, anonymous_allowed, current)
       values (?, ?, ?, ?, ?, 1, 'grid', 5, true, true)`,
      [c.id, c.key, c.majorKey, c.nameZh, c.majorNameZh],
    );
  for (const d of [HOUSING, ENFORCEMENT])
    await sql(`insert into {s}.department_ref (id, code, name, region, updated_at) values (?, ?, ?, 'jingmen/dongbao', now())`, [d.id, d.id.slice(0, 6), d.name]);
  for (const [name, seed] of Object.entries(SEEDS)) await insert(name, seed);
  // 象山: one reported in time, one urgent and never reported, one before the period; the sibling's in time.
  await whistle(XIANGSHAN, ids.P3!, -5 * DAY, 24, -5 * DAY + 2 * HOUR);
  await whistle(XIANGSHAN, ids.P2!, -1 * DAY, 2, null);
  await whistle(XIANGSHAN, ids.P9!, -15 * DAY, 24, -15 * DAY + HOUR);
  await whistle(SIBLING, ids.P11!, -2 * DAY, 24, -2 * DAY + HOUR);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

/** 象山 over the period, counted by hand from SEEDS. */
const XIANGSHAN_FIGURES = {
  intake: 8, // P1–P7, P10
  closed: 3, // P1, P2, P8
  onTimeClosureRate: 0.6667, // P1, P8 of 3
  averageHandlingDays: 6.5, // (2 + 7 + 10.5) / 3
  responseRate: 0.7143, // P1, P3, P6, P7, P10 of the 7 due (P4 is 3 h old and unscreened)
  resolutionRate: 0.6, // P1, P2, P7 of the valid P1, P2, P3, P7, P10
  satisfactionRate: 0.5, // P1 (5), P2 (4) of P1, P2, P8 (3), P10 (2)
  averageRating: 3.5,
  overdueOpen: 3, // P3, P5, P9
  escalated: 2, // P2, P3
  whistles: 2,
  whistlesLate: 1,
};
const XIANGSHAN_DEPARTMENTS = [
  { departmentId: ENFORCEMENT.id, departmentName: ENFORCEMENT.name, assigned: 0, closed: 1, onTimeRate: 1, satisfactionRate: 0, averageHandlingDays: 10.5 },
  { departmentId: HOUSING.id, departmentName: HOUSING.name, assigned: 2, closed: 1, onTimeRate: 0, satisfactionRate: 1, averageHandlingDays: 7 },
];
/** The street adds the sibling community's P11 (1 day's handling, on time, rated 5) and its whistle. */
const STREET_FIGURES = {
  intake: 9,
  closed: 4,
  onTimeClosureRate: 0.75,
  averageHandlingDays: 5.13, // 20.5 / 4
  responseRate: 0.75, // 6 of 8
  resolutionRate: 0.6667, // 4 of 6
  satisfactionRate: 0.6, // 3 of 5
  averageRating: 3.8,
  overdueOpen: 3,
  escalated: 2,
  whistles: 3,
  whistlesLate: 1,
};

describe('petition statistics', () => {
  async function expectFigures(): Promise<void> {
    const community = await stats(XIANGSHAN, communityAdmin);
    expect(community).toMatchObject({ region: XIANGSHAN, from: PERIOD.from, to: PERIOD.to, ...XIANGSHAN_FIGURES, departments: XIANGSHAN_DEPARTMENTS });
    expect(community.byChannel).toEqual([
      { key: 'qr', labelZh: '扫码反映', count: 5 },
      { key: 'photo', labelZh: '随手拍', count: 1 },
      { key: 'hotline', labelZh: '12345热线', count: 1 },
      { key: 'steward_app', labelZh: '红管家', count: 1 },
      { key: 'sentinel', labelZh: '哨兵上报', count: 0 },
      { key: 'door_knock', labelZh: '敲门行动', count: 0 },
      { key: 'mailbox', labelZh: '红色信箱', count: 0 },
    ]);
    expect(community.byCategory.slice(0, 2)).toEqual([
      { key: LAMP.majorKey, labelZh: LAMP.majorNameZh, count: 6 },
      { key: NOISE.majorKey, labelZh: NOISE.majorNameZh, count: 2 },
    ]);
    // The rest of the taxonomy's majors, named and at zero.
    expect(community.byCategory).toHaveLength(21);
    for (const c of community.byCategory.slice(2)) expect(c).toMatchObject({ count: 0, labelZh: expect.stringMatching(/\p{Script=Han}/u) });

    // A street and a county are answered from the rollup for whole days and row by row for the partial ones.
    const street = await stats(STREET);
    expect(street).toMatchObject(STREET_FIGURES);
    expect(street.byChannel[0]).toEqual({ key: 'qr', labelZh: '扫码反映', count: 6 });
    const county = await stats('jingmen/dongbao');
    expect({ ...county, region: STREET }).toEqual(street);
    // The city adds the other county's unscreened, overdue P12.
    const city = await stats('jingmen', cityAdmin);
    expect(city).toMatchObject({ ...STREET_FIGURES, intake: 10, responseRate: 0.6667, overdueOpen: 4 });

    // A grid: g02 holds P3, P4, P7 and P10; the whistles are about petitions of g01 and g02.
    expect(await stats(G02, communityAdmin)).toMatchObject({ intake: 4, closed: 0, onTimeClosureRate: null, averageHandlingDays: null, responseRate: 1, resolutionRate: 0.3333, satisfactionRate: 0, averageRating: 2, overdueOpen: 1, escalated: 1, whistles: 1, whistlesLate: 0 });
  }

  it('counts every figure of a community, its street, county and city as a hand count does, before and after the compaction', async () => {
    await expectFigures();
    expect(await compact()).toBe(Object.keys(SEEDS).length);
    expect(Number((await sql<{ n: string }>(`select count(*) as n from {s}.petition_stats_delta`))[0]!.n)).toBe(0);
    await expectFigures();
  });

  it('follows a petition as it changes: a resolution rated 5 closes it on time today', async () => {
    await sql(`update {s}.petition set state = 'closed', resolved_at = ?, closed_at = ?, rating = 5, rated_at = ?, updated_at = ? where id = ?`, [at(-2 * HOUR), at(-HOUR), at(-HOUR), at(-HOUR), ids.P7]);
    const expected = { closed: 4, onTimeClosureRate: 0.75, averageHandlingDays: 5.35, satisfactionRate: 0.6, averageRating: 3.8, resolutionRate: 0.6 };
    expect(await stats(XIANGSHAN, communityAdmin)).toMatchObject(expected);
    await compact();
    expect(await stats(XIANGSHAN, communityAdmin)).toMatchObject(expected);
    expect(await stats(STREET)).toMatchObject({ closed: 5, onTimeClosureRate: 0.8, satisfactionRate: 0.6667 });
    // Back as it was, for the other tests.
    await sql(`update {s}.petition set state = 'resolved', resolved_at = ?, closed_at = null, rating = null, rated_at = null where id = ?`, [at(-DAY), ids.P7]);
    expect(await stats(STREET)).toMatchObject(STREET_FIGURES);
  });

  it('counts nothing outside the period', async () => {
    const before = { from: at(-60 * DAY).toISOString(), to: at(-40 * DAY).toISOString() };
    expect(await stats('jingmen/dongbao', countyAdmin, before)).toMatchObject({
      intake: 0, closed: 0, onTimeClosureRate: null, responseRate: null, satisfactionRate: null, averageRating: null, escalated: 0, whistles: 0, departments: [],
      // Overdue is about now, whatever the period.
      overdueOpen: 3,
    });
  });

  it("answers NOT_FOUND for another county's region, FORBIDDEN to others of the county, and VALIDATION for a bad period", async () => {
    const notFound = await stats(XIANGSHAN, duodaoAdmin).catch((e: unknown) => e);
    expect(notFound).toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.stringify(notFound)).not.toContain('xiangshan');
    await expect(stats('jingmen/duodao', countyAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(stats(XIANGSHAN, g01Worker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(stats('jingmen', countyAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(stats(XIANGSHAN, actorOf('resident', G01))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(stats(XIANGSHAN, countyAdmin, { from: at(-367 * DAY).toISOString(), to: at(0).toISOString() })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(stats(XIANGSHAN, countyAdmin, { from: PERIOD.to, to: PERIOD.from })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rpc.request(PetitionsRpc.overdueList, { region: XIANGSHAN, first: 5 }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('overdue list', () => {
  it('lists open petitions past their deadline in the subtree, the most overdue first', async () => {
    const list = (region: string, first: number, actor = countyAdmin) => rpc.request<OverdueItemView[]>(PetitionsRpc.overdueList, { region, first }, { actor });
    expect(await list(XIANGSHAN, 2, communityAdmin)).toEqual([
      { id: ids.P9, trackingCode: 'STAT-00P9-TEST', categoryNameZh: NOISE.nameZh, title: `${NOISE.nameZh}（P9）`, region: G01, level: 'grid', deadline: at(SEEDS.P9!.deadline).toISOString(), overdueDays: 25 },
      { id: ids.P3, trackingCode: 'STAT-00P3-TEST', categoryNameZh: LAMP.nameZh, title: `${LAMP.nameZh}（P3）`, region: G02, level: 'department', deadline: at(SEEDS.P3!.deadline).toISOString(), overdueDays: 3 },
    ]);
    expect((await list(XIANGSHAN, 10)).map((p) => p.id)).toEqual([ids.P9, ids.P3, ids.P5]);
    expect((await list(G01, 10)).map((p) => [p.id, p.overdueDays])).toEqual([
      [ids.P9, 25],
      [ids.P5, 1],
    ]);
    expect((await list('jingmen', 10, cityAdmin)).map((p) => p.id)).toEqual([ids.P9, ids.P3, ids.P12, ids.P5]);
  });
});
