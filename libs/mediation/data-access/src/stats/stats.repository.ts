import { STATS_GROUPINGS, type DisputeCategory, type MediationFiguresView, type StatsGrouping } from '@gov/mediation-contracts';
import { PreparedReads } from '@gov/platform-persistence';
import { Injectable } from '@nestjs/common';

/** Months are months of China Standard Time (UTC+8, no daylight saving since 1991). */
export const STATS_TIME_ZONE = 'Asia/Shanghai';
const SECONDS_PER_DAY = 86_400;
/** Success rates are shares (0–1) to 0.01 percentage points; days to agreement to one decimal. */
const RATE_DECIMALS = 4;
const DAYS_DECIMALS = 1;

/** Settled (调解成功): the agreement took effect, whatever became of the case afterwards. */
const RESOLVED = `c.agreed_at is not null`;
/** Closed without an agreement: referred to litigation or arbitration, no agreement, or withdrawn. */
const FAILED = `c.state = 'closed' and c.agreed_at is null`;

/** What each case `c` of a group adds up to: the raw sums the figures are made of. */
const SUMS = `count(*) as taken,
  count(*) filter (where ${RESOLVED}) as resolved,
  count(*) filter (where ${FAILED}) as failed,
  sum(date_part('epoch', c.agreed_at - c.opened_at)) filter (where ${RESOLVED}) as agreement_seconds,
  count(*) filter (where c.confirmation_state = 'confirmed') as confirmed,
  count(*) filter (where c.criminal_risk) as criminal_risk`;

/**
 * The figures (MediationFiguresView, field by field) over the group sums `g`: written once, for
 * the rows and the totals alike. Everything neither resolved nor failed is open.
 */
const FIGURES = `coalesce(sum(g.taken), 0)::int as taken,
  coalesce(sum(g.resolved), 0)::int as resolved,
  coalesce(sum(g.failed), 0)::int as failed,
  coalesce(sum(g.taken) - sum(g.resolved) - sum(g.failed), 0)::int as open,
  round(sum(g.resolved)::numeric / nullif(sum(g.resolved) + sum(g.failed), 0), ${RATE_DECIMALS})::float8 as "successRate",
  round((sum(g.agreement_seconds) / nullif(sum(g.resolved), 0) / ${SECONDS_PER_DAY})::numeric, ${DAYS_DECIMALS})::float8 as "avgDaysToAgreement",
  coalesce(sum(g.confirmed), 0)::int as confirmed,
  coalesce(sum(g.criminal_risk), 0)::int as "criminalRiskFlagged"`;

/**
 * A county's cases opened in [from, to) in the region subtree $4, optionally of one category $5:
 * bounded to county $1 so mediation_case_county_opened serves the scan from the index alone. A
 * city spans counties, which the same index lists by skipping from one county to the next.
 */
function scope(s: Scope, from = '$2::timestamptz', to = '$3::timestamptz'): string {
  // A city's statement still names $1 (null) so that both take the same parameters.
  const county = s === 'county' ? 'c.county = $1::text' : 'c.county = any(array(select county from counties where county is not null)) and $1::text is null';
  return `${county} and c.opened_at >= ${from} and c.opened_at < ${to} and (c.region = $4::text or c.region like $4::text || '/%')
    and ($5::text is null or c.category = $5::text)`;
}
type Scope = 'county' | 'city';
const COUNTIES = `recursive counties (county) as (
    select min(county) from {schema}.mediation_case
    union all
    select (select min(x.county) from {schema}.mediation_case x where x.county > counties.county) from counties where counties.county is not null),`;
const LOCAL = (instant: string) => `(${instant} at time zone '${STATS_TIME_ZONE}')`;
const INSTANT = (local: string) => `((${local}) at time zone '${STATS_TIME_ZONE}')`;

/**
 * The group sums per key. Grouping by a month computed from each opening instant would sort every
 * case (the planner cannot know how few months there are), so each month is an index range of its
 * own; `region` groups by the path segment one below the asked region ($6 its position; '' for a
 * case at the asked node itself).
 */
function groups(grouping: StatsGrouping, s: Scope): string {
  if (grouping === 'month')
    return `select to_char(m.start, 'YYYY-MM') as key, sums.*
      from generate_series(date_trunc('month', ${LOCAL('$2::timestamptz')}), ${LOCAL('$3::timestamptz')}, interval '1 month') m (start)
      cross join lateral (select ${SUMS} from {schema}.mediation_case c
        where ${scope(s, `greatest($2::timestamptz, ${INSTANT('m.start')})`, `least($3::timestamptz, ${INSTANT("m.start + interval '1 month'")})`)}) sums
      where sums.taken > 0`;
  const key = { organisation: 'c.organisation_id', region: `split_part(c.region, '/', $6::int)`, category: 'c.category' }[grouping];
  return `select ${key} as key, ${SUMS} from {schema}.mediation_case c where ${scope(s)} group by 1`;
}

/** The totals (`total`, key null) and one row per key with a case, in one statement. */
function statsSql(grouping: StatsGrouping, s: Scope): string {
  const key = {
    organisation: 'g.key::text',
    region: `case when g.key = '' then $4::text else $4::text || '/' || g.key end`,
    category: 'g.key',
    month: 'g.key',
  }[grouping];
  const label = grouping === 'organisation' ? `(select o.name from {schema}.organisation o where o.id = g.key)` : 'null::text';
  return `with ${s === 'city' ? COUNTIES : ''} g as (${groups(grouping, s)})
    select ${key} as key, grouping(g.key) = 1 as total, ${label} as label, ${FIGURES}
    from g group by grouping sets ((), (g.key))`;
}

const STATEMENTS = Object.fromEntries(STATS_GROUPINGS.map((g) => [g, { county: statsSql(g, 'county'), city: statsSql(g, 'city') }])) as Record<
  StatsGrouping,
  Record<Scope, string>
>;

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

/** Live mediation statistics (调解统计), summed from the cases at every call. */
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
    const rows = await this.reads.planned<StatsGroupRecord>({ name: `mediation.stats.${q.groupBy}.${scope}`, text: STATEMENTS[q.groupBy][scope] }, values);
    return rows.sort((a, b) => Number(b.total) - Number(a.total));
  }
}
