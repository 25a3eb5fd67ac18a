// Live mediation statistics over NATS, counted by hand from cases written straight into the
// tables: every figure of every grouping, the period's edges in China Standard Time, the defaults,
// and that nobody but the region's staff (nor another county, nor another city's namesake county)
// sees or adds to them.
import type { Actor, RoleName } from '@gov/kernel';
import { MediationRpc, type MediationFiguresView, type MediationStatsView } from '@gov/mediation-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;

const DONGBAO = 'jingmen/dongbao';
const LONGQUAN = `${DONGBAO}/longquan`;
const XIANGSHAN = `${LONGQUAN}/xiangshan`;
const JINLONGQUAN = `${LONGQUAN}/jinlongquan`;
const ZILING = `${DONGBAO}/ziling`;
/** A street with cases only around today, for the default period. */
const NIUFENG = `${DONGBAO}/niufeng`;
const DUODAO = 'jingmen/duodao';
/** Another city's county of the same name: its cases carry county `dongbao` too. */
const YICHANG_DONGBAO = 'yichang/dongbao/xiling/c1/g1';

function actorOf(role: RoleName, region: string): Actor {
  return { accountId: randomUUID(), personId: randomUUID(), username: `${role}-${region.split('/').at(-1)}`, grants: [{ role, region }] };
}
const countyAdmin = actorOf('county_admin', DONGBAO);
const xiangshanAdmin = actorOf('community_admin', XIANGSHAN);
const xiangshanMediator = actorOf('mediator', XIANGSHAN);
const resident = actorOf('resident', XIANGSHAN);
const duodaoAdmin = actorOf('county_admin', DUODAO);
const cityAdmin = actorOf('city_admin', 'jingmen');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The first quarter of 2024 in China Standard Time; an instant written as Beijing time. */
const Q1 = { from: '2024-01-01', to: '2024-04-01' };
const cst = (local: string) => new Date(`${local}+08:00`);

const ORG = {
  xiangshan: { id: randomUUID(), kind: 'committee', name: '象山社区人民调解委员会', region: XIANGSHAN, level: 'community' },
  centre: { id: randomUUID(), kind: 'county_centre', name: '东宝区矛盾纠纷调处化解中心', region: DONGBAO, level: 'county' },
  unused: { id: randomUUID(), kind: 'committee', name: '子陵铺镇人民调解委员会', region: ZILING, level: 'street' },
};

interface Seed {
  region: string;
  category: string;
  state: 'opened' | 'assigned' | 'mediating' | 'agreed' | 'closed';
  outcome?: string;
  org?: { id: string };
  opened: Date;
  /** Days from opening to the agreement taking effect. */
  agreedAfterDays?: number;
  confirmation?: string;
  criminalRisk?: boolean;
}

/**
 * C1–C7 are Dongbao's cases of the quarter, C8 and C9 fall just outside it, C10 is Duodao's, C11
 * another city's; N1–N3 are Niufeng's, around today.
 */
const SEEDS: Record<string, Seed> = {
  // Opened 01:00 on New Year's Day in Beijing (the evening before in UTC), agreed 10 days later, confirmed by the court.
  C1: { region: `${XIANGSHAN}/g01`, category: 'neighbours', state: 'closed', outcome: 'performed', org: ORG.xiangshan, opened: cst('2024-01-01T01:00:00'), agreedAfterDays: 10, confirmation: 'confirmed' },
  // Agreed after 5½ days, waiting for confirmation; at risk of turning criminal.
  C2: { region: `${XIANGSHAN}/g02`, category: 'neighbours', state: 'agreed', org: ORG.xiangshan, opened: cst('2024-01-15T10:00:00'), agreedAfterDays: 5.5, criminalRisk: true },
  // 04:00 on 1 February in Beijing (still January in UTC), at the community's own node; no agreement.
  C3: { region: JINLONGQUAN, category: 'marriage_family', state: 'closed', outcome: 'no_agreement', org: ORG.centre, opened: cst('2024-02-01T04:00:00') },
  // At the street's own node, withdrawn.
  C4: { region: LONGQUAN, category: 'property_management', state: 'closed', outcome: 'withdrawn', org: ORG.centre, opened: cst('2024-02-10T09:00:00') },
  // Not given to an organisation yet; at risk.
  C5: { region: `${ZILING}/c1/g1`, category: 'land_boundary', state: 'opened', opened: cst('2024-03-05T09:00:00'), criminalRisk: true },
  C6: { region: `${ZILING}/c2`, category: 'labour_injury', state: 'mediating', org: ORG.centre, opened: cst('2024-03-20T09:00:00') },
  // At the county's own node a minute before the quarter ends, agreed 3 days later, confirmation asked for.
  C7: { region: DONGBAO, category: 'consumer', state: 'closed', outcome: 'performed', opened: cst('2024-03-31T23:59:00'), agreedAfterDays: 3, confirmation: 'requested' },
  // An hour before the quarter (Beijing time), and on its end.
  C8: { region: `${XIANGSHAN}/g01`, category: 'neighbours', state: 'agreed', org: ORG.xiangshan, opened: cst('2023-12-31T23:00:00'), agreedAfterDays: 1 },
  C9: { region: `${XIANGSHAN}/g01`, category: 'neighbours', state: 'opened', opened: cst('2024-04-01T00:00:00') },
  C10: { region: `${DUODAO}/duodaoshi/gaojing/g01`, category: 'neighbours', state: 'agreed', opened: cst('2024-02-02T09:00:00'), agreedAfterDays: 2 },
  C11: { region: YICHANG_DONGBAO, category: 'neighbours', state: 'closed', outcome: 'no_agreement', opened: cst('2024-02-03T09:00:00') },
  N1: { region: `${NIUFENG}/c1`, category: 'other', state: 'opened', opened: new Date(Date.now() - HOUR) },
  N2: { region: `${NIUFENG}/c1`, category: 'other', state: 'agreed', opened: new Date(Date.now() - 330 * DAY), agreedAfterDays: 4 },
  // Thirteen months ago: outside the default twelve.
  N3: { region: `${NIUFENG}/c1`, category: 'other', state: 'opened', opened: new Date(Date.now() - 396 * DAY) },
};

const sql = (text: string, params: unknown[]) => app.em().execute(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const stats = (input: object, actor: Actor = countyAdmin) => rpc.request<MediationStatsView>(MediationRpc.statsGet, { ...Q1, ...input }, { actor });

/** Figures with everything not given as zero or null. */
const figures = (f: Partial<MediationFiguresView>): MediationFiguresView => ({
  taken: 0, resolved: 0, failed: 0, open: 0, successRate: null, avgDaysToAgreement: null, confirmed: 0, criminalRiskFlagged: 0, ...f,
});

beforeAll(async () => {
  app = await startMediation(t.env('mediation'));
  rpc = await t.rpc();
  for (const o of Object.values(ORG))
    await sql(`insert into {s}.organisation (id, kind, name, region, county, level, created_by) values (?, ?, ?, ?, ?, ?, ?)`, [
      o.id, o.kind, o.name, o.region, o.region.split('/')[1], o.level, randomUUID(),
    ]);
  for (const [name, c] of Object.entries(SEEDS)) {
    const agreedAt = c.agreedAfterDays === undefined ? null : new Date(c.opened.getTime() + c.agreedAfterDays * DAY);
    await sql(
      `insert into {s}.mediation_case (id, number, source, category, title, facts, region, county, level, risk, criminal_risk, state, outcome, organisation_id,
         agreed_at, confirmation_state, opened_by, opened_at)
       values (?, ?, 'walk_in', ?, ?, '统计测试', ?, ?, 'grid', 'low', ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(), `STATS-${name}-${randomUUID().slice(0, 8)}`, c.category, `统计测试（${name}）`, c.region, c.region.split('/')[1], c.criminalRisk ?? false, c.state,
        c.outcome ?? null, c.org?.id ?? null, agreedAt, c.confirmation ?? 'none', randomUUID(), c.opened,
      ],
    );
  }
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

/** Dongbao over the quarter: C1–C7; C8, C9 (outside it), C10 (Duodao) and C11 (Yichang) never count. */
const DONGBAO_TOTALS = figures({
  taken: 7,
  resolved: 3, // C1, C2, C7
  failed: 2, // C3, C4
  open: 2, // C5, C6
  successRate: 0.6, // 3 of 5 concluded
  avgDaysToAgreement: 6.2, // (10 + 5.5 + 3) / 3 = 6.17
  confirmed: 1, // C1 (C7's is only requested)
  criminalRiskFlagged: 2, // C2, C5
});

describe('mediation statistics', () => {
  it('counts a county by month of opening in Beijing time, the edges of the period included or not as they fall', async () => {
    const r = await stats({ region: DONGBAO, groupBy: 'month' });
    expect(r).toMatchObject({ region: DONGBAO, from: Q1.from, to: Q1.to, groupBy: 'month' });
    expect(r.totals).toEqual(DONGBAO_TOTALS);
    expect(r.rows).toEqual([
      { key: '2024-01', label: '2024-01', ...figures({ taken: 2, resolved: 2, successRate: 1, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }) },
      { key: '2024-02', label: '2024-02', ...figures({ taken: 2, failed: 2, successRate: 0 }) },
      { key: '2024-03', label: '2024-03', ...figures({ taken: 3, resolved: 1, open: 2, successRate: 1, avgDaysToAgreement: 3, criminalRiskFlagged: 1 }) },
    ]);
  });

  it('groups by the region one level down, cases at the asked node under the node itself', async () => {
    const county = await stats({ region: DONGBAO, groupBy: 'region' });
    expect(county.totals).toEqual(DONGBAO_TOTALS);
    expect(county.rows).toEqual([
      { key: DONGBAO, label: 'dongbao', ...figures({ taken: 1, resolved: 1, successRate: 1, avgDaysToAgreement: 3 }) },
      { key: LONGQUAN, label: 'longquan', ...figures({ taken: 4, resolved: 2, failed: 2, successRate: 0.5, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }) },
      { key: ZILING, label: 'ziling', ...figures({ taken: 2, open: 2, criminalRiskFlagged: 1 }) },
    ]);

    const street = await stats({ region: LONGQUAN, groupBy: 'region' });
    expect(street.totals).toEqual(figures({ taken: 4, resolved: 2, failed: 2, successRate: 0.5, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }));
    expect(street.rows).toEqual([
      { key: LONGQUAN, label: 'longquan', ...figures({ taken: 1, failed: 1, successRate: 0 }) },
      { key: JINLONGQUAN, label: 'jinlongquan', ...figures({ taken: 1, failed: 1, successRate: 0 }) },
      { key: XIANGSHAN, label: 'xiangshan', ...figures({ taken: 2, resolved: 2, successRate: 1, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }) },
    ]);
  });

  it('groups by category in the order of the list, with Chinese labels, and narrows to one category', async () => {
    const r = await stats({ region: DONGBAO, groupBy: 'category' });
    expect(r.totals).toEqual(DONGBAO_TOTALS);
    expect(r.rows).toEqual([
      { key: 'neighbours', label: '邻里纠纷', ...figures({ taken: 2, resolved: 2, successRate: 1, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }) },
      { key: 'land_boundary', label: '土地边界纠纷', ...figures({ taken: 1, open: 1, criminalRiskFlagged: 1 }) },
      { key: 'marriage_family', label: '婚姻家庭纠纷', ...figures({ taken: 1, failed: 1, successRate: 0 }) },
      { key: 'property_management', label: '物业纠纷', ...figures({ taken: 1, failed: 1, successRate: 0 }) },
      { key: 'labour_injury', label: '劳动争议与工伤', ...figures({ taken: 1, open: 1 }) },
      { key: 'consumer', label: '消费纠纷', ...figures({ taken: 1, resolved: 1, successRate: 1, avgDaysToAgreement: 3 }) },
    ]);

    const neighbours = await stats({ region: DONGBAO, category: 'neighbours', groupBy: 'month' });
    expect(neighbours.totals).toEqual(figures({ taken: 2, resolved: 2, successRate: 1, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }));
    expect(neighbours.rows.map((m) => [m.key, m.taken])).toEqual([['2024-01', 2]]);
  });

  it('groups by organisation, busiest first, the cases not given to one last as 未分派', async () => {
    const r = await stats({ region: DONGBAO, groupBy: 'organisation' });
    expect(r.totals).toEqual(DONGBAO_TOTALS);
    expect(r.rows).toEqual([
      { key: ORG.centre.id, label: ORG.centre.name, ...figures({ taken: 3, failed: 2, open: 1, successRate: 0 }) },
      { key: ORG.xiangshan.id, label: ORG.xiangshan.name, ...figures({ taken: 2, resolved: 2, successRate: 1, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }) },
      { key: 'none', label: '未分派', ...figures({ taken: 2, resolved: 1, open: 1, successRate: 1, avgDaysToAgreement: 3, criminalRiskFlagged: 1 }) },
    ]);
  });

  it("lets staff of a community read its own figures, and answers a region without cases with zeros", async () => {
    for (const actor of [xiangshanAdmin, xiangshanMediator]) {
      const r = await stats({ region: XIANGSHAN, groupBy: 'category' }, actor);
      expect(r.totals).toEqual(figures({ taken: 2, resolved: 2, successRate: 1, avgDaysToAgreement: 7.8, confirmed: 1, criminalRiskFlagged: 1 }));
    }
    const empty = await stats({ region: `${DONGBAO}/nowhere`, groupBy: 'organisation' });
    expect(empty).toMatchObject({ totals: figures({}), rows: [] });
  });

  it('takes the twelve months up to tomorrow by default', async () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const tomorrow = day(Date.now() + 8 * HOUR + DAY);
    const [y, m, d] = tomorrow.split('-').map(Number) as [number, number, number];
    const r = await rpc.request<MediationStatsView>(MediationRpc.statsGet, { region: NIUFENG }, { actor: countyAdmin });
    expect(r).toMatchObject({ groupBy: 'month', from: day(Date.UTC(y - 1, m - 1, d)), to: tomorrow });
    // N1 and N2; N3 opened thirteen months ago.
    expect(r.totals).toEqual(figures({ taken: 2, resolved: 1, open: 1, successRate: 1, avgDaysToAgreement: 4 }));
    expect(r.rows).toHaveLength(2);
  });

  it('shows a city admin every county of the city, and Duodao its own case only', async () => {
    const city = await stats({ region: 'jingmen', groupBy: 'region' }, cityAdmin);
    expect(city.totals.taken).toBe(8);
    expect(city.rows.map((r) => [r.key, r.label, r.taken])).toEqual([
      [DONGBAO, 'dongbao', 7],
      [DUODAO, 'duodao', 1],
    ]);
    const duodao = await stats({ region: DUODAO, groupBy: 'month' }, duodaoAdmin);
    expect(duodao.totals).toEqual(figures({ taken: 1, resolved: 1, successRate: 1, avgDaysToAgreement: 2 }));
  });

  it('answers anyone but the staff of the region or above, and another county, as if the region did not exist', async () => {
    const missing = await stats({ region: `${DONGBAO}/nowhere` }, duodaoAdmin).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    for (const [region, actor] of [
      [DONGBAO, duodaoAdmin],
      [LONGQUAN, duodaoAdmin],
      [LONGQUAN, xiangshanAdmin],
      [XIANGSHAN, resident],
      ['jingmen', countyAdmin],
    ] as const) {
      const refused = await stats({ region, groupBy: 'region' }, actor).catch((e: unknown) => e);
      expect(refused).toMatchObject({ code: 'NOT_FOUND', message: (missing as Error).message });
    }
  });

  it('refuses a period that ends before it starts, or names no calendar day', async () => {
    await expect(stats({ region: DONGBAO, from: '2024-04-01', to: '2024-04-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(stats({ region: DONGBAO, from: '2024-05-01', to: '2024-04-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(stats({ region: DONGBAO, from: '2024-02-30' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(stats({ region: DONGBAO, from: '2024-01-01', to: '2100-01-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
