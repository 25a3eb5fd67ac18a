#!/usr/bin/env node
// The petitions benchmark's dataset (bench/README.md, "Petitions benchmark"): a year of petitions
// (诉求) of two counties, written straight into a migrated petitions schema with set-based SQL,
// for the live statistics (petitionStats) to read.
//
// - Territory: the two demo counties of the tasks benchmark's city (bench/tasks-generate.mjs
//   `territory`, same seed): jingmen/dongbao and jingmen/duodao, their streets, communities and
//   4–10 grids per community; the demo's own streets and communities come first.
// - department_ref: one department per county for every functional name the taxonomy routes to
//   (东宝区住房和城乡建设局, 掇刀区住房和城乡建设局, …), as identity's unit events would bring them.
// - petition: BENCH_PETITIONS (1,000,000) rows over the 365 days before the anchor (the minute the
//   run starts), 55% in dongbao and 45% in duodao; within a county, grids are drawn with a skew
//   towards the first communities (grid rank r with density ∝ r^(-0.4)). Channels qr 30%,
//   hotline 22%, photo 15%, steward_app 15%, door_knock 8%, sentinel 6%, mailbox 4%. Categories:
//   one of the 117 current minor categories with a skew (rank r with density ∝ r^(-1/3)); the
//   deadline is the category's time limit after submission.
//   Screening: 95% within 24 h (most within a few hours), the rest 1–4 days later; outcomes valid
//   90%, merged 3%, invalid 3%, not_responsible 2%, referred 2% (the last three closed when
//   screened). A valid petition goes to the category's default level (a department of its county
//   for `department`), is accepted after a fifth of its handling time and resolved after
//   8–88% of its time limit (1.5% late: 100–160%); 72% are rated 0–3 days after resolution (5★ 60%,
//   4★ 27%, 3★ 13%: each closes it), the others close unrated after 7 days, as the sweep does.
//   Whatever lies after the anchor has not happened yet: a recent petition is still submitted,
//   assigned, accepted or resolved. 4% were escalated once and 1% twice (supervised).
// - whistle: about 1.5% of valid, screened petitions, blown by their community 2 h after screening
//   to a department of the county (20% urgent: 2 h to report, else 24 h); 90% acknowledged in
//   time, 7% late, 3% never.
// - petition_stats_delta: the statistics' delta of every petition in one statement, the per-row
//   trigger of migration 003-stats being off for the bulk insert (as the migration itself does for
//   the petitions it finds); the running service folds them into its rollup.
//
// Determinism: every id is md5(seed, key) as a version-8 uuid and every draw a slice of an md5, so
// a seed and an anchor give the same rows. The session runs with jit = off (the estimates of a
// generate_series join are far off and PostgreSQL would JIT-compile for seconds) and ends with
// VACUUM ANALYZE.
//
// As a module: `generatePetitionsData(client, { schema, seed, petitions, until, log })`
// (bench/petitions-run.mjs uses it). As a command (it migrates a schema of its own first, with
// apps/petitions/dist/migrate.js):
//   node bench/petitions-generate.mjs [--seed 20261204] [--petitions 1000000] [--schema benchgen_x] [--keep]
// Without --keep the schema is dropped at the end. DATABASE_URL, or tools/infra.mjs finds PostgreSQL.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CITY, territory } from './tasks-generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_SEED = 20261204;
/** The two counties petitions are generated for, with their Chinese names (department names start with them). */
export const COUNTIES = [
  { path: `${CITY}/dongbao`, nameZh: '东宝区', share: 0.55 },
  { path: `${CITY}/duodao`, nameZh: '掇刀区', share: 0.45 },
];
/** Cumulative channel shares, in the contract's order of CHANNELS where it matters not. */
const CHANNEL_CUTS = [
  ['qr', 0.3],
  ['hotline', 0.52],
  ['photo', 0.67],
  ['steward_app', 0.82],
  ['door_knock', 0.9],
  ['sentinel', 0.96],
  ['mailbox', 1],
];
/** Cumulative screening outcomes: the rest is valid. */
const OUTCOME_CUTS = [
  ['merged', 0.03],
  ['invalid', 0.06],
  ['not_responsible', 0.08],
  ['referred', 0.1],
];
const RATED_SHARE = 0.72;
const LATE_SHARE = 0.015;
const WHISTLE_SHARE = 0.015;
/** A resolved petition nobody rates closes after this many days (RATING_WINDOW_DAYS). */
const RATING_WINDOW_DAYS = 7;
/** Level clocks in hours (LEVEL_CLOCK_HOURS) and whistle report limits (WHISTLE_ACK_HOURS). */
const LEVEL_CLOCK_HOURS = { grid: 72, community: 120, street: 168, department: 240 };
const WHISTLE_ACK_HOURS = { normal: 24, urgent: 2 };
/** The columns the statistics' delta copies (migration 003-stats). */
const STATS_COLUMNS = 'county, region, channel, major_key, department_id, state, screened_at, escalations, created_at, closed_at, resolved_at, deadline, rated_at, rating';

/**
 * Writes the dataset into `schema` (migrated, with its taxonomy and no petitions yet). `client` is
 * a connected pg.Client. Returns { seconds, seed, until, steps: [{ step, seconds, rows }], counts,
 * grids: { <county>: [grid paths, busiest first] } }.
 */
export async function generatePetitionsData(client, { schema, seed = DEFAULT_SEED, petitions = 1_000_000, until = new Date(), log = () => {} }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  if (!Number.isInteger(petitions) || petitions < 1000) throw new Error('petitions must be an integer of at least 1000');
  const S = `"${schema}"`;
  const started = Date.now();
  const steps = [];
  const uid = (key) => `overlay(overlay(md5('${seed}:' || ${key}) placing '8' from 13 for 1) placing '8' from 17 for 1)::uuid`;
  /** The k-th 32-bit slice (0–3) of the md5 hex `h` as a number in [0, 1). */
  const slice = (h, k) => `(('x' || substr(${h}, ${1 + 8 * k}, 8))::bit(32)::bigint / 4294967296.0::float8)`;
  const cuts = (u, list, otherwise) => `case ${list.map(([v, c]) => `when ${u} < ${c} then '${v}'`).join(' ')} else '${otherwise}' end`;
  async function step(name, sql, values) {
    const t = Date.now();
    const r = await client.query(sql, values);
    const s = { step: name, seconds: (Date.now() - t) / 1000, rows: r.rowCount ?? 0 };
    steps.push(s);
    log(`generate: ${name}: ${s.rows} rows in ${s.seconds.toFixed(1)} s`);
    return r;
  }

  const existing = (await client.query(`select (select count(*) from ${S}.petition)::int as petitions, (select count(*) from ${S}.category where current)::int as categories`)).rows[0];
  if (existing.petitions > 0) throw new Error(`${schema} already has petitions; the generator needs a fresh, migrated schema`);
  if (existing.categories === 0) throw new Error(`${schema} has no taxonomy (migration 004-taxonomy)`);

  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  await client.query(`set work_mem = '64MB'`);
  await client.query(`set jit = off`);

  // The grids of the two counties, in the territory's order (the demo's communities first).
  const t = territory(seed, 1000);
  const grids = { path: [], county: [] };
  const byCounty = {};
  t.communities.path.forEach((community, i) => {
    const county = COUNTIES.find((c) => community.startsWith(`${c.path}/`));
    if (!county) return;
    for (let g = 1; g <= t.communities.grids[i]; g++) {
      const grid = `${community}/g${String(g).padStart(2, '0')}`;
      grids.path.push(grid);
      grids.county.push(county.path);
      (byCounty[county.path] ??= []).push(grid);
    }
  });
  const anchor = new Date(Math.floor(until.getTime() / 60_000) * 60_000);

  await step(
    'grids (temp table)',
    `create temp table bench_grid on commit preserve rows as
     select (row_number() over (partition by g.county order by g.ord) - 1)::int as rank, g.path, g.county,
            split_part(g.path, '/', 1) || '/' || split_part(g.path, '/', 2) || '/' || split_part(g.path, '/', 3) as street,
            split_part(g.path, '/', 1) || '/' || split_part(g.path, '/', 2) || '/' || split_part(g.path, '/', 3) || '/' || split_part(g.path, '/', 4) as community
     from unnest($1::text[], $2::text[]) with ordinality as g(path, county, ord)`,
    [grids.path, grids.county],
  );
  await client.query(`create unique index on bench_grid (county, rank)`);
  await step(
    'categories (temp table)',
    `create temp table bench_category on commit preserve rows as
     select (row_number() over (order by key) - 1)::int as rank, id, key, major_key, name_zh, time_limit_days, default_level, default_department
     from ${S}.category where current and not retired`,
  );
  await client.query(`create unique index on bench_category (rank)`);
  const nCategories = (await client.query(`select count(*)::int as n from bench_category`)).rows[0].n;
  await step(
    'departments (department_ref)',
    `insert into ${S}.department_ref (id, code, name, region, updated_at)
     select ${uid(`'department:' || c.county || ':' || d.name`)}, 'B' || c.ord || lpad(d.ord::text, 2, '0'), c.name_zh || d.name, c.county, $3::timestamptz
     from unnest($1::text[], $2::text[]) with ordinality as c(county, name_zh, ord)
     cross join (select name, row_number() over (order by name) as ord
                 from (select distinct default_department as name from bench_category where default_department is not null) x) d`,
    [COUNTIES.map((c) => c.path), COUNTIES.map((c) => c.nameZh), anchor],
  );
  const countyCounts = COUNTIES.map((c) => byCounty[c.path].length);

  // One row per petition: where, when, what, and the instants of its life (some after the anchor:
  // not yet happened). Each draw is a slice of one of three md5s; `offset 0` keeps PostgreSQL from
  // computing an md5 once per slice.
  await step(
    'petition draws (temp table)',
    `create temp table bench_draw on commit preserve rows as
     select i, h0, h1, h2,
            case when ${slice('h0', 0)} < $2 then $3 else $4 end as county,
            case when ${slice('h0', 0)} < $2 then floor($5 * power(${slice('h0', 0)} / $2, 1.6667))::int
                 else floor($6 * power((${slice('h0', 0)} - $2) / (1 - $2), 1.6667))::int end as grid_rank,
            $1::timestamptz - ${slice('h0', 1)} * interval '365 days' as created_at,
            ${cuts(slice('h0', 2), CHANNEL_CUTS.slice(0, -1), CHANNEL_CUTS.at(-1)[0])} as channel,
            least(floor($7 * power(${slice('h0', 3)}, 1.5))::int, $7 - 1) as category_rank,
            ${cuts(slice('h1', 0), OUTCOME_CUTS, 'valid')} as outcome,
            case when ${slice('h1', 1)} < 0.95 then power(${slice('h1', 2)}, 2) * interval '24 hours'
                 else interval '24 hours' + ${slice('h1', 2)} * interval '72 hours' end as screen_delay,
            case when ${slice('h2', 0)} < ${LATE_SHARE} then 1 + 0.6 * ${slice('h1', 3)} else 0.08 + 0.8 * power(${slice('h1', 3)}, 1.8) end as handling_share,
            ${slice('h2', 1)} < ${RATED_SHARE} as rated,
            case when ${slice('h2', 2)} < 0.6 then 5 when ${slice('h2', 2)} < 0.87 then 4 else 3 end as rating,
            ${slice('h2', 2)} * interval '3 days' as rating_delay,
            case when ${slice('h2', 3)} < 0.01 then 2 when ${slice('h2', 3)} < 0.05 then 1 else 0 end as escalations
     from generate_series(1, $8::int) i
     cross join lateral (select md5('${seed}:p:' || i) as h0, md5('${seed}:q:' || i) as h1, md5('${seed}:r:' || i) as h2 offset 0) h`,
    [anchor, COUNTIES[0].share, COUNTIES[0].path, COUNTIES[1].path, countyCounts[0], countyCounts[1], nCategories, petitions],
  );
  // The instants, and the state they add up to at the anchor.
  await step(
    'petition lives (temp table)',
    `create temp table bench_life on commit preserve rows as
     select d.i, d.h0, d.channel, d.outcome, d.escalations, d.rated, d.rating, d.created_at,
            g.path as region, g.county, g.street, g.community,
            c.id as category_id, c.key as category_key, c.major_key, c.name_zh, c.time_limit_days, c.default_level, c.default_department,
            d.created_at + c.time_limit_days * interval '1 day' as deadline,
            x.screened_at, x.resolved_at, x.screened_at + (x.resolved_at - x.screened_at) / 5 as accepted_at,
            case when d.rated then x.resolved_at + d.rating_delay else x.resolved_at + interval '${RATING_WINDOW_DAYS} days' end as closed_at
     from bench_draw d
     join bench_grid g on g.county = d.county and g.rank = d.grid_rank
     join bench_category c on c.rank = d.category_rank
     cross join lateral (select d.created_at + d.screen_delay as screened_at,
                                greatest(d.created_at + d.screen_delay + interval '1 hour', d.created_at + c.time_limit_days * d.handling_share * interval '1 day') as resolved_at) x`,
  );
  await client.query(`drop table bench_draw`);
  const A = '$1::timestamptz';
  const happened = (col) => `(${col} <= ${A})`;
  // The statistics' trigger (migration 003-stats) would run once per row; its deltas are written
  // below in one statement instead, as that migration does for existing petitions.
  await client.query(`alter table ${S}.petition disable trigger petition_stats_insert`);
  try {
    await step(
      'petition',
      `insert into ${S}.petition (id, tracking_code, submitter_key_hash, channel, state, category_id, category_key, major_key, title, description,
         region, county, building_id, building_name, compound, location, six_prevention, anonymous, contact_enc, contact_masked, submitted_by,
         submitted_by_person, priority, level, assignee_region, department_id, level_deadline, deadline, escalations, supervised,
         screened_at, accepted_at, result, resolved_at, rating, rating_comment, rated_at, created_at, updated_at, closed_at)
       select ${uid(`'petition:' || l.i`)},
              upper(substr(l.h0, 1, 4) || '-' || substr(l.h0, 5, 4) || '-' || substr(l.h0, 9, 4)),
              encode(sha256(('${seed}:key:' || l.i)::bytea), 'hex'),
              l.channel, s.state, l.category_id, l.category_key, l.major_key, l.name_zh,
              '压测诉求' || l.i || '：' || l.name_zh || '，请尽快处理。居民反映已有一段时间，影响日常生活。',
              l.region, l.county, null, null, null,
              case when l.channel = 'photo' then public.st_setsrid(public.st_makepoint(112.1 + ${slice('l.h0', 1)} * 0.2, 30.9 + ${slice('l.h0', 2)} * 0.2), 4326)::public.geography end,
              case when l.channel = 'sentinel' then 'fire' end,
              l.channel in ('qr', 'photo') and ${slice('l.h0', 3)} < 0.5,
              case when not (l.channel in ('qr', 'photo') and ${slice('l.h0', 3)} < 0.5) then 'v1:' || md5('${seed}:contact:' || l.i) end,
              case when not (l.channel in ('qr', 'photo') and ${slice('l.h0', 3)} < 0.5) then '张** 139****' || lpad((l.i % 10000)::text, 4, '0') end,
              case when l.channel not in ('qr', 'photo') then ${uid(`'staff:' || l.community`)} end,
              null, 2,
              s.level,
              case s.level when 'grid' then l.region when 'community' then l.community when 'street' then l.street when 'department' then l.county end,
              case when s.level = 'department' then ${uid(`'department:' || l.county || ':' || l.default_department`)} end,
              case when s.state in ('assigned', 'accepted', 'in_progress') then l.screened_at + case s.level ${Object.entries(LEVEL_CLOCK_HOURS).map(([k, h]) => `when '${k}' then ${h}`).join(' ')} end * interval '1 hour' end,
              l.deadline,
              case when s.handled then l.escalations else 0 end, s.handled and l.escalations > 0,
              case when s.screened then l.screened_at end,
              case when s.state in ('accepted', 'in_progress', 'resolved', 'closed') then l.accepted_at end,
              case when s.state in ('resolved', 'closed') then '已处理：' || l.name_zh end,
              case when s.state in ('resolved', 'closed') then l.resolved_at end,
              case when s.state = 'closed' and l.rated then l.rating end, null,
              case when s.state = 'closed' and l.rated then l.closed_at end,
              l.created_at,
              greatest(l.created_at, case when s.state = 'closed' then l.closed_at when s.state = 'resolved' then l.resolved_at when s.screened then l.screened_at else l.created_at end),
              case when s.state = 'closed' then l.closed_at when s.state in ('invalid', 'not_responsible', 'referred') then l.screened_at end
       from bench_life l
       cross join lateral (
         select st.state, st.state not in ('submitted', 'merged', 'invalid', 'not_responsible', 'referred') as handled, st.state <> 'submitted' as screened,
                case when st.state in ('assigned', 'accepted', 'in_progress', 'resolved', 'closed') then
                  case when l.default_level = 'department' then 'department' else l.default_level end end as level
         from (select case when not ${happened('l.screened_at')} then 'submitted'
                           when l.outcome <> 'valid' then l.outcome
                           when ${happened('l.closed_at')} then 'closed'
                           when ${happened('l.resolved_at')} then 'resolved'
                           when ${happened('l.accepted_at')} then 'in_progress'
                           else 'assigned' end as state) st) s
       order by l.created_at`,
      [anchor],
    );
  } finally {
    await client.query(`alter table ${S}.petition enable trigger petition_stats_insert`);
  }
  await client.query(`drop table bench_life`);
  await step(
    'statistics deltas (petition_stats_delta)',
    `insert into ${S}.petition_stats_delta (sign, ${STATS_COLUMNS}) select 1, ${STATS_COLUMNS} from ${S}.petition order by seq`,
  );
  // Whistles: a community summons a department of its county about one of its petitions.
  await step(
    'whistle',
    `insert into ${S}.whistle (id, petition_id, community, county, department_id, urgency, reason, blown_at, blown_by, ack_deadline, acknowledged_at, acknowledged_by, ack_note)
     select ${uid(`'whistle:' || p.id`)}, p.id, w.community, p.county, d.id, w.urgency, '社区吹哨：' || p.title,
            w.blown_at, ${uid(`'staff:' || w.community`)}, w.ack_deadline,
            case when w.ack_at <= ${A} then w.ack_at end, case when w.ack_at <= ${A} then ${uid(`'handler:' || d.id`)} end, case when w.ack_at <= ${A} then '已报到' end
     from ${S}.petition p
     cross join lateral (select md5('${seed}:w:' || p.id) as h offset 0) h
     cross join lateral (
       select split_part(p.region, '/', 1) || '/' || split_part(p.region, '/', 2) || '/' || split_part(p.region, '/', 3) || '/' || split_part(p.region, '/', 4) as community,
              case when ${slice('h.h', 1)} < 0.2 then 'urgent' else 'normal' end as urgency,
              p.screened_at + interval '2 hours' as blown_at) w0
     cross join lateral (
       select w0.*, w0.blown_at + case w0.urgency when 'urgent' then ${WHISTLE_ACK_HOURS.urgent} else ${WHISTLE_ACK_HOURS.normal} end * interval '1 hour' as ack_deadline) w1
     cross join lateral (
       select w1.*, case when ${slice('h.h', 2)} < 0.9 then w1.blown_at + (w1.ack_deadline - w1.blown_at) * ${slice('h.h', 2)}
                         when ${slice('h.h', 2)} < 0.97 then w1.ack_deadline + ${slice('h.h', 2)} * interval '12 hours' end as ack_at) w
     join lateral (select id from ${S}.department_ref r where r.region = p.county order by md5(r.id::text || h.h) limit 1) d on true
     where p.screened_at is not null and p.state not in ('merged', 'invalid', 'not_responsible', 'referred')
       and ${slice('h.h', 0)} < ${WHISTLE_SHARE} and w.blown_at <= ${A}`,
    [anchor],
  );
  // The sequences and the statistics PostgreSQL plans with; autovacuum would otherwise start on
  // these tables in the middle of a run.
  const tv = Date.now();
  for (const table of ['department_ref', 'petition', 'whistle', 'petition_stats_delta']) await client.query(`vacuum (analyze) ${S}.${table}`);
  steps.push({ step: 'vacuum analyze', seconds: (Date.now() - tv) / 1000, rows: 0 });
  log(`generate: vacuum analyze in ${((Date.now() - tv) / 1000).toFixed(1)} s`);
  await client.query(`drop table bench_grid; drop table bench_category`);
  await client.query(`reset synchronous_commit; reset maintenance_work_mem; reset work_mem; reset jit`);

  const counts = (
    await client.query(`select (select count(*) from ${S}.petition)::int as petition, (select count(*) from ${S}.whistle)::int as whistle,
            (select count(*) from ${S}.department_ref)::int as department_ref, $1::int as grids,
            (select json_object_agg(state, n) from (select state, count(*)::int as n from ${S}.petition group by state order by state) s) as states`, [grids.path.length])
  ).rows[0];
  // Busiest grids first (by the skew: rank 0 of each county), for the runner's submissions.
  return { seconds: (Date.now() - started) / 1000, seed, until: anchor.toISOString(), steps, counts, grids: byCounty };
}

/** `node apps/petitions/dist/migrate.js` on `schema`; throws with its output when it fails. */
export function migratePetitions(databaseUrl, schema) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'apps/petitions/dist/migrate.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, DB_SCHEMA: schema, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`petitions migration of ${schema} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(-500)}`);
}

// ---------------------------------------------------------------------------------------------
// command line

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? DEFAULT_SEED);
  const petitions = Number(arg('petitions') ?? 1_000_000);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const keep = process.argv.includes('--keep');
  const schema = arg('schema') ?? `benchgen_${randomBytes(4).toString('hex')}`;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { ensureInfra } = await import('../tools/infra.mjs');
    databaseUrl = (await ensureInfra({ log: (l) => console.error(l) })).databaseUrl;
  }
  const t0 = Date.now();
  const log = (line) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let code = 0;
  try {
    log(`migrating petitions into schema ${schema}`);
    migratePetitions(databaseUrl, schema);
    log(`generating ${petitions} petitions (seed ${seed})`);
    const out = await generatePetitionsData(client, { schema, seed, petitions, log });
    console.log(JSON.stringify({ schema, seed, until: out.until, seconds: out.seconds, counts: out.counts }, null, 2));
    log(`dataset built in ${out.seconds.toFixed(1)} s`);
  } catch (err) {
    console.error(`petitions-generate failed: ${err.message}`);
    code = 1;
  } finally {
    if (!keep) {
      await client.query(`drop schema if exists "${schema}" cascade`).catch((e) => console.error(`could not drop ${schema}: ${e.message}`));
      log(`dropped schema ${schema}`);
    } else log(`kept schema ${schema} (drop schema "${schema}" cascade when done)`);
    await client.end();
  }
  process.exit(code);
}
