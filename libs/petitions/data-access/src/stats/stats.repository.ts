import type { Level } from '@gov/petitions-contracts';
import { DB_SCHEMA } from '@gov/platform-persistence';
import { MikroORM } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { belowPattern } from '../petition/petition.repository.js';

/**
 * Rollup days are days of China Standard Time. China has kept UTC+8 without daylight saving since
 * 1991, so the fixed offset here and the named zone in SQL agree.
 */
export const STATS_TIME_ZONE = 'Asia/Shanghai';
const CST_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
/** Screened within this many hours of submission counts as responded (docs/petition-stats.md). */
export const RESPONSE_WINDOW_HOURS = 24;
/** Ratings from this many stars up count as satisfied (满意、非常满意). */
export const SATISFIED_FROM_RATING = 4;
/**
 * Areas with a rollup: the city, counties and streets (path depth 1–3). Communities and grids
 * hold few enough petitions to be summed row by row.
 */
const MAX_ROLLUP_DEPTH = 3;
const COUNTY_DEPTH = 2;
/** Depth of a community's path (city/county/street/community); grids lie below it. */
const COMMUNITY_DEPTH = 4;
/** Memory a compaction batch may sort in (its own transaction only). */
const COMPACT_WORK_MEM = '64MB';

/** Handling not finished: past its deadline such a petition is overdue (as PetitionView.overdue). */
const OPEN = `('submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved')`;
/** Accepted as valid by screening: screened and every state after it. */
const VALID = `('screened', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed')`;

/** The petition columns a figure depends on, as the delta table copies them. */
const COLUMNS = ['region', 'county', 'channel', 'major_key', 'department_id', 'state', 'screened_at', 'escalations', 'created_at', 'closed_at', 'resolved_at', 'deadline', 'rated_at', 'rating'];

type Anchor = 'intake' | 'closed' | 'rated';
type Measure = 'intake' | 'responded' | 'valid' | 'resolved' | 'escalated' | 'closed' | 'closed_on_time' | 'handling_ms' | 'rated' | 'satisfied' | 'rating_sum';

/**
 * What one petition row `x` with weight `x.w` (1, or a delta's sign) adds to each sum, by the
 * instant it counts at: its submission (created_at), its closing (closed_at of a closed petition)
 * or its rating (rated_at). docs/petition-stats.md gives the figures made of them.
 */
const MEASURES: Record<Anchor, Partial<Record<Measure, string>>> = {
  intake: {
    intake: 'x.w',
    responded: `case when x.screened_at <= x.created_at + interval '${RESPONSE_WINDOW_HOURS} hours' then x.w else 0 end`,
    valid: `case when x.state in ${VALID} then x.w else 0 end`,
    resolved: `case when x.state in ('resolved', 'closed') then x.w else 0 end`,
    escalated: 'case when x.escalations > 0 then x.w else 0 end',
  },
  closed: {
    closed: 'x.w',
    // The handler's part: a resolved petition waits up to RATING_WINDOW_DAYS for its rating before it closes.
    closed_on_time: 'case when coalesce(x.resolved_at, x.closed_at) <= x.deadline then x.w else 0 end',
    handling_ms: 'x.w * round(extract(epoch from coalesce(x.resolved_at, x.closed_at) - x.created_at) * 1000)::bigint',
  },
  rated: {
    rated: 'x.w',
    satisfied: `case when x.rating >= ${SATISFIED_FROM_RATING} then x.w else 0 end`,
    rating_sum: 'x.w * x.rating',
  },
};
const ANCHORS = Object.keys(MEASURES) as Anchor[];
const MEASURE_NAMES = ANCHORS.flatMap((a) => Object.keys(MEASURES[a])) as Measure[];
const ANCHOR_AT: Record<Anchor, string> = { intake: 'x.created_at', closed: 'x.closed_at', rated: 'x.rated_at' };
/** The breakdowns of each anchor: submissions by channel, major category and department; the others by department. */
const DIMENSIONS: Record<Anchor, Partial<Record<'channel' | 'major' | 'department', string>>> = {
  intake: { channel: 'x.channel', major: 'x.major_key', department: 'x.department_id::text' },
  closed: { department: 'x.department_id::text' },
  rated: { department: 'x.department_id::text' },
};
const castOf = (m: Measure) => (m === 'handling_ms' ? 'bigint' : 'int');
const sumsOf = (names: readonly Measure[]) => names.map((m) => `sum(${m})::${castOf(m)} as ${m}`).join(', ');

/**
 * One anchor's sums over the rows `x` of `from` matching `where`, per `groupBy` (as g0, g1, …)
 * and dimension: rows (…groupBy, dim, key, every measure), dim `all` with key '' for the totals.
 */
function aggregate(anchor: Anchor, from: string, where: string, groupBy: string[] = []): string {
  const dims = Object.entries(DIMENSIONS[anchor]);
  const dim = `case ${dims.map(([d, col]) => `when grouping(${col}) = 0 then '${d}'`).join(' ')} else 'all' end`;
  const key = `coalesce(${dims.map(([, col]) => col).join(', ')}, '')`;
  const measures = MEASURE_NAMES.map((m) => `${MEASURES[anchor][m] ? `sum(${MEASURES[anchor][m]})` : '0'}::${castOf(m)} as ${m}`);
  const department = DIMENSIONS[anchor].department!;
  return `select ${[...groupBy.map((g, i) => `${g} as g${i}`), `${dim} as dim`, `${key} as key`, ...measures].join(', ')}
    from ${from} where ${where} and ${ANCHOR_AT[anchor]} is not null${anchor === 'closed' ? ` and x.state = 'closed'` : ''}
    group by ${[...groupBy, `grouping sets ((), ${dims.map(([, col]) => `(${col})`).join(', ')})`].join(', ')}
    having not (grouping(${department}) = 0 and ${department} is null)`;
  // (A petition without a department counts in the totals, not as a department of its own.)
}

/**
 * Folds up to $1 deltas, oldest first, into the rollup of the city, county and street of each
 * petition: summed per street (or county, for a petition above street level) and day, then those
 * sums per county and per city. Rows another compaction holds are skipped, so replicas compact
 * side by side.
 */
const COMPACT = `with moved as (
    delete from {schema}.petition_stats_delta
    where seq = any (array(select seq from {schema}.petition_stats_delta order by seq limit $1 for update skip locked))
    returning sign as w, ${COLUMNS.join(', ')}, substring(region from '^[^/]+/[^/]+/[^/]+') as street, split_part(region, '/', 1) as city),
  leaf as (
    ${ANCHORS.map((a) => aggregate(a, 'moved x', 'true', ['x.street', 'x.county', 'x.city', `(${ANCHOR_AT[a]} at time zone '${STATS_TIME_ZONE}')::date`])).join('\n    union all\n    ')}),
  rolled as (
    select g0 as area, g3 as day, dim, key, ${sumsOf(MEASURE_NAMES)} from leaf where g0 is not null group by 1, 2, 3, 4
    union all
    select g1, g3, dim, key, ${sumsOf(MEASURE_NAMES)} from leaf where g1 <> g2 group by 1, 2, 3, 4
    union all
    select g2, g3, dim, key, ${sumsOf(MEASURE_NAMES)} from leaf group by 1, 2, 3, 4),
  merged as (
    insert into {schema}.petition_stats_day as d (area, day, dim, key, ${MEASURE_NAMES.join(', ')})
    select area, day, dim, key, ${MEASURE_NAMES.join(', ')} from rolled
    on conflict (area, day, dim, key) do update set ${MEASURE_NAMES.map((m) => `${m} = d.${m} + excluded.${m}`).join(', ')}
    returning 1)
  select (select count(*) from moved)::int as moved, (select count(*) from merged)::int as merged`;

/** Where an instant counts: a petition's in [$4, $6) or [$7, $5), a delta's in [$6, $7). */
const inRange = (at: string) => `case when x.delta then ${at} >= $6 and ${at} < $7 else (${at} >= $4 and ${at} < $6) or (${at} >= $7 and ${at} < $5) end`;
const SCOPE = (a: string) => `(${a}.region = $1 or ${a}.region like $2)`;
const COUNTY = (a: string) => `($3::text is null or ${a}.county = $3)`;

/**
 * The statistics of a subtree over a period, in one statement. Parameters: $1 region, $2 the LIKE
 * pattern of its subtree, $3 its county (null for the city), $4 from, $5 to, $6–$7 the whole days
 * the rollup answers for ($6 = $7: none), $8 now, $9 the community of a grid (else null).
 *
 * Petitions are read row by row where they count in [$4, $6) or [$7, $5); the rollup and the
 * deltas not folded yet cover [$6, $7). One row of JSON and counts.
 */
const STATS = `with recursive
  -- The counties, for the city: a loose index scan (one probe per county), so that the city's
  -- partial days are read through the counties' indexes.
  counties(county) as (
    select min(county) from {schema}.petition
    union all
    select (select min(p.county) from {schema}.petition p where p.county > c.county) from counties c where c.county is not null),
  src as materialized (
    select 1 as w, false as delta, ${COLUMNS.map((c) => `p.${c}`).join(', ')}
    from {schema}.petition p
    where ${COUNTY('p')} and ($3::text is not null or p.county = any (array(select county from counties where county is not null))) and ${SCOPE('p')}
      and ((p.created_at >= $4 and p.created_at < $6) or (p.created_at >= $7 and p.created_at < $5)
        or (p.state = 'closed' and p.closed_at >= $4 and p.closed_at < $6) or (p.state = 'closed' and p.closed_at >= $7 and p.closed_at < $5)
        or (p.rated_at >= $4 and p.rated_at < $6) or (p.rated_at >= $7 and p.rated_at < $5))
    union all
    select x.sign, true, ${COLUMNS.map((c) => `x.${c}`).join(', ')}
    from {schema}.petition_stats_delta x
    where $6 < $7 and ${SCOPE('x')}),
  counted as (
    ${ANCHORS.map((a) => aggregate(a, 'src x', inRange(ANCHOR_AT[a]))).join('\n    union all\n    ')}
    union all
    select dim, key, ${MEASURE_NAMES.join(', ')} from {schema}.petition_stats_day
    where area = $1 and day >= ($6::timestamptz at time zone '${STATS_TIME_ZONE}')::date and day < ($7::timestamptz at time zone '${STATS_TIME_ZONE}')::date),
  majors as (select distinct on (major_key) major_key, major_name_zh from {schema}.category order by major_key, current desc, version desc),
  totals as (
    select t.dim, t.key, coalesce(m.major_name_zh, r.name) as label, ${MEASURE_NAMES.filter((m) => m !== 'handling_ms').map((m) => `t.${m}`).join(', ')},
      t.handling_ms / ${DAY_MS}.0 as handling_days
    from (select dim, key, ${sumsOf(MEASURE_NAMES)} from counted group by dim, key) t
    left join majors m on t.dim = 'major' and m.major_key = t.key
    left join {schema}.department_ref r on t.dim = 'department' and r.id::text = t.key),
  whistles as (
    select count(*)::int as n, count(*) filter (where w.acknowledged_at > w.ack_deadline or (w.acknowledged_at is null and w.ack_deadline < $8))::int as late
    from {schema}.whistle w
    where ${COUNTY('w')} and w.blown_at >= $4 and w.blown_at < $5
      and (w.community = $1 or w.community like $2
        or (w.community = $9 and exists (select 1 from {schema}.petition p where p.id = w.petition_id and ${SCOPE('p')}))))
  select (select json_agg(t) from totals t) as totals,
    (select json_agg(json_build_object('key', m.major_key, 'labelZh', m.major_name_zh) order by m.major_key) from majors m) as majors,
    (select count(*)::int from {schema}.petition p where p.state in ${OPEN} and p.deadline < $8 and ${COUNTY('p')} and ${SCOPE('p')}) as overdue_open,
    (select count(*)::int from {schema}.petition p
      where p.screened_at is null and p.created_at >= greatest($4, $8::timestamptz - interval '${RESPONSE_WINDOW_HOURS} hours') and p.created_at < $5
        and ${COUNTY('p')} and ${SCOPE('p')}) as awaiting_response,
    w.n as whistles, w.late as whistles_late
  from whistles w`;

/** Open petitions past their deadline, the most overdue first. $1 region, $2 pattern, $3 county, $4 now, $5 limit. */
const OVERDUE = `select p.id, p.tracking_code as "trackingCode", c.name_zh as "categoryNameZh", p.title, p.region, p.level, p.deadline
  from {schema}.petition p join {schema}.category c on c.id = p.category_id
  where p.state in ${OPEN} and p.deadline < $4 and ${COUNTY('p')} and ${SCOPE('p')}
  order by p.deadline, p.id limit $5`;

/** Sums over a period, of everything (dim `all`) or of one key of a dimension. */
export interface StatsCounts {
  /** Submitted in the period. */
  intake: number;
  /** … of those, screened within RESPONSE_WINDOW_HOURS. */
  responded: number;
  /** … screened as valid. */
  valid: number;
  /** … resolved or closed by now. */
  resolved: number;
  /** … escalated at least once. */
  escalated: number;
  /** Closed in the period. */
  closed: number;
  /** … of those, resolved by their deadline. */
  closedOnTime: number;
  /** … their days from submission to resolution, summed. */
  handlingDays: number;
  /** Rated in the period. */
  rated: number;
  /** … of those, with SATISFIED_FROM_RATING stars or more. */
  satisfied: number;
  ratingSum: number;
}

export interface StatsKeyed extends StatsCounts {
  key: string;
  /** The major category's Chinese name, or the department's name (null when unknown). */
  label: string | null;
}

export interface StatsRecord {
  total: StatsCounts;
  channels: StatsKeyed[];
  majors: StatsKeyed[];
  departments: StatsKeyed[];
  /** Every major category of the taxonomy (current names), counted or not. */
  majorLabels: { key: string; labelZh: string }[];
  /** Submitted in the period less than RESPONSE_WINDOW_HOURS ago and not screened yet: not due a response. */
  awaitingResponse: number;
  overdueOpen: number;
  whistles: number;
  whistlesLate: number;
}

export interface OverdueRecord {
  id: string;
  trackingCode: string;
  categoryNameZh: string;
  title: string;
  region: string;
  level: Level | null;
  deadline: Date;
}

interface TotalRow {
  dim: 'all' | 'channel' | 'major' | 'department';
  key: string;
  label: string | null;
  intake: number;
  responded: number;
  valid: number;
  resolved: number;
  escalated: number;
  closed: number;
  closed_on_time: number;
  handling_days: number;
  rated: number;
  satisfied: number;
  rating_sum: number;
}

interface StatsRow {
  totals: TotalRow[] | null;
  majors: { key: string; labelZh: string }[] | null;
  overdue_open: number;
  awaiting_response: number;
  whistles: number;
  whistles_late: number;
}

const ZERO: StatsCounts = { intake: 0, responded: 0, valid: 0, resolved: 0, escalated: 0, closed: 0, closedOnTime: 0, handlingDays: 0, rated: 0, satisfied: 0, ratingSum: 0 };

/** Start of the China Standard Time day `at` (ms) falls in. */
function cstDayStart(at: number): number {
  return Math.floor((at + CST_OFFSET_MS) / DAY_MS) * DAY_MS - CST_OFFSET_MS;
}

/**
 * The whole CST days of [from, to) the rollup answers for `region`: for the city, counties and
 * streets only. None is [to, to).
 */
export function rollupWindow(region: string, from: Date, to: Date): { start: Date; end: Date } {
  const none = { start: to, end: to };
  if (region.split('/').length > MAX_ROLLUP_DEPTH) return none;
  const start = cstDayStart(from.getTime() + DAY_MS - 1);
  const end = cstDayStart(to.getTime());
  return end > start ? { start: new Date(start), end: new Date(end) } : none;
}

const ancestor = (region: string, depth: number): string | null => (region.split('/').length >= depth ? region.split('/').slice(0, depth).join('/') : null);

/**
 * Live statistics of petitions (docs/petition-stats.md). Each question is one statement on the
 * ORM's pool, sent unnamed so that PostgreSQL plans it with its values: a county's period and a
 * grid's need different indexes, which one generic plan would not choose.
 */
@Injectable()
export class StatsRepository {
  #pool: Promise<Pool> | undefined;
  readonly #texts = new Map<string, string>();

  constructor(
    private readonly orm: MikroORM,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async stats(region: string, from: Date, to: Date, now: Date): Promise<StatsRecord> {
    const window = rollupWindow(region, from, to);
    const depth = region.split('/').length;
    const [row] = await this.query<StatsRow>('stats', STATS, [
      region,
      belowPattern(region),
      ancestor(region, COUNTY_DEPTH),
      from,
      to,
      window.start,
      window.end,
      now,
      depth > COMMUNITY_DEPTH ? ancestor(region, COMMUNITY_DEPTH) : null,
    ]);
    const out: StatsRecord = {
      total: { ...ZERO },
      channels: [],
      majors: [],
      departments: [],
      majorLabels: row!.majors ?? [],
      awaitingResponse: row!.awaiting_response,
      overdueOpen: row!.overdue_open,
      whistles: row!.whistles,
      whistlesLate: row!.whistles_late,
    };
    for (const t of row!.totals ?? []) {
      const counts = countsOf(t);
      if (t.dim === 'all') out.total = counts;
      else ({ channel: out.channels, major: out.majors, department: out.departments })[t.dim].push({ ...counts, key: t.key, label: t.label });
    }
    return out;
  }

  async overdue(region: string, now: Date, limit: number): Promise<OverdueRecord[]> {
    const rows = await this.query<Omit<OverdueRecord, 'deadline'> & { deadline: Date | string }>('overdue', OVERDUE, [region, belowPattern(region), ancestor(region, COUNTY_DEPTH), now, limit]);
    // The ORM's pool may leave timestamps as text.
    return rows.map((r) => ({ ...r, deadline: new Date(r.deadline) }));
  }

  /** Folds up to `limit` deltas into the rollup in one transaction; answers how many it folded. */
  async compact(limit: number): Promise<number> {
    const client = await (await this.pool()).connect();
    try {
      await client.query('begin');
      // A background batch of up to some hundred thousand rows: sorting them in memory beats
      // spilling them, and compiling the statement (JIT) would cost more than it saves.
      await client.query(`set local work_mem = '${COMPACT_WORK_MEM}'`);
      await client.query('set local jit = off');
      const { rows } = await client.query<{ moved: number }>(this.text('compact', COMPACT), [limit]);
      await client.query('commit');
      return rows[0]?.moved ?? 0;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Deltas not folded yet. */
  async pendingDeltas(): Promise<number> {
    const [r] = await this.query<{ n: number }>('pending', `select count(*)::int as n from {schema}.petition_stats_delta`, []);
    return r?.n ?? 0;
  }

  private async query<R>(name: string, text: string, values: unknown[]): Promise<R[]> {
    return (await (await this.pool()).query<R & object>(this.text(name, text), values)).rows;
  }

  private pool(): Promise<Pool> {
    // The ORM's own pool (as PreparedReads uses it): statements outside its unit of work.
    this.#pool ??= Promise.resolve(this.orm.em.getConnection().getNativeClient());
    return this.#pool;
  }

  private text(name: string, text: string): string {
    let sql = this.#texts.get(name);
    if (sql === undefined) {
      sql = text.replaceAll('{schema}', `"${this.schema}"`);
      this.#texts.set(name, sql);
    }
    return sql;
  }
}

function countsOf(t: TotalRow): StatsCounts {
  return {
    intake: t.intake,
    responded: t.responded,
    valid: t.valid,
    resolved: t.resolved,
    escalated: t.escalated,
    closed: t.closed,
    closedOnTime: t.closed_on_time,
    handlingDays: Number(t.handling_days),
    rated: t.rated,
    satisfied: t.satisfied,
    ratingSum: t.rating_sum,
  };
}
