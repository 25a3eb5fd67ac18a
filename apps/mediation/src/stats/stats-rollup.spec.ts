// The monthly statistics rollup (case_stats_month) against the plain scan it replaces: a few
// hundred cases written straight into the table, then moved through state changes, moves and
// deletes; the rollup must equal a recomputation from the cases, and the statistics must equal
// the old pure-scan query for random periods (whole months, mid-month ends, odd instants), every
// grouping, and the city, counties, a street, a community and a grid.
import { DISPUTE_CATEGORIES, STATS_GROUPINGS, type StatsGrouping } from '@gov/mediation-contracts';
import { CASE_STATS_BACKFILL_SQL, MediationStatsRepository, type StatsGroupRecord, type StatsQuery } from '@gov/mediation-data-access';
import { PreparedReads } from '@gov/platform-persistence';
import { TestContext } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;

/** Fixed, so that a failure reproduces. */
const SEED = 20_240_611;
const CASES = 320;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CST_OFFSET = 8 * HOUR;

/** A seeded generator of numbers in [0, 1) (mulberry32). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}
const rand = prng(SEED);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const chance = (p: number) => rand() < p;

const DONGBAO = 'jingmen/dongbao';
const LONGQUAN = `${DONGBAO}/longquan`;
const LONGQUAN_C1 = `${LONGQUAN}/c1`;
/** Every node of Dongbao from the county down to its grids (2 streets, 2 communities each, 2 grids each). */
const DONGBAO_PLACES = [DONGBAO, ...['longquan', 'ziling'].flatMap((s) => [`${DONGBAO}/${s}`, ...['c1', 'c2'].flatMap((c) => [`${DONGBAO}/${s}/${c}`, `${DONGBAO}/${s}/${c}/g1`, `${DONGBAO}/${s}/${c}/g2`])])];
const DUODAO_PLACES = ['jingmen/duodao', 'jingmen/duodao/s1', 'jingmen/duodao/s1/c1', 'jingmen/duodao/s1/c1/g1'];
/** Another city's county of the same name: its cases carry county `dongbao` too. */
const YICHANG_PLACES = ['yichang/dongbao/xiling/c1', 'yichang/dongbao/xiling/c1/g1'];
const PLACES = [...DONGBAO_PLACES, ...DONGBAO_PLACES, ...DUODAO_PLACES, ...YICHANG_PLACES];
const ASKED = ['jingmen', DONGBAO, 'jingmen/duodao', LONGQUAN, LONGQUAN_C1, `${LONGQUAN_C1}/g1`, `${DONGBAO}/ziling/c2`, 'yichang/dongbao', `${DONGBAO}/nowhere`];
const ORGS = Array.from({ length: 4 }, (_, i) => ({ id: randomUUID(), name: `统计汇总测试调解委员会${i + 1}` }));
const ORG_CHOICES = [null, ...ORGS.map((o) => o.id)];

/** The first instant of a China Standard Time month (month 0 = January 2023; may run past December). */
const monthStart = (month: number) => new Date(Date.UTC(2023, month, 1) - CST_OFFSET);
/** An opening instant in 2023–2024: often right on a month's first instant or just before it. */
function openingInstant(): Date {
  const start = monthStart(Math.floor(rand() * 24));
  const r = rand();
  if (r < 0.1) return start;
  if (r < 0.2) return new Date(start.getTime() - 1);
  return new Date(start.getTime() + rand() * 28 * DAY);
}

interface CaseRow {
  id: string;
  region: string;
  county: string;
  category: string;
  state: string;
  outcome: string | null;
  organisation_id: string | null;
  agreed_at: string | null;
  confirmation_state: string;
  criminal_risk: boolean;
  opened_at: string;
}

/** A case somewhere in its life: open, agreed (and maybe confirmed, maybe closed), or closed without an agreement. */
function drawCase(): CaseRow {
  const region = pick(PLACES);
  const opened = openingInstant();
  const agreed = chance(0.5);
  const state = agreed ? pick(['agreed', 'closed']) : pick(['opened', 'assigned', 'mediating', 'closed']);
  return {
    id: randomUUID(),
    region,
    county: region.split('/')[1]!,
    category: pick(DISPUTE_CATEGORIES),
    state,
    outcome: state !== 'closed' ? null : agreed ? 'performed' : pick(['withdrawn', 'no_agreement', 'referred_litigation']),
    organisation_id: pick(ORG_CHOICES),
    agreed_at: agreed ? new Date(opened.getTime() + rand() * 60 * DAY).toISOString() : null,
    confirmation_state: agreed ? pick(['none', 'requested', 'confirmed', 'confirmed', 'lapsed']) : 'none',
    criminal_risk: chance(0.1),
    opened_at: opened.toISOString(),
  };
}

const sql = <R = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  app.em().execute(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params) as Promise<R[]>;

// ---- the old statistics: every case of the period read, as the repository did before the rollup
// (kept verbatim as the reference).
const TZ = 'Asia/Shanghai';
const REF_SUMS = `count(*) as taken,
  count(*) filter (where c.agreed_at is not null) as resolved,
  count(*) filter (where c.state = 'closed' and c.agreed_at is null) as failed,
  sum(date_part('epoch', c.agreed_at - c.opened_at)) filter (where c.agreed_at is not null) as agreement_seconds,
  count(*) filter (where c.confirmation_state = 'confirmed') as confirmed,
  count(*) filter (where c.criminal_risk) as criminal_risk`;
const REF_FIGURES = `coalesce(sum(g.taken), 0)::int as taken,
  coalesce(sum(g.resolved), 0)::int as resolved,
  coalesce(sum(g.failed), 0)::int as failed,
  coalesce(sum(g.taken) - sum(g.resolved) - sum(g.failed), 0)::int as open,
  round(sum(g.resolved)::numeric / nullif(sum(g.resolved) + sum(g.failed), 0), 4)::float8 as "successRate",
  round((sum(g.agreement_seconds) / nullif(sum(g.resolved), 0) / 86400)::numeric, 1)::float8 as "avgDaysToAgreement",
  coalesce(sum(g.confirmed), 0)::int as confirmed,
  coalesce(sum(g.criminal_risk), 0)::int as "criminalRiskFlagged"`;
type Scope = 'county' | 'city';
function refScope(s: Scope, from = '$2::timestamptz', to = '$3::timestamptz'): string {
  const county = s === 'county' ? 'c.county = $1::text' : 'c.county = any(array(select county from counties where county is not null)) and $1::text is null';
  return `${county} and c.opened_at >= ${from} and c.opened_at < ${to} and (c.region = $4::text or c.region like $4::text || '/%')
    and ($5::text is null or c.category = $5::text)`;
}
const REF_COUNTIES = `recursive counties (county) as (
    select min(county) from {schema}.mediation_case
    union all
    select (select min(x.county) from {schema}.mediation_case x where x.county > counties.county) from counties where counties.county is not null),`;
const LOCAL = (instant: string) => `(${instant} at time zone '${TZ}')`;
const INSTANT = (local: string) => `((${local}) at time zone '${TZ}')`;
function refGroups(grouping: StatsGrouping, s: Scope): string {
  if (grouping === 'month')
    return `select to_char(m.start, 'YYYY-MM') as key, sums.*
      from generate_series(date_trunc('month', ${LOCAL('$2::timestamptz')}), ${LOCAL('$3::timestamptz')}, interval '1 month') m (start)
      cross join lateral (select ${REF_SUMS} from {schema}.mediation_case c
        where ${refScope(s, `greatest($2::timestamptz, ${INSTANT('m.start')})`, `least($3::timestamptz, ${INSTANT("m.start + interval '1 month'")})`)}) sums
      where sums.taken > 0`;
  const key = { organisation: 'c.organisation_id', region: `split_part(c.region, '/', $6::int)`, category: 'c.category' }[grouping];
  return `select ${key} as key, ${REF_SUMS} from {schema}.mediation_case c where ${refScope(s)} group by 1`;
}
function refSql(grouping: StatsGrouping, s: Scope): string {
  const key = {
    organisation: 'g.key::text',
    region: `case when g.key = '' then $4::text else $4::text || '/' || g.key end`,
    category: 'g.key',
    month: 'g.key',
  }[grouping];
  const label = grouping === 'organisation' ? `(select o.name from {schema}.organisation o where o.id = g.key)` : 'null::text';
  return `with ${s === 'city' ? REF_COUNTIES : ''} g as (${refGroups(grouping, s)})
    select ${key} as key, grouping(g.key) = 1 as total, ${label} as label, ${REF_FIGURES}
    from g group by grouping sets ((), (g.key))`;
}
async function reference(reads: PreparedReads, q: StatsQuery): Promise<StatsGroupRecord[]> {
  const segments = q.region.split('/');
  const county = segments[1] ?? null;
  const values: unknown[] = [county, q.from, q.to, q.region, q.category];
  if (q.groupBy === 'region') values.push(segments.length + 1);
  const scope = county === null ? 'city' : 'county';
  return reads.planned<StatsGroupRecord>({ name: `reference.${q.groupBy}.${scope}`, text: refSql(q.groupBy, scope) }, values);
}

/** Totals first, then the groups by key (no organisation last): both answers in one order. */
const ordered = (rows: StatsGroupRecord[]) => [...rows].sort((a, b) => Number(b.total) - Number(a.total) || (a.key ?? '~').localeCompare(b.key ?? '~'));

// ---- the rollup recomputed from the cases, independently of the migration's function: every
// case in a row of its street and one of its community (or of its own node above them).
const RECOMPUTED = `select county, x.depth, date_trunc('month', opened_at at time zone '${TZ}')::date as month,
    array_to_string((string_to_array(region, '/'))[1:x.depth], '/') as area, category,
    coalesce(organisation_id, '00000000-0000-0000-0000-000000000000') as organisation_key,
    count(*)::int as taken, count(*) filter (where agreed_at is not null)::int as resolved,
    count(*) filter (where state = 'closed' and agreed_at is null)::int as failed,
    coalesce(sum(extract(epoch from agreed_at - opened_at)) filter (where agreed_at is not null), 0) as agreement_seconds,
    count(*) filter (where confirmation_state = 'confirmed')::int as confirmed, count(*) filter (where criminal_risk)::int as criminal_risk
  from {s}.mediation_case cross join (values (3), (4)) x (depth) group by 1, 2, 3, 4, 5, 6`;
/** Rows of the rollup and of the recomputation that differ (full outer join on the key); [] when equal. */
async function rollupDifferences(): Promise<unknown[]> {
  return sql(`select r.*, e.* from {s}.case_stats_month r
    full join (${RECOMPUTED}) e using (county, depth, month, area, category, organisation_key)
    where (r.taken, r.resolved, r.failed, r.agreement_seconds, r.confirmed, r.criminal_risk)
      is distinct from (e.taken, e.resolved, e.failed, e.agreement_seconds, e.confirmed, e.criminal_risk)`);
}

/** Periods: whole months, China Standard Time days, and arbitrary instants, from December 2022 to February 2025. */
function drawPeriods(): { from: Date; to: Date }[] {
  const periods: { from: Date; to: Date }[] = [
    { from: monthStart(0), to: monthStart(24) },
    { from: monthStart(5), to: monthStart(6) },
    { from: new Date(monthStart(5).getTime() + 9 * DAY), to: new Date(monthStart(5).getTime() + 20 * DAY) },
    { from: new Date(monthStart(5).getTime() + 9 * DAY), to: monthStart(6) },
    { from: monthStart(5), to: new Date(monthStart(6).getTime() + 3 * DAY) },
    { from: new Date(monthStart(5).getTime() - 1), to: new Date(monthStart(8).getTime() + 1) },
  ];
  for (let i = 0; i < 10; i++) {
    const first = Math.floor(rand() * 26) - 1;
    periods.push({ from: monthStart(first), to: monthStart(first + 1 + Math.floor(rand() * 14)) });
  }
  for (let i = 0; i < 10; i++) {
    const from = monthStart(-1).getTime() + Math.floor(rand() * 760) * DAY;
    periods.push({ from: new Date(from), to: new Date(from + (1 + Math.floor(rand() * 400)) * DAY) });
  }
  for (let i = 0; i < 10; i++) {
    const from = monthStart(-1).getTime() + rand() * 760 * DAY;
    periods.push({ from: new Date(from), to: new Date(from + rand() * 400 * DAY) });
  }
  return periods;
}

beforeAll(async () => {
  app = await startMediation(t.env('mediation'));
  for (const o of ORGS)
    await sql(`insert into {s}.organisation (id, kind, name, region, county, level, created_by) values (?, 'committee', ?, ?, 'dongbao', 'street', ?)`, [o.id, o.name, LONGQUAN, randomUUID()]);
  // One set-based statement, as the benchmark's generator writes: the trigger fires per row.
  await sql(
    `insert into {s}.mediation_case (id, number, source, category, title, facts, region, county, level, risk, criminal_risk, state, outcome, organisation_id,
       agreed_at, confirmation_state, opened_by, opened_at)
     select x.id, 'ROLLUP-' || x.id, 'walk_in', x.category, '汇总测试', '汇总测试', x.region, x.county, 'grid', 'low', x.criminal_risk, x.state, x.outcome,
       x.organisation_id, x.agreed_at, x.confirmation_state, x.id, x.opened_at
     from jsonb_to_recordset(?::jsonb) as x (id uuid, region text, county text, category text, state text, outcome text, organisation_id uuid,
       agreed_at timestamptz, confirmation_state text, criminal_risk boolean, opened_at timestamptz)`,
    [JSON.stringify(Array.from({ length: CASES }, drawCase))],
  );
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

/** Each case of the list once, in a seeded order. */
async function shuffledCases(): Promise<CaseRow[]> {
  const rows = await sql<CaseRow>(`select id, region, county, category, state, opened_at, agreed_at from {s}.mediation_case order by id`);
  return rows.map((r) => ({ r, k: rand() })).sort((a, b) => a.k - b.k).map(({ r }) => r);
}

describe('mediation statistics rollup', () => {
  it('holds, for every month, area, category and organisation, the sums of the cases written in one statement', async () => {
    const [{ n }] = await sql<{ n: number }>(`select count(*)::int as n from {s}.case_stats_month`);
    expect(n).toBeGreaterThan(100);
    expect(await rollupDifferences()).toEqual([]);
  });

  it('follows state changes, agreements, confirmations, reassignments, moves and deletes, and only changes that change a figure', async () => {
    const cases = await shuffledCases();
    const take = (count: number) => cases.splice(0, count);
    const at = (r: CaseRow, days: number) => new Date(new Date(r.opened_at).getTime() + days * DAY);
    for (const c of take(30)) await sql(`update {s}.mediation_case set state = 'closed', outcome = 'withdrawn', agreed_at = null, confirmation_state = 'none' where id = ?`, [c.id]);
    for (const c of take(30)) await sql(`update {s}.mediation_case set state = 'agreed', outcome = null, agreed_at = ? where id = ?`, [at(c, 1 + rand() * 40), c.id]);
    for (const c of take(20)) await sql(`update {s}.mediation_case set confirmation_state = 'confirmed', agreed_at = coalesce(agreed_at, ?) where id = ?`, [at(c, 2.5), c.id]);
    // Several rows in one statement.
    await sql(`update {s}.mediation_case set criminal_risk = not criminal_risk where id in (?)`, [take(20).map((c) => c.id)]);
    for (const c of take(20)) await sql(`update {s}.mediation_case set organisation_id = ? where id = ?`, [pick(ORG_CHOICES), c.id]);
    for (const c of take(15)) await sql(`update {s}.mediation_case set category = ? where id = ?`, [pick(DISPUTE_CATEGORIES), c.id]);
    for (const c of take(10)) {
      const region = pick(PLACES);
      await sql(`update {s}.mediation_case set region = ?, county = ? where id = ?`, [region, region.split('/')[1], c.id]);
    }
    for (const c of take(10)) await sql(`update {s}.mediation_case set opened_at = opened_at + interval '40 days' where id = ?`, [c.id]);
    for (const c of take(10))
      await sql(`update {s}.mediation_case set state = 'closed', outcome = 'performed', agreed_at = ?, confirmation_state = 'confirmed', organisation_id = ?, category = ? where id = ?`, [
        at(c, 0.75), pick(ORG_CHOICES), pick(DISPUTE_CATEGORIES), c.id,
      ]);
    await sql(`delete from {s}.mediation_case where id in (?)`, [take(15).map((c) => c.id)]);
    const untouched = take(10).map((c) => c.id);
    const before = await sql(`select * from {s}.case_stats_month order by county, depth, month, area, category, organisation_key`);
    await sql(`update {s}.mediation_case set updated_at = now(), version = version + 1, state = case when state = 'opened' then 'assigned' else state end where id in (?)`, [untouched]);

    expect(await sql(`select * from {s}.case_stats_month order by county, depth, month, area, category, organisation_key`)).toEqual(before);
    expect(await rollupDifferences()).toEqual([]);
    // Nothing left behind for the rows all of whose cases moved away.
    const [{ empty }] = await sql<{ empty: number }>(`select count(*)::int as empty from {s}.case_stats_month where taken = 0`);
    expect(empty).toBe(0);
    // The migration's backfill of existing cases builds the same rows (run as the migrator runs it).
    await app.em().transactional(async (em) => {
      await em.execute(`set local search_path to "${app.config.DB_SCHEMA}"`);
      await em.execute(`delete from case_stats_month`);
      await em.execute(CASE_STATS_BACKFILL_SQL);
    });
    expect(await rollupDifferences()).toEqual([]);
  });

  it('gives the same statistics as reading every case, for random periods, every grouping and region', async () => {
    const stats = app.app.get(MediationStatsRepository);
    const reads = new PreparedReads(app.orm, app.config.DB_SCHEMA);
    const periods = drawPeriods();
    let groups = 0;
    for (const [i, period] of periods.entries())
      for (const region of ASKED)
        for (const groupBy of STATS_GROUPINGS) {
          const q: StatsQuery = { region, ...period, category: i % 3 === 2 ? pick(DISPUTE_CATEGORIES) : null, groupBy };
          const expected = ordered(await reference(reads, q));
          groups += expected.length - 1;
          expect({ q, rows: ordered(await stats.stats(q)) }).toEqual({ q, rows: expected });
        }
    // The comparison saw plenty of groups with cases, not just empty answers.
    expect(groups).toBeGreaterThan(1000);
  }, 120_000);
});
