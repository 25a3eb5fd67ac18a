#!/usr/bin/env node
// The grids benchmark's city (bench/README.md, "Grids benchmark"): a deterministic territory of
// 1 city, 10 counties, 100 streets, 2,000 communities, 50,000 grids, 50,000 compounds and
// 500,000 buildings, plus police (one per street), market (one per county) and enforcement (one
// per community) layer grids and one person on duty for every grid of every layer, written
// straight into a migrated grids schema with set-based SQL.
//
// Layout. The city is a box of WGS 84 degrees around Jingmen. It is cut like a brick wall: the
// counties are 5 columns of jittered widths, each cut into 2 rows of jittered heights; streets
// are 2 × 5 of their county, communities 4 × 5 of their street, grids 5 × 5 of their community
// (200 columns and 250 rows of grids in all), so the children of every node tile it exactly. Before the cuts become degrees they go through a
// monotone warp on each axis that makes the middle of the city about 5 times denser per axis
// than the edge (an urban core with grids of ~200 × 150 m, rural ones of ~900 × 700 m). Every compound is its
// grid inset by 10% on each side; every compound holds 10 buildings (points) spread inside it.
//
// Determinism: the cuts come from a seeded PRNG (mulberry32) here, the building points from
// md5(seed, path) in SQL, and every id is md5(seed, path) as a version-8 uuid, so one seed gives the same
// rows, ids included. Levels city → grid are sent as arrays (unnest); compounds, buildings, layer
// grids and staff are insert … select in PostgreSQL. It ends with VACUUM ANALYZE, so that the
// planner has statistics and autovacuum does not start on these tables in the middle of a run.
//
// As a module: `generateCity(client, { schema, seed, log })` (bench/grids-run.mjs uses it).
// As a command (it migrates a schema of its own first, with apps/grids/dist/migrate.js):
//   node bench/grids-generate.mjs [--seed 20261202] [--schema benchgen_x] [--keep]
// Without --keep the schema is dropped at the end. DATABASE_URL, or tools/infra.mjs finds PostgreSQL.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DEFAULT_SEED = 20261202;

/** The city's box in degrees: [west, south, east, north]. */
export const CITY_BOX = [111.9, 30.6, 113.1, 31.6];
export const CITY_PATH = 'jingmen';

/** Children per node, as [columns, rows]; the product is the count. */
export const SHAPE = {
  county: [5, 2], // 10 counties
  street: [2, 5], // 10 streets per county → 100
  community: [4, 5], // 20 communities per street → 2,000
  grid: [5, 5], // 25 grids per community → 50,000
};
export const BUILDINGS_PER_COMPOUND = 10;
const COMPOUND_INSET = 0.1;

/** mulberry32: a small seeded PRNG, [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Monotone map of [0, 1] onto itself whose slope is 0.35 in the middle and 1.65 at the ends. */
export function warp(t) {
  const u = 2 * t - 1;
  return 0.35 * t + 0.65 * (0.5 + 0.5 * Math.sign(u) * u * u);
}

const toLng = (x) => CITY_BOX[0] + (CITY_BOX[2] - CITY_BOX[0]) * warp(x);
const toLat = (y) => CITY_BOX[1] + (CITY_BOX[3] - CITY_BOX[1]) * warp(y);

/** Cuts of [a, b] into n parts of jittered sizes (each weight 0.7–1.3). */
function cuts(rand, a, b, n) {
  const w = Array.from({ length: n }, () => 0.7 + 0.6 * rand());
  const sum = w.reduce((s, x) => s + x, 0);
  const out = [a];
  let acc = 0;
  for (let i = 0; i < n - 1; i++) {
    acc += w[i];
    out.push(a + ((b - a) * acc) / sum);
  }
  out.push(b);
  return out;
}

/** The children of the unit box [x0, y0, x1, y1]: columns first, then rows inside each column. */
function split(rand, [x0, y0, x1, y1], [cols, rows]) {
  const xs = cuts(rand, x0, x1, cols);
  const boxes = [];
  for (let c = 0; c < cols; c++) {
    const ys = cuts(rand, y0, y1, rows);
    for (let r = 0; r < rows; r++) boxes.push([xs[c], ys[r], xs[c + 1], ys[r + 1]]);
  }
  return boxes;
}

const two = (n) => String(n).padStart(2, '0');

/** Levels city → grid as column arrays (unit boxes warped to degrees), in parent-first order. */
export function territory(seed) {
  const rand = prng(seed);
  const cols = { path: [], parent: [], code: [], level: [], kind: [], name: [], w: [], s: [], e: [], n: [] };
  const add = (p, parent, code, level, kind, name, [x0, y0, x1, y1]) => {
    cols.path.push(p);
    cols.parent.push(parent);
    cols.code.push(code);
    cols.level.push(level);
    cols.kind.push(kind);
    cols.name.push(name);
    cols.w.push(toLng(x0));
    cols.s.push(toLat(y0));
    cols.e.push(toLng(x1));
    cols.n.push(toLat(y1));
  };
  add(CITY_PATH, null, CITY_PATH, 'city', null, '荆门市（压测）', [0, 0, 1, 1]);
  split(rand, [0, 0, 1, 1], SHAPE.county).forEach((cb, ci) => {
    const cp = `${CITY_PATH}/c${two(ci + 1)}`;
    add(cp, CITY_PATH, `c${two(ci + 1)}`, 'county', 'district', `压测${two(ci + 1)}区`, cb);
    split(rand, cb, SHAPE.street).forEach((sb, si) => {
      const sp = `${cp}/s${two(si + 1)}`;
      add(sp, cp, `s${two(si + 1)}`, 'street', 'street', `压测${two(ci + 1)}区第${si + 1}街道`, sb);
      split(rand, sb, SHAPE.community).forEach((mb, mi) => {
        const mp = `${sp}/m${two(mi + 1)}`;
        add(mp, sp, `m${two(mi + 1)}`, 'community', 'community', `${two(ci + 1)}-${two(si + 1)}-${two(mi + 1)}社区`, mb);
        split(rand, mb, SHAPE.grid).forEach((gb, gi) => {
          add(`${mp}/g${two(gi + 1)}`, mp, `g${two(gi + 1)}`, 'grid', 'grid', `${two(ci + 1)}-${two(si + 1)}-${two(mi + 1)}社区第${gi + 1}网格`, gb);
        });
      });
    });
  });
  return cols;
}

/** The unit-box-free z/x/y of the tile that holds (lng, lat). */
export function tileOf(z, lng, lat) {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
  return { z, x, y };
}

/**
 * Writes the city into `schema` (migrated, empty). `client` is a connected pg.Client.
 * Returns { seconds, steps: [{ step, seconds, rows }], counts }.
 */
export async function generateCity(client, { schema, seed = DEFAULT_SEED, log = () => {} }) {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  const S = `"${schema}"`;
  const started = Date.now();
  const steps = [];
  // md5 of (seed, key) as a uuid (RFC 9562 version 8, "custom": the services take only well-formed
  // uuids), and as a number in [0, 1)
  const uid = (key) => `overlay(overlay(md5('${seed}:' || ${key}) placing '8' from 13 for 1) placing '8' from 17 for 1)::uuid`;
  const unit = (key) => `(('x' || substr(md5('${seed}:' || ${key}), 1, 8))::bit(32)::bigint / 4294967296.0)`;
  const ADMIN = uid(`'bench-admin'`);
  async function step(name, sql, values) {
    const t = Date.now();
    const r = await client.query(sql, values);
    const s = { step: name, seconds: (Date.now() - t) / 1000, rows: r.rowCount ?? 0 };
    steps.push(s);
    log(`generate: ${name}: ${s.rows} rows in ${s.seconds.toFixed(1)} s`);
    return r;
  }

  const existing = (await client.query(`select count(*)::int as n from ${S}.region`)).rows[0].n;
  if (existing > 0) throw new Error(`${schema}.region already has ${existing} rows; the generator needs an empty, migrated schema`);

  // Bulk-load settings for this session only: no wait for the WAL flush per statement, room to sort.
  await client.query(`set synchronous_commit = off`);
  await client.query(`set maintenance_work_mem = '256MB'`);
  await client.query(`set work_mem = '64MB'`);

  const t = territory(seed);
  await step(
    'city, counties, streets, communities, grids',
    `insert into ${S}.region (id, parent_id, path, code, level, kind, name, shape)
     select ${uid('a.path')}, case when a.parent is null then null else ${uid('a.parent')} end, a.path, a.code, a.level, a.kind, a.name,
            public.st_multi(public.st_makeenvelope(a.w, a.s, a.e, a.n, 4326))
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::float8[], $10::float8[])
          with ordinality as a(path, parent, code, level, kind, name, w, s, e, n, ord)
     order by a.ord`,
    [t.path, t.parent, t.code, t.level, t.kind, t.name, t.w, t.s, t.e, t.n],
  );
  // Compounds: the grid inset by 10% of its size on each side.
  await step(
    'compounds',
    `insert into ${S}.region (id, parent_id, path, code, level, kind, name, shape)
     select ${uid(`g.path || '/x1'`)}, g.id, g.path || '/x1', 'x1', 'compound', 'compound', g.name || '小区',
            public.st_multi(public.st_makeenvelope(b.w + ${COMPOUND_INSET} * (b.e - b.w), b.s + ${COMPOUND_INSET} * (b.n - b.s),
                                                   b.e - ${COMPOUND_INSET} * (b.e - b.w), b.n - ${COMPOUND_INSET} * (b.n - b.s), 4326))
     from ${S}.region g
     cross join lateral (select public.st_xmin(g.shape) as w, public.st_ymin(g.shape) as s, public.st_xmax(g.shape) as e, public.st_ymax(g.shape) as n) b
     where g.level = 'grid'
     order by g.path`,
  );
  // Buildings: points inside their compound, 5–95% across each way, from md5(seed, path).
  await step(
    'buildings',
    `insert into ${S}.region (id, parent_id, path, code, level, kind, name, location)
     select ${uid('p.path')}, c.id, p.path, p.code, 'building', 'building', c.name || p.code || '栋',
            public.st_setsrid(public.st_makepoint(b.w + (0.05 + 0.9 * ${unit(`p.path || ':x'`)}) * (b.e - b.w),
                                                  b.s + (0.05 + 0.9 * ${unit(`p.path || ':y'`)}) * (b.n - b.s)), 4326)
     from ${S}.region c
     cross join lateral (select public.st_xmin(c.shape) as w, public.st_ymin(c.shape) as s, public.st_xmax(c.shape) as e, public.st_ymax(c.shape) as n) b
     cross join lateral (select c.path || '/' || code as path, code from (select 'b' || lpad(i::text, 2, '0') as code from generate_series(1, ${BUILDINGS_PER_COMPOUND}) i) k) p
     where c.level = 'compound'
     order by c.path, p.code`,
  );
  // The other layers: police per street, market per county, enforcement per community, each the node's shape.
  await step(
    'layer grids (police / street, market / county, enforcement / community)',
    `insert into ${S}.layer_grid (id, layer_key, code, name, region_path, shape)
     select ${uid(`l.key || ':' || r.path`)}, l.key, l.prefix || '-' || replace(r.path, '/', '-'), r.name || l.suffix, r.path, r.shape
     from (values ('police', 'street', 'p', '警格'), ('market', 'county', 'm', '市场监管网格'), ('enforcement', 'community', 'e', '综合执法网格')) as l(key, level, prefix, suffix)
     join ${S}.region r on r.level = l.level
     order by l.key, r.path`,
  );
  // One person on duty for every grid of every layer (their person ids are synthetic: the grids
  // service keeps identity's id and the name, and never asks identity in locate).
  await step(
    'grid staff (comprehensive)',
    `insert into ${S}.grid_staff (id, layer_key, region_id, layer_grid_id, person_id, name, role, assigned_by)
     select ${uid(`'staff:' || g.path`)}, 'comprehensive', g.id, null, ${uid(`'person:' || g.path`)}, '网格员' || g.code || '-' || substr(md5(g.path), 1, 4), 'grid_worker', ${ADMIN}
     from ${S}.region g where g.level = 'grid' order by g.path`,
  );
  await step(
    'grid staff (other layers)',
    `insert into ${S}.grid_staff (id, layer_key, region_id, layer_grid_id, person_id, name, role, assigned_by)
     select ${uid(`'staff:' || g.layer_key || ':' || g.code`)}, g.layer_key, null, g.id, ${uid(`'person:' || g.layer_key || ':' || g.code`)}, l.staff_title_zh || '-' || g.code, l.staff_role, ${ADMIN}
     from ${S}.layer_grid g join ${S}.grid_layer l on l.key = g.layer_key order by g.layer_key, g.code`,
  );
  const tv = Date.now();
  for (const table of ['region', 'layer_grid', 'grid_staff', 'grid_layer', 'household']) await client.query(`vacuum (analyze) ${S}.${table}`);
  steps.push({ step: 'vacuum analyze', seconds: (Date.now() - tv) / 1000, rows: 0 });
  log(`generate: vacuum analyze in ${((Date.now() - tv) / 1000).toFixed(1)} s`);
  await client.query(`reset synchronous_commit; reset maintenance_work_mem; reset work_mem`);

  const counts = {};
  for (const r of (await client.query(`select level, count(*)::int as n from ${S}.region group by level`)).rows) counts[r.level] = r.n;
  for (const r of (await client.query(`select layer_key, count(*)::int as n from ${S}.layer_grid group by layer_key`)).rows) counts[`layer_grid ${r.layer_key}`] = r.n;
  counts.grid_staff = (await client.query(`select count(*)::int as n from ${S}.grid_staff`)).rows[0].n;
  return { seconds: (Date.now() - started) / 1000, seed, steps, counts };
}

/** `node apps/grids/dist/migrate.js` on `schema`; throws with its output when it fails. */
export function migrateGrids(databaseUrl, schema) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'apps/grids/dist/migrate.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, DB_SCHEMA: schema, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`grids migration of ${schema} failed (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).trim().slice(-500)}`);
}

// ---------------------------------------------------------------------------------------------
// command line

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('seed') ?? DEFAULT_SEED);
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
    log(`migrating grids into schema ${schema}`);
    migrateGrids(databaseUrl, schema);
    log(`generating the city (seed ${seed})`);
    const out = await generateCity(client, { schema, seed, log });
    console.log(JSON.stringify({ schema, seed, seconds: out.seconds, counts: out.counts }, null, 2));
    log(`dataset built in ${out.seconds.toFixed(1)} s (target < 300 s)`);
  } catch (err) {
    console.error(`grids-generate failed: ${err.message}`);
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
