import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/**
 * Who a steward ranking lists: the stewards of a community (index points_period_community), of a
 * number class in a community (the same index, class filtered) or in a county (points_period_class,
 * community filtered), or of a unit (points_period_unit). Community, class and unit are those of
 * the steward's last posting in the period (points_period's columns).
 */
export type RankingScopeRef =
  | { key: 'community'; community: string }
  | { key: 'classInCommunity'; community: string; class: number }
  | { key: 'classInCounty'; county: string; class: number }
  | { key: 'unit'; unitId: string };
export type RankingScopeKey = RankingScopeRef['key'];

export interface RankingRow {
  stewardId: string;
  number: string;
  points: number;
}

/** A page of a ranking and where its first row stands: `above` earn more, `tiedBefore` earn as much and sort before it. */
export interface RankingPageRows {
  rows: RankingRow[];
  above: number;
  tiedBefore: number;
}

/** A steward's row for a period: what they earned and where (community, class, unit at their last posting). */
export interface StandingRow {
  points: number;
  community: string;
  class: number;
  unitId: string;
}

export interface UnitScoreRow {
  rank: number;
  unitId: string;
  name: string;
  region: string;
  members: number;
  points: number;
  score: number;
}

/** A candidate's unit in a quarter (the unit they earned for then, else their unit now) and its score. */
export interface QuarterUnitRow {
  stewardId: string;
  quarter: string;
  unitId: string;
  /** Null when the unit is not in the read model (yet). */
  region: string | null;
  members: number;
  points: number;
  score: number;
}

export interface CandidateRow {
  stewardId: string;
  number: string;
  points: number;
}

export interface StarRow {
  stewardId: string;
  month: string;
  community: string;
}

export interface HonourConfigRow {
  county: string;
  starsPerCommunity: number;
  tierExcellent: number;
  tierGood: number;
  tierPass: number;
  updatedAt: Date | null;
}

/** Units a unit query covers: those whose region is one of `exact` or lies below one of `below` (paths). */
export interface UnitScope {
  exact: readonly string[];
  below: readonly string[];
}

/** The LIKE pattern of the regions strictly below `path`. */
function belowPattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => '\\' + c)}/%`;
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/** The parameters after the period ($1): $2 the community, county pattern or unit; $3 the class. */
function scopeParams(s: RankingScopeRef): (string | number)[] {
  switch (s.key) {
    case 'community':
      return [s.community];
    case 'classInCommunity':
      return [s.community, s.class];
    case 'classInCounty':
      return [belowPattern(s.county), s.class];
    case 'unit':
      return [s.unitId];
  }
}
const SCOPE_PARAMS: Record<RankingScopeKey, number> = { community: 1, classInCommunity: 2, classInCounty: 2, unit: 1 };
function scopeWhere(key: RankingScopeKey, a: string): string {
  switch (key) {
    case 'community':
      return `${a}.period = $1 and ${a}.community = $2`;
    case 'classInCommunity':
      return `${a}.period = $1 and ${a}.community = $2 and ${a}.class = $3`;
    case 'classInCounty':
      return `${a}.period = $1 and ${a}.class = $3 and ${a}.community like $2`;
    case 'unit':
      return `${a}.period = $1 and ${a}.unit_id = $2::uuid`;
  }
}

/**
 * A page in (points desc, steward id) order after the bound ($n+1 points, $n+2 steward id; the
 * first page passes the largest int and the nil uuid), with the two counts that place its first
 * row. Stewards with no points (or corrected down to none) in the period are not ranked.
 *
 * The index gives points in order but not the steward id within a tie, so the page is cut in two
 * steps that each stop early: `cut` walks the index for the page's lowest points, then `page`
 * sorts only the rows between the bound and that value (the page and the ties at its end) —
 * sorting a whole county's class to find twenty rows took 50–100 ms at 100,000 stewards.
 */
function pageRead(key: RankingScopeKey): HotRead {
  const n = 1 + SCOPE_PARAMS[key];
  const w = (a: string) => scopeWhere(key, a);
  const after = (a: string) => `${a}.points > 0 and ${a}.points <= $${n + 1} and (${a}.points < $${n + 1} or ${a}.steward_id > $${n + 2}::uuid)`;
  return {
    name: `tasks.rankings.page.${key}`,
    text: `with cut as (select min(c.points) as points from (
             select p.points from {schema}.points_period p where ${w('p')} and ${after('p')} order by p.points desc limit $${n + 3}) c),
           page as (
             select p.steward_id, p.points from {schema}.points_period p
             where ${w('p')} and ${after('p')} and p.points >= (select points from cut)
             order by p.points desc, p.steward_id limit $${n + 3}),
           head as (select steward_id, points from page order by points desc, steward_id limit 1)
           select pg.steward_id as "stewardId", s.number, pg.points,
             (select count(*) from {schema}.points_period p, head h where ${w('p')} and p.points > h.points)::int as above,
             (select count(*) from {schema}.points_period p, head h where ${w('p')} and p.points = h.points and p.steward_id < h.steward_id)::int as "tiedBefore"
           from page pg join {schema}.steward_ref s on s.id = pg.steward_id
           order by pg.points desc, pg.steward_id`,
  };
}

/** Stewards of the scope who earned more than $n+1 points. */
function aboveRead(key: RankingScopeKey): HotRead {
  const n = 1 + SCOPE_PARAMS[key];
  return { name: `tasks.rankings.above.${key}`, text: `select count(*)::int as above from {schema}.points_period p where ${scopeWhere(key, 'p')} and p.points > $${n + 1}` };
}

const KEYS: RankingScopeKey[] = ['community', 'classInCommunity', 'classInCounty', 'unit'];
const PAGE = Object.fromEntries(KEYS.map((k) => [k, pageRead(k)])) as Record<RankingScopeKey, HotRead>;
const ABOVE = Object.fromEntries(KEYS.map((k) => [k, aboveRead(k)])) as Record<RankingScopeKey, HotRead>;

const STANDING: HotRead = {
  name: 'tasks.rankings.standing',
  text: `select points, community, class, unit_id as "unitId" from {schema}.points_period where period = $1 and steward_id = $2`,
};
const COMMUNITY_KNOWN: HotRead = { name: 'tasks.rankings.communityKnown', text: `select exists (select 1 from {schema}.steward_ref where community = $1) as known` };
const UNIT_BY_ID: HotRead = { name: 'tasks.rankings.unitById', text: `select id, name, region from {schema}.unit_ref where id = $1` };

/** Score of a unit: its stewards' points over its members, to two decimals (0 without members). */
const SCORE = (points: string, members: string) => `(case when ${members} > 0 then round(${points}::numeric / ${members}, 2) else 0 end)::float8`;

/**
 * Every unit of the scope with stewards, its members (steward_ref_unit), the points earned for it
 * in the period (points_period_unit) and its score, best first with competition ranks.
 */
const UNIT_SCORES: HotRead = {
  name: 'tasks.rankings.unitScores',
  text: `with u as (select id, name, region from {schema}.unit_ref where region = any($2::text[]) or region like any($3::text[])),
              m as (select s.unit_id, count(*)::int as members from {schema}.steward_ref s where s.unit_id in (select id from u) group by s.unit_id),
              t as (select p.unit_id, sum(p.points)::int as points from {schema}.points_period p where p.period = $1 and p.unit_id in (select id from u) group by p.unit_id),
              x as (select u.id, u.name, u.region, m.members, coalesce(t.points, 0) as points, ${SCORE('coalesce(t.points, 0)', 'm.members')} as score
                    from u join m on m.unit_id = u.id left join t on t.unit_id = u.id)
         select rank() over (order by x.score desc)::int as rank, x.id as "unitId", x.name, x.region, x.members, x.points, x.score
         from x order by x.score desc, x.name, x.id`,
};

/** The top `$3` earners of a community in a month, and everyone tied with the last of them. */
const STARS: HotRead = {
  name: 'tasks.rankings.stars',
  text: `select p.steward_id as "stewardId", s.number, p.points
         from {schema}.points_period p join {schema}.steward_ref s on s.id = p.steward_id
         where p.period = $1 and p.community = $2 and p.points > 0
           and p.points >= coalesce((select q.points from {schema}.points_period q where q.period = $1 and q.community = $2 and q.points > 0
                                     order by q.points desc offset $3 - 1 limit 1), 0)
         order by p.points desc, p.steward_id`,
};

/**
 * The stars of every community of a county ($1: LIKE pattern of its subtree) in each month of $2:
 * first the cut (the N-th points) of each community and month, one top-N probe of
 * points_period_community each, then the rows at or above it by the same index. (Written as one
 * join, the planner hashed the county's whole year and probed the cut per row: seconds.)
 */
const COUNTY_STARS: HotRead = {
  name: 'tasks.rankings.countyStars',
  text: `with months as (select unnest($2::text[]) as period),
              communities as (select distinct community from {schema}.steward_ref where community like $1),
              cuts as materialized (
                select m.period, c.community,
                  (select q.points from {schema}.points_period q where q.period = m.period and q.community = c.community and q.points > 0
                   order by q.points desc offset $3 - 1 limit 1) as cut
                from months m cross join communities c)
         select p.steward_id as "stewardId", x.period as month, x.community
         from cuts x join {schema}.points_period p on p.period = x.period and p.community = x.community and p.points >= greatest(coalesce(x.cut, 1), 1)`,
};

const CANDIDATES: HotRead = {
  name: 'tasks.rankings.candidates',
  text: `select s.id as "stewardId", s.number, coalesce(y.points, 0) as points
         from {schema}.steward_ref s left join {schema}.points_period y on y.period = $2 and y.steward_id = s.id
         where s.id = any($1::uuid[])`,
};

const QUARTER_UNITS: HotRead = {
  name: 'tasks.rankings.quarterUnits',
  text: `with cq as (select s.id as steward_id, q.period as quarter, coalesce(pq.unit_id, s.unit_id) as unit_id
                   from {schema}.steward_ref s cross join unnest($2::text[]) as q(period)
                   left join {schema}.points_period pq on pq.period = q.period and pq.steward_id = s.id
                   where s.id = any($1::uuid[])),
              uq as (select distinct unit_id, quarter from cq),
              sc as materialized (select uq.unit_id, uq.quarter, u.region,
                       (select count(*) from {schema}.steward_ref s where s.unit_id = uq.unit_id)::int as members,
                       coalesce((select sum(p.points) from {schema}.points_period p where p.period = uq.quarter and p.unit_id = uq.unit_id), 0)::int as points
                     from uq left join {schema}.unit_ref u on u.id = uq.unit_id)
         select cq.steward_id as "stewardId", cq.quarter, cq.unit_id as "unitId", sc.region, sc.members, sc.points, ${SCORE('sc.points', 'sc.members')} as score
         from cq join sc on sc.unit_id = cq.unit_id and sc.quarter = cq.quarter
         order by cq.steward_id, cq.quarter`,
};

const CONFIG_COLUMNS = `county, stars_per_community as "starsPerCommunity", tier_excellent::float8 as "tierExcellent", tier_good::float8 as "tierGood",
  tier_pass::float8 as "tierPass", updated_at as "updatedAt"`;
const CONFIGS: HotRead = { name: 'tasks.rankings.configs', text: `select ${CONFIG_COLUMNS} from {schema}.honour_config where county = any($1::text[])` };

/**
 * Rankings and honours: reads of points_period (the ledger's per-period sums) and the read models,
 * prepared on the ORM's pool; the honour settings written in the caller's transaction.
 */
@Injectable()
export class RankingsRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /** Up to `limit` rows after `after` (points, steward id), or from the top. */
  async page(scope: RankingScopeRef, period: string, after: { points: number; stewardId: string } | null, limit: number): Promise<RankingPageRows> {
    const bound = after ?? { points: 2_147_483_647, stewardId: '00000000-0000-0000-0000-000000000000' };
    const rows = await this.reads.rows<RankingRow & { above: number; tiedBefore: number }>(PAGE[scope.key], [period, ...scopeParams(scope), bound.points, bound.stewardId, limit]);
    return {
      rows: rows.map((r) => ({ stewardId: r.stewardId, number: r.number, points: Number(r.points) })),
      above: rows[0]?.above ?? 0,
      tiedBefore: rows[0]?.tiedBefore ?? 0,
    };
  }

  /** Stewards of the scope who earned more than `points` in the period. */
  async above(scope: RankingScopeRef, period: string, points: number): Promise<number> {
    const [row] = await this.reads.rows<{ above: number }>(ABOVE[scope.key], [period, ...scopeParams(scope), points]);
    return row.above;
  }

  async standing(period: string, stewardId: string): Promise<StandingRow | null> {
    const [row] = await this.reads.rows<StandingRow>(STANDING, [period, stewardId]);
    return row ? { ...row, points: Number(row.points), class: Number(row.class) } : null;
  }

  /** A community is known when a steward belongs to it. */
  async communityKnown(community: string): Promise<boolean> {
    const [row] = await this.reads.rows<{ known: boolean }>(COMMUNITY_KNOWN, [community]);
    return row.known;
  }

  async unitById(id: string): Promise<{ id: string; name: string; region: string } | null> {
    return (await this.reads.rows<{ id: string; name: string; region: string }>(UNIT_BY_ID, [id]))[0] ?? null;
  }

  async unitScores(scope: UnitScope, period: string): Promise<UnitScoreRow[]> {
    return this.reads.rows<UnitScoreRow>(UNIT_SCORES, [period, scope.exact, scope.below.map(belowPattern)]);
  }

  async stars(month: string, community: string, n: number): Promise<RankingRow[]> {
    const rows = await this.reads.rows<RankingRow>(STARS, [month, community, n]);
    return rows.map((r) => ({ ...r, points: Number(r.points) }));
  }

  /** `county`: the county's path. */
  async countyStars(county: string, months: readonly string[], n: number): Promise<StarRow[]> {
    return this.reads.rows<StarRow>(COUNTY_STARS, [belowPattern(county), months, n]);
  }

  async candidates(stewardIds: readonly string[], year: string): Promise<CandidateRow[]> {
    const rows = await this.reads.rows<CandidateRow>(CANDIDATES, [uuidArray(stewardIds), year]);
    return rows.map((r) => ({ ...r, points: Number(r.points) }));
  }

  async quarterUnits(stewardIds: readonly string[], quarters: readonly string[]): Promise<QuarterUnitRow[]> {
    return this.reads.rows<QuarterUnitRow>(QUARTER_UNITS, [uuidArray(stewardIds), quarters]);
  }

  /** The stored settings of these counties (paths); counties without a row use the defaults. */
  async configs(counties: readonly string[]): Promise<HonourConfigRow[]> {
    return this.reads.rows<HonourConfigRow>(CONFIGS, [counties]);
  }

  /** The county's settings locked until commit (a row with the defaults is created first). */
  async lockConfig(em: EntityManager, county: string): Promise<HonourConfigRow> {
    await em.execute(`insert into ${this.s}.honour_config (county) values (?) on conflict do nothing`, [county]);
    const [row] = await em.execute<HonourConfigRow[]>(`select ${CONFIG_COLUMNS} from ${this.s}.honour_config where county = ? for update`, [county]);
    return row;
  }

  async saveConfig(em: EntityManager, c: Omit<HonourConfigRow, 'updatedAt'>): Promise<HonourConfigRow> {
    const [row] = await em.execute<HonourConfigRow[]>(
      `update ${this.s}.honour_config set stars_per_community = ?, tier_excellent = ?, tier_good = ?, tier_pass = ?, updated_at = now()
       where county = ? returning ${CONFIG_COLUMNS}`,
      [c.starsPerCommunity, c.tierExcellent, c.tierGood, c.tierPass, c.county],
    );
    return row;
  }
}
