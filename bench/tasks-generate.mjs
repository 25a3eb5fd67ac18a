#!/usr/bin/env node
// The tasks benchmark's dataset (bench/README.md, "Tasks benchmark"): the read models and the points
// ledger the rankings read, written straight into a migrated tasks schema with set-based SQL.
//
// - A territory in the demo city's naming: the city `jingmen`, its 7 counties (dongbao, duodao,
//   jingshan, shayang, zhongxiang, qujialing, zhanghe), 10–20 streets per county and 10–22
//   communities per street (1,637 with the default seed), 4–10 grids per community. The demo's own streets and
//   communities come first (jingmen/dongbao/longquan/xiangshan, …); the others are named by position (s07, m12).
// - unit_ref (about 2,000 units): one per community, one per street office, 30 per county (a
//   leaders' unit and 29 liaison units) and 5 of the city.
// - steward_ref: BENCH_STEWARDS (100,000) stewards spread over the communities by a Zipf-like
//   weight (1/√rank over a seeded permutation; xiangshan is rank 1, about 1.3% of all stewards),
//   classes 1–6 (3%, 12%, 10%, 25%, 30%, 20%), each in a grid of their community. Class 1 belongs to
//   the county's leaders' unit, class 2 to a liaison unit of the county (skewed: the first liaison
//   unit of a county has about a fifth of them), class 3 to the street office, classes 4–6 to their
//   community's unit (a quarter of them to a county liaison unit).
// - The ledger: BENCH_LEDGER_ENTRIES (1,000,000) points_entry rows, i.e. half as many balanced
//   points_txn (the steward's entry and the county pool's opposite entry). Task completions (92%,
//   5–20 points, emergencies up to 40), rating bonuses (5%, 2 points) and manual adjustments
//   (3%, 1–30, with a reason and an approver), at times spread evenly over the 365 days before the
//   anchor (the minute the run starts, or BENCH_LEDGER_UNTIL). Who earns is skewed too: the steward
//   of rank r (a seeded permutation) earns with probability ∝ r^(-1/3), so a few earn every few
//   days and some never. points_balance, points_period (year, quarter, month in China Standard
//   Time, with the steward's community, class and unit) and points_day are their sums, as the
//   posting code keeps them. The daily cap (60) is not applied to this history.
//
// Determinism: every id is md5(seed, key) as a version-8 uuid and every draw in SQL comes from
// md5(seed, key), the territory's jitter from a seeded PRNG; a seed and an anchor give the same rows.
//
// The ledger's balance check is a deferred constraint trigger that runs one query per inserted
// entry at commit; for the bulk load it is disabled, the balance of every transaction is checked
// with one set-based query instead (the run fails if any does not balance), and it is enabled
// again. It ends with VACUUM ANALYZE.
//
// As a module: `generateTasksData(client, { schema, seed, stewards, ledgerEntries, until, log })`
// (bench/tasks-run.mjs uses it). As a command (it migrates a schema of its own first, with
// apps/tasks/dist/migrate.js):
//   node bench/tasks-generate.mjs [--seed 20261203] [--stewards 100000] [--entries 1000000] [--schema benchgen_x] [--keep]
// Without --keep the schema is dropped at the end. DATABASE_URL, or tools/infra.mjs finds PostgreSQL.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { prng } from './grids-generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_SEED = 20261203;
export const CITY = 'jingmen';

/** The demo city's counties, with the demo's streets and communities first (apps/identity/src/seed/demo.ts). */
const COUNTIES = [
  { seg: 'dongbao', demo: [{ seg: 'longquan', communities: ['xiangshan', 'jinlongquan'] }, { seg: 'mahe', communities: ['mazui', 'qianhe'] }] },
  { seg: 'duodao', demo: [{ seg: 'duodaoshi', communities: ['baishipo', 'yueliangwan'] }, { seg: 'macheng', communities: ['leiji', 'sanlian'] }] },
  { seg: 'jingshan', demo: [] },
  { seg: 'shayang', demo: [] },
  { seg: 'zhongxiang', demo: [] },
  { seg: 'qujialing', demo: [] },
  { seg: 'zhanghe', demo: [] },
];
/** Units per county: [0] the leaders' unit (class 1), [1..] liaison units (class 2 and some of 4–6). */
const COUNTY_UNITS = 30;
const CITY_UNITS = 5;
/** Cumulative shares of classes 1–6. */
const CLASS_CUTS = [0.03, 0.15, 0.25, 0.5, 0.8];

const two = (n) => String(n).padStart(2, '0');

/**
 * Counties, streets and communities with their grid counts and steward counts, deterministic for a
 * seed. Returns column arrays for SQL plus the unit rows.
 */
export function territory(seed, stewards) {
  const rand = prng(seed);
  const communities = []; // { path, county, countyIdx, streetIdx, grids }
  const streets = []; // { path, countyIdx }
  COUNTIES.forEach((c, ci) => {
    const nStreets = 10 + Math.floor(rand() * 11);
    for (let si = 0; si < nStreets; si++) {
      const demo = c.demo[si];
      const streetSeg = demo?.seg ?? `s${two(si + 1)}`;
      const streetPath = `${CITY}/${c.seg}/${streetSeg}`;
      const streetIdx = streets.length;
      streets.push({ path: streetPath, countyIdx: ci });
      const nComm = 10 + Math.floor(rand() * 13);
      for (let mi = 0; mi < nComm; mi++) {
        const seg = demo?.communities[mi] ?? `m${two(mi + 1)}`;
        communities.push({ path: `${streetPath}/${seg}`, county: c.seg, countyIdx: ci, streetIdx, grids: 4 + Math.floor(rand() * 7) });
      }
    }
  });
  // Steward counts: weight 1/sqrt(rank) over a seeded permutation of the communities, with the
  // demo's xiangshan as rank 1; largest remainder so they add up to `stewards`.
  const order = communities.map((_, i) => i).slice(1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  order.unshift(0); // communities[0] is jingmen/dongbao/longquan/xiangshan
  const weight = new Array(communities.length);
  order.forEach((ci, rank) => (weight[ci] = 1 / Math.sqrt(rank + 1)));
  const total = weight.reduce((a, b) => a + b, 0);
  const exact = weight.map((w) => (w / total) * stewards);
  const counts = exact.map(Math.floor);
  let left = stewards - counts.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k++, left--) counts[byRemainder[k % byRemainder.length][1]]++;

  const units = { code: [], name: [], region: [] };
  const addUnit = (code, name, region) => {
    units.code.push(code);
    units.name.push(name);
    units.region.push(region);
  };
  for (let i = 0; i < CITY_UNITS; i++) addUnit(`JM${two(i + 1)}`, `荆门市压测单位${i + 1}`, CITY);
  COUNTIES.forEach((c, ci) => {
    for (let j = 0; j < COUNTY_UNITS; j++) addUnit(`K${ci + 1}${two(j)}`, j === 0 ? `${c.seg}区委（压测）` : `${c.seg}包联单位${j}（压测）`, `${CITY}/${c.seg}`);
  });
  streets.forEach((s, i) => addUnit(`S${String(i + 1).padStart(3, '0')}`, `${s.path.split('/').pop()}街道办事处（压测）`, s.path));
  communities.forEach((m, i) => addUnit(`C${String(i + 1).padStart(4, '0')}`, `${m.path.split('/').pop()}社区居委会（压测）`, m.path));

  return {
    counties: COUNTIES.map((c) => `${CITY}/${c.seg}`),
    streets,
    units,
    communities: {
      path: communities.map((m) => m.path),
      county: communities.map((m) => m.county),
      countyIdx: communities.map((m) => m.countyIdx + 1),
      streetIdx: communities.map((m) => m.streetIdx + 1),
      grids: communities.map((m) => m.grids),
      stewards: counts,
    },
  };
}

/** The periods (CST) of an instant, as the service's periodsOf. */
export function periodsOf(at) {
  const local = new Date(at.getTime() + 8 * 3600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  return { year: String(y), quarter: `${y}-Q${Math.ceil(m / 3)}`, month: `${y}-${two(m)}`, day: local.toISOString().slice(0, 10) };
}

function gcd(a, b) {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * Writes the dataset into `schema` (migrated, with no stewards yet). `client` is a connected
 * pg.Client. Returns { seconds, seed, until, steps: [{ step, seconds, rows }], counts }.
 */
export async function generateTasksData(client, { schema, seed = DEFAULT_SEED, stewards = 100_000, ledgerEntries = 1_000_000, until = new Date(), log = () => {} }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  if (!Number.isInteger(stewards) || stewards < 1000) throw new Error('stewards must be an integer of at least 1000');
  if (!Number.isInteger(ledgerEntries) || ledgerEntries < 2 || ledgerEntries % 2) throw new Error('ledger entries must be an even integer (two per transaction)');
  const S = `"${schema}"`;
  const started = Date.now();
  const steps = [];
  const uid = (key) => `overlay(overlay(md5('${seed}:' || ${key}) placing '8' from 13 for 1) placing '8' from 17 for 1)::uuid`;
  /** The k-th 32-bit slice (0–3) of the md5 hex `h` as a number in [0, 1). */
  const slice = (h, k) => `(('x' || substr(${h}, ${1 + 8 * k}, 8))::bit(32)::bigint / 4294967296.0::float8)`;
  async function step(name, sql, values) {
    const t = Date.now();
    const r = await client.query(sql, values);
    const s = { step: name, seconds: (Date.now() - t) / 1000, rows: r.rowCount ?? 0 };
    steps.push(s);
    log(`generate: ${name}: ${s.rows} rows in ${s.seconds.toFixed(1)} s`);
    return r;
  }

  const existing = (await client.query(`select (select count(*) from ${S}.points_entry)::int as entries, (select count(*) from ${S}.points_period)::int as periods`)).rows[0];
  if (existing.entries > 0 || existing.periods > 0) throw new Error(`${schema} already has a ledger; the generator needs a fresh, migrated schema`);

  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  await client.query(`set work_mem = '64MB'`);
  // The row estimates of unnest × generate_series are far too high and would make PostgreSQL JIT-compile
  // each statement (seconds of LLVM optimisation for a statement that runs in milliseconds).
  await client.query(`set jit = off`);

  const t = territory(seed, stewards);
  const anchor = new Date(Math.floor(until.getTime() / 60_000) * 60_000);
  const txns = ledgerEntries / 2;
  // A multiplier coprime with the number of stewards: rank r → steward (r * mult + off) mod N is a permutation.
  let mult = 1_000_003;
  while (gcd(mult, stewards) !== 1) mult += 2;
  const off = Math.floor(prng(seed + 7)() * stewards);

  await step(
    'units (unit_ref)',
    `insert into ${S}.unit_ref (id, name, region, updated_at)
     select ${uid(`'unit:' || u.code`)}, u.name, u.region, $4::timestamptz from unnest($1::text[], $2::text[], $3::text[]) as u(code, name, region)`,
    [t.units.code, t.units.name, t.units.region, anchor],
  );
  // Stewards, numbered 0…N-1 in community order (the permutation for the ledger works on these numbers).
  // Each row's draws are slices of one md5; `offset 0` keeps PostgreSQL from inlining the md5 into
  // every slice (computing it ten times a row).
  await step(
    'stewards (temp table)',
    `create temp table bench_steward on commit preserve rows as
     select (row_number() over (order by c.ord, k) - 1)::int as idx,
            ${uid(`'steward:' || c.path || ':' || k`)} as id, ${uid(`'person:' || c.path || ':' || k`)} as person_id,
            x.class, c.path as community, c.county, c.path || '/g' || lpad((1 + floor(${slice('x.h', 1)} * c.grids))::int::text, 2, '0') as grid,
            ${uid(`'unit:' || x.unit_code`)} as unit_id, x.unit_code, k
     from unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[]) with ordinality as c(path, county, county_idx, street_idx, grids, n, ord)
     cross join generate_series(1, c.n) k
     cross join lateral (select md5('${seed}:steward:' || c.path || ':' || k) as h offset 0) h0
     cross join lateral (
       select h0.h as h, cl.class,
              case when cl.class = 1 then 'K' || c.county_idx || '00'
                   when cl.class = 2 or (cl.class >= 4 and ${slice('h0.h', 2)} < 0.25)
                     then 'K' || c.county_idx || lpad((1 + floor(${COUNTY_UNITS - 1} * power(${slice('h0.h', 3)}, 2)))::int::text, 2, '0')
                   when cl.class = 3 then 'S' || lpad(c.street_idx::text, 3, '0')
                   else 'C' || lpad(c.ord::text, 4, '0') end as unit_code
       from (select case ${CLASS_CUTS.map((cut, i) => `when ${slice('h0.h', 0)} < ${cut} then ${i + 1}`).join(' ')} else 6 end as class) cl) x`,
    [t.communities.path, t.communities.county, t.communities.countyIdx, t.communities.streetIdx, t.communities.grids, t.communities.stewards],
  );
  await client.query(`create unique index on bench_steward (idx)`);
  await client.query(`analyze bench_steward`);
  await step(
    'stewards (steward_ref)',
    `insert into ${S}.steward_ref (id, person_id, number, class, unit_id, grid, community, reports_to_id, updated_at)
     select id, person_id, class || '-' || unit_code || '-' || upper(split_part(grid, '/', 5)) || '-0-' || lpad(k::text, 4, '0'), class, unit_id, grid, community, null, $1::timestamptz
     from bench_steward order by idx`,
    [anchor],
  );
  // The ledger's transactions: who (rank → steward by the permutation), what, how much and when.
  await step(
    'ledger transactions (temp table)',
    `create temp table bench_txn on commit preserve rows as
     select i, s.id as steward_id, s.county, s.community, s.class, s.unit_id, x.source_type,
            case x.source_type when 'rating_bonus' then 2
                               when 'manual_adjustment' then 1 + floor(30 * ${slice('x.h', 2)})::int
                               when 'task_completion' then case when ${slice('x.h', 2)} < 0.05 then 10 + 5 * floor(7 * ${slice('x.h', 3)})::int
                                                                 else (array[5, 8, 10, 10, 12, 15, 20])[1 + floor(7 * ${slice('x.h', 3)})::int] end end as amount,
            $2::timestamptz - (${slice('x.h', 0)} * interval '365 days') as at
     from generate_series(1, $1::int) i
     cross join lateral (select md5('${seed}:txn:' || i) as h offset 0) h0
     cross join lateral (select h0.h as h, case when ${slice('h0.h', 1)} < 0.92 then 'task_completion' when ${slice('h0.h', 1)} < 0.97 then 'rating_bonus' else 'manual_adjustment' end as source_type) x
     join bench_steward s on s.idx = ((floor($3::int * power(${slice(`md5('${seed}:who:' || i)`, 0)}, 1.5))::bigint * ${mult} + ${off}) % $3::int)::int`,
    [txns, anchor, stewards],
  );
  await step(
    'points_txn',
    `insert into ${S}.points_txn (id, source_type, source_id, county, memo, reason, approved_by_person, posted_by_person, at)
     select ${uid(`'txn:' || i`)}, source_type,
            case when source_type = 'manual_adjustment' then ${uid(`'adjustment:' || i`)}::text else ${uid(`'claim:' || i`)}::text end,
            county,
            case source_type when 'task_completion' then '完成任务：压测任务' || (i % 997) when 'rating_bonus' then '五星评价：压测任务' || (i % 997) else '人工调整（压测）' end,
            case when source_type = 'manual_adjustment' then '压测：补记线下服务' end,
            case when source_type = 'manual_adjustment' then ${uid(`'approver:' || county`)} end,
            case when source_type <> 'rating_bonus' then ${uid(`'publisher:' || community`)} end,
            at
     from bench_txn order by i`,
  );
  await client.query(`alter table ${S}.points_entry disable trigger points_entry_balanced`);
  try {
    await step(
      'points_entry (two per transaction)',
      `insert into ${S}.points_entry (txn_id, account, amount, steward_id, at)
       select ${uid(`'txn:' || t.i`)}, case when e.side = 1 then 'steward:' || t.steward_id else 'pool:' || t.county end,
              case when e.side = 1 then t.amount else -t.amount end, case when e.side = 1 then t.steward_id end, t.at
       from bench_txn t cross join (values (1), (2)) as e(side)
       order by t.i, e.side`,
    );
  } finally {
    await client.query(`alter table ${S}.points_entry enable trigger points_entry_balanced`);
  }
  const tb = Date.now();
  const unbalanced = (await client.query(`select count(*)::int as n from (select txn_id from ${S}.points_entry group by txn_id having sum(amount) <> 0 or count(*) <> 2) x`)).rows[0].n;
  steps.push({ step: 'balance check (every transaction sums to 0)', seconds: (Date.now() - tb) / 1000, rows: unbalanced });
  log(`generate: balance check: ${unbalanced} unbalanced transactions in ${((Date.now() - tb) / 1000).toFixed(1)} s`);
  if (unbalanced > 0) throw new Error(`${unbalanced} generated transactions do not balance`);
  await step(
    'points_balance',
    `insert into ${S}.points_balance (steward_id, balance, updated_at)
     select steward_id, sum(amount), max(at) from bench_txn group by steward_id order by steward_id`,
  );
  // Periods in China Standard Time, as periodsOf: the local time is UTC + 8 h.
  await step(
    'points_period (year, quarter, month)',
    `insert into ${S}.points_period (steward_id, period, points, community, class, unit_id)
     select t.steward_id, p.period, sum(t.amount), t.community, t.class, t.unit_id
     from bench_txn t
     cross join lateral (select (t.at at time zone 'UTC') + interval '8 hours' as local) l
     cross join lateral (values (to_char(l.local, 'YYYY')), (to_char(l.local, 'YYYY') || '-Q' || to_char(l.local, 'Q')), (to_char(l.local, 'YYYY-MM'))) as p(period)
     group by t.steward_id, p.period, t.community, t.class, t.unit_id
     order by p.period, t.steward_id`,
  );
  await step(
    'points_day',
    `insert into ${S}.points_day (steward_id, day, points)
     select steward_id, ((at at time zone 'UTC') + interval '8 hours')::date, sum(amount) from bench_txn group by 1, 2 order by 1, 2`,
  );
  await client.query(`drop table bench_txn; drop table bench_steward`);
  const tv = Date.now();
  for (const table of ['unit_ref', 'steward_ref', 'points_txn', 'points_entry', 'points_balance', 'points_period', 'points_day']) await client.query(`vacuum (analyze) ${S}.${table}`);
  steps.push({ step: 'vacuum analyze', seconds: (Date.now() - tv) / 1000, rows: 0 });
  log(`generate: vacuum analyze in ${((Date.now() - tv) / 1000).toFixed(1)} s`);
  await client.query(`reset synchronous_commit; reset maintenance_work_mem; reset work_mem; reset jit`);

  const counts = (
    await client.query(`select (select count(*) from ${S}.steward_ref)::int as steward_ref, (select count(*) from ${S}.unit_ref)::int as unit_ref,
            (select count(distinct community) from ${S}.steward_ref)::int as communities,
            (select count(*) from ${S}.points_txn)::int as points_txn, (select count(*) from ${S}.points_entry)::int as points_entry,
            (select count(*) from ${S}.points_balance)::int as points_balance, (select count(*) from ${S}.points_period)::int as points_period,
            (select count(*) from ${S}.points_day)::int as points_day`)
  ).rows[0];
  return { seconds: (Date.now() - started) / 1000, seed, until: anchor.toISOString(), steps, counts };
}

/** `node apps/tasks/dist/migrate.js` on `schema`; throws with its output when it fails. */
export function migrateTasks(databaseUrl, schema) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'apps/tasks/dist/migrate.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, DB_SCHEMA: schema, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`tasks migration of ${schema} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(-500)}`);
}

// ---------------------------------------------------------------------------------------------
// command line

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? DEFAULT_SEED);
  const stewards = Number(arg('stewards') ?? 100_000);
  const entries = Number(arg('entries') ?? 1_000_000);
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
    log(`migrating tasks into schema ${schema}`);
    migrateTasks(databaseUrl, schema);
    log(`generating ${stewards} stewards and ${entries} ledger entries (seed ${seed})`);
    const out = await generateTasksData(client, { schema, seed, stewards, ledgerEntries: entries, log });
    console.log(JSON.stringify({ schema, seed, until: out.until, seconds: out.seconds, counts: out.counts }, null, 2));
    log(`dataset built in ${out.seconds.toFixed(1)} s`);
  } catch (err) {
    console.error(`tasks-generate failed: ${err.message}`);
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
