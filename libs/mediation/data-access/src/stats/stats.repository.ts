import { STATS_GROUPINGS, type DisputeCategory, type MediationFiguresView, type StatsGrouping } from '@gov/mediation-contracts';
import { PreparedReads } from '@gov/platform-persistence';
import { Injectable } from '@nestjs/common';
import { NO_ORGANISATION_KEY, ROLLUP_AREA_DEPTHS } from '../migrations/002-stats-rollup.js';

/** The rollup rebuilt from the cases, as its migration does (the tests compare it with the trigger's). */
export { CASE_STATS_BACKFILL_SQL } from '../migrations/002-stats-rollup.js';

/** Months are months of China Standard Time (UTC+8, no daylight saving since 1991). */
export const STATS_TIME_ZONE = 'Asia/Shanghai';
const SECONDS_PER_DAY = 86_400;
/** Success rates are shares (0–1) to 0.01 percentage points; days to agreement to one decimal. */
const RATE_DECIMALS = 4;
const DAYS_DECIMALS = 1;

// The figures' definitions, case by case (RESOLVED, FAILED, SUMS): the SAME definitions as
// case_stats_contribution in migrations/002-stats-rollup.ts, which the trigger sums into
// case_stats_month for whole months. Change both together (a new migration for the rollup).

/** Settled (调解成功): the agreement took effect, whatever became of the case afterwards. */
const RESOLVED = `c.agreed_at is not null`;
/** Closed without an agreement: referred to litigation or arbitration, no agreement, or withdrawn. */
const FAILED = `c.state = 'closed' and c.agreed_at is null`;

/**
 * What each case `c` of a group adds up to: the raw sums the figures are made of. Seconds to
 * agreement are exact (numeric), so sums of cases and of rollup rows agree to the last digit.
 */
const SUMS = `count(*) as taken,
  count(*) filter (where ${RESOLVED}) as resolved,
  count(*) filter (where ${FAILED}) as failed,
  sum(extract(epoch from c.agreed_at - c.opened_at)) filter (where ${RESOLVED}) as agreement_seconds,
  count(*) filter (where c.confirmation_state = 'confirmed') as confirmed,
  count(*) filter (where c.criminal_risk) as criminal_risk`;
/** The same sums over the rollup rows `r` of whole months. */
const ROLLUP_SUMS = `sum(r.taken) as taken, sum(r.resolved) as resolved, sum(r.failed) as failed,
  sum(r.agreement_seconds) as agreement_seconds, sum(r.confirmed) as confirmed, sum(r.criminal_risk) as criminal_risk`;

/**
 * The figures (MediationFiguresView, field by field) over the group sums `g`: written once, for
 * the rows and the totals alike. Everything neither resolved nor failed is open.
 */
const FIGURES = `coalesce(sum(g.taken), 0)::int as taken,
  coalesce(sum(g.resolved), 0)::int as resolved,
  coalesce(sum(g.failed), 0)::int as failed,
  coalesce(sum(g.taken) - sum(g.resolved) - sum(g.failed), 0)::int as open,
  round(sum(g.resolved)::numeric / nullif(sum(g.resolved) + sum(g.failed), 0), ${RATE_DECIMALS})::float8 as "successRate",
  round(sum(g.agreement_seconds) / nullif(sum(g.resolved), 0) / ${SECONDS_PER_DAY}, ${DAYS_DECIMALS})::float8 as "avgDaysToAgreement",
  coalesce(sum(g.confirmed), 0)::int as confirmed,
  coalesce(sum(g.criminal_risk), 0)::int as "criminalRiskFlagged"`;

type Scope = 'county' | 'city';
/**
 * Whole months from the rollup rows of an area depth and the partial ones case by case, or every
 * case (see `sourceOf`).
 */
type Source = (typeof ROLLUP_AREA_DEPTHS)[number] | 'scan';
const SOURCES: readonly Source[] = [...ROLLUP_AREA_DEPTHS, 'scan'];

/** Rows `x` (cases or rollup rows) of county $1, or of every county of the city when $1 is null. */
function counties(s: Scope, x: string): string {
  // A city's statement still names $1 (null) so that both take the same parameters.
  return s === 'county' ? `${x}.county = $1::text` : `${x}.county = any(array(select county from counties where county is not null)) and $1::text is null`;
}
/** Rows `x` in the region subtree $4 (by the column `region`), of category $5 when given. */
const subtree = (x: string, region: string) => `(${x}.${region} = $4::text or ${x}.${region} like $4::text || '/%') and ($5::text is null or ${x}.category = $5::text)`;

/**
 * A county's cases opened in [from, to) in the region subtree $4, optionally of one category $5:
 * bounded to county $1 so mediation_case_county_opened serves the scan from the index alone. A
 * city spans counties, which the same index lists by skipping from one county to the next.
 */
function scope(s: Scope, from: string, to: string): string {
  return `${counties(s, 'c')} and c.opened_at >= ${from} and c.opened_at < ${to} and ${subtree('c', 'region')}`;
}
const COUNTIES = `recursive counties (county) as (
    select min(county) from {schema}.mediation_case
    union all
    select (select min(x.county) from {schema}.mediation_case x where x.county > counties.county) from counties where counties.county is not null),`;
const LOCAL = (instant: string) => `(${instant} at time zone '${STATS_TIME_ZONE}')`;
const INSTANT = (local: string) => `((${local}) at time zone '${STATS_TIME_ZONE}')`;

/** The period's whole months: local month starts in [WHOLE_FROM, WHOLE_TO); none when WHOLE_FROM >= WHOLE_TO. */
const WHOLE_FROM = `date_trunc('month', ${LOCAL('$2::timestamptz')} - interval '1 microsecond') + interval '1 month'`;
const WHOLE_TO = `date_trunc('month', ${LOCAL('$3::timestamptz')})`;

/**
 * The stretches [lo, hi) read case by case, each inside one month (`start`, its local first
 * instant). With the rollup, the period's partial month at either end (empty when the period
 * starts or ends on a month's first instant; the first is the whole period when it lies inside
 * one month). Two rows the planner can count: a month series it guesses at a thousand rows, which
 * costs a city's statement past JIT compilation (30 ms). Without the rollup, every month for the
 * month grouping (so each month is an index range of its own: grouping by a month computed from
 * each opening instant would sort every case, the planner cannot know how few months there are),
 * else the whole period.
 */
function stretches(grouping: StatsGrouping, source: Source): string {
  if (source !== 'scan')
    return `select $2::timestamptz as lo, least($3::timestamptz, ${INSTANT(WHOLE_FROM)}) as hi, date_trunc('month', ${LOCAL('$2::timestamptz')}) as start
      union all
      select greatest(${INSTANT(WHOLE_FROM)}, ${INSTANT(WHOLE_TO)}), $3::timestamptz, greatest(${WHOLE_FROM}, ${WHOLE_TO})`;
  if (grouping !== 'month') return `select $2::timestamptz as lo, $3::timestamptz as hi, null::timestamp as start`;
  return `select greatest($2::timestamptz, ${INSTANT('m.start')}) as lo, least($3::timestamptz, ${INSTANT("m.start + interval '1 month'")}) as hi, m.start
    from generate_series(date_trunc('month', ${LOCAL('$2::timestamptz')}), ${LOCAL('$3::timestamptz')}, interval '1 month') m (start)`;
}

/**
 * The group sums per key, of the cases of the stretches and (with the rollup) of the rollup rows
 * of the whole months; a key may come from both, which the figures add up. `region` groups by
 * the path segment one below the asked region ($6 its position; '' for a case at the asked node
 * itself).
 */
function groups(grouping: StatsGrouping, s: Scope, source: Source): string {
  const range = scope(s, 'st.lo', 'st.hi');
  const cases =
    grouping === 'month'
      ? `select to_char(st.start, 'YYYY-MM') as key, sums.* from stretch st cross join lateral (select ${SUMS} from {schema}.mediation_case c where ${range}) sums where sums.taken > 0`
      : `select sums.* from stretch st cross join lateral (select ${CASE_KEY[grouping]} as key, ${SUMS} from {schema}.mediation_case c where ${range} group by 1) sums`;
  if (source === 'scan') return cases;
  return `${cases}
    union all
    select ${ROLLUP_KEY[grouping]} as key, ${ROLLUP_SUMS} from {schema}.case_stats_month r
    where ${counties(s, 'r')} and r.depth = ${source} and r.month >= (${WHOLE_FROM})::date and r.month < (${WHOLE_TO})::date
      and ${subtree('r', 'area')}
    group by ${grouping === 'month' ? 'r.month' : '1'}`;
}
const CASE_KEY: Record<Exclude<StatsGrouping, 'month'>, string> = {
  organisation: 'c.organisation_id',
  region: `split_part(c.region, '/', $6::int)`,
  category: 'c.category',
};
const ROLLUP_KEY: Record<StatsGrouping, string> = {
  organisation: `nullif(r.organisation_key, '${NO_ORGANISATION_KEY}'::uuid)`,
  region: `split_part(r.area, '/', $6::int)`,
  category: 'r.category',
  month: `to_char(r.month, 'YYYY-MM')`,
};

/** The totals (`total`, key null) and one row per key with a case, in one statement. */
function statsSql(grouping: StatsGrouping, s: Scope, source: Source): string {
  const key = {
    organisation: 'g.key::text',
    region: `case when g.key = '' then $4::text else $4::text || '/' || g.key end`,
    category: 'g.key',
    month: 'g.key',
  }[grouping];
  const label = grouping === 'organisation' ? `(select o.name from {schema}.organisation o where o.id = g.key)` : 'null::text';
  return `with ${s === 'city' ? COUNTIES : ''} stretch as (${stretches(grouping, source)}),
    g as (${groups(grouping, s, source)})
    select ${key} as key, grouping(g.key) = 1 as total, ${label} as label, ${FIGURES}
    from g group by grouping sets ((), (g.key))`;
}

const SCOPES = ['county', 'city'] as const;
const STATEMENTS = Object.fromEntries(
  STATS_GROUPINGS.map((g) => [g, Object.fromEntries(SCOPES.map((s) => [s, Object.fromEntries(SOURCES.map((src) => [src, statsSql(g, s, src)]))]))]),
) as Record<StatsGrouping, Record<Scope, Record<Source, string>>>;

/**
 * The shallowest rollup depth that holds the asked region's subtree (areas cut at or below the
 * region) and, grouping by region, its children (cut below it); deeper down every case is read.
 */
function sourceOf(region: string, grouping: StatsGrouping): Source {
  const depth = region.split('/').length;
  return ROLLUP_AREA_DEPTHS.find((cut) => (grouping === 'region' ? depth < cut : depth <= cut)) ?? 'scan';
}

export interface StatsQuery {
  /** The city, a county or a region below it. */
  region: string;
  from: Date;
  to: Date;
  category: DisputeCategory | null;
  groupBy: StatsGrouping;
}

export interface StatsGroupRecord extends MediationFiguresView {
  /** The organisation id, child region path, category or YYYY-MM; null for the totals and for cases without an organisation. */
  key: string | null;
  total: boolean;
  /** The organisation's name (grouping by organisation). */
  label: string | null;
}

/**
 * Live mediation statistics (调解统计): whole months from the trigger-kept monthly rollup
 * (case_stats_month), the partial months at the period's ends from the cases, at every call.
 */
@Injectable()
export class MediationStatsRepository {
  constructor(private readonly reads: PreparedReads) {}

  /**
   * The totals first (zeros when no case matches), then one record per group with a case.
   *
   * Planned per call (PreparedReads.planned): a generic plan guesses a period of parameters to
   * hold a handful of cases and sorts a county's year of them on disk (about 4x slower on 60,000
   * cases).
   */
  async stats(q: StatsQuery): Promise<StatsGroupRecord[]> {
    const segments = q.region.split('/');
    const county = segments[1] ?? null;
    const values: unknown[] = [county, q.from, q.to, q.region, q.category];
    if (q.groupBy === 'region') values.push(segments.length + 1);
    const scope = county === null ? 'city' : 'county';
    const source = sourceOf(q.region, q.groupBy);
    const name = `mediation.stats.${q.groupBy}.${scope}.${source}`;
    const rows = await this.reads.planned<StatsGroupRecord>({ name, text: STATEMENTS[q.groupBy][scope][source] }, values);
    return rows.sort((a, b) => Number(b.total) - Number(a.total));
  }
}
