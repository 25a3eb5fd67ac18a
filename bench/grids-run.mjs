#!/usr/bin/env node
// `npm run bench:grids`: the grids service through the gateway against a same-run baseline
// (issue 8; see bench/README.md, "Grids benchmark").
//
// Starts identity, grids and the gateway from their builds as separate processes on schemas and a
// subject prefix of their own, creates a city admin and logs in through the gateway, generates the
// city (bench/grids-generate.mjs: 50,000 grids, 500,000 buildings; timed), starts the baseline
// (bench/grids-baseline.mjs: the service's SQL from one plain Node process) and drives each pair at
// 32 connections (autocannon, 2 s warm-up, then 10 s):
//   1. locate            baseline vs query locate(lat, lng), random points of the city, same sequence
//   2. subtree count     baseline vs query regionSubtreeCount(id), the 10 counties in turn
//   3. tiles (z14)       baseline vs GET /tiles/<layer>/14/<x>/<y>.pbf, random tiles inside the city,
//                        for the layers `regions` (grids and buildings) and `comprehensive` (grids)
// then the three once more at 1 connection (INFO: the operation's own latency, without queueing).
// Before each scenario its prepared statements are primed past PostgreSQL's custom-plan phase on
// every pooled connection of the side it measures (see "priming" below).
// A gateway operation that does not exist yet (not in its schema, or the tile route answers 404)
// is reported as skipped with a note; its baseline is still measured. It prints req/s, p50 and
// p99 with ratios, the targets as PASS/MISS, memory and CPU per process, writes
// bench/results/grids-<timestamp>.json and removes its schemas and streams, also on failure or Ctrl-C.
//
// Settings (environment): BENCH_CONNECTIONS (32), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
// BENCH_SEED (20261202), BENCH_SERIAL_SECONDS (3; 0 skips the 1-connection rows),
// BENCH_TILE_LAYERS (regions,comprehensive), BENCH_NODE_OPTIONS (NODE_OPTIONS of the services;
// default tools/node-options.mjs).
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { ensureInfra } from '../tools/infra.mjs';
import { SERVICE_NODE_OPTIONS } from '../tools/node-options.mjs';
import { CITY_BOX, CITY_PATH, DEFAULT_SEED, generateCity, prng, tileOf, warp } from './grids-generate.mjs';
import { CPU_GROUPS, cleanupOnExit, Child, Sampler, freePort, machineBusy, procStats, round, sleep, waitReady } from './procs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVICE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? SERVICE_NODE_OPTIONS;
const RESULTS_DIR = path.join(ROOT, 'bench/results');

const num = (name, dflt, { zero = false } = {}) => {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v < 0 || (v === 0 && !zero)) throw new Error(`${name} must be a positive number`);
  return v;
};
const CONNECTIONS = num('BENCH_CONNECTIONS', 32);
const DURATION = num('BENCH_DURATION', 10);
const WARMUP = num('BENCH_WARMUP', 2);
const SEED = num('BENCH_SEED', DEFAULT_SEED);
const SERIAL_SECONDS = num('BENCH_SERIAL_SECONDS', 3, { zero: true });
const TILE_LAYERS = (process.env.BENCH_TILE_LAYERS ?? 'regions,comprehensive').split(',').map((s) => s.trim()).filter(Boolean);
const TILE_ZOOM = 14;
/** Priming (see below): rounds × the pools' size (DB_POOL_MAX, 10 for the services and the baseline). */
const PRIME_ROUNDS = 8;
const PRIME_CONCURRENCY = 10;

const TARGETS = { locateP99Ms: 10, locateRatio: 0.25, subtreeP99Ms: 50, tileP99Ms: 50, buildSeconds: 300 };

// Estimated cost 614 under the gateway's limit of 1000 (apps/gateway/src/limits.ts: lists count 20
// each, so staff inside layers counts 400 per field; asking staff for id, personId, role and
// titleZh as well costs 2254 and is refused with QUERY_TOO_COSTLY).
const LOCATE_QUERY =
  'query($lat: Float!, $lng: Float!){ locate(lat:$lat, lng:$lng){ lat lng regions { id path level name } layers { layer { key } grid { id code } staff { name } } } }';
const SUBTREE_QUERY = 'query($id: ID!){ regionSubtreeCount(id:$id){ id byLevel { level count } households } }';

const startedAt = new Date();
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const t0 = Date.now();
const log = (line) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);

// ---------------------------------------------------------------------------------------------
// run state, for cleanup

const run = { id: randomBytes(4).toString('hex'), children: [], databaseUrl: undefined, natsUrl: undefined };
run.schema = `bench_${run.id}`; // identity
run.gridsSchema = `bench_${run.id}_grids`;
run.prefix = `bench${run.id}`;

run.schemas = [run.schema, run.gridsSchema];
const cleanup = cleanupOnExit(run, { name: 'bench:grids', log });

// ---------------------------------------------------------------------------------------------
// helpers

function ensureBuilt() {
  const needed = ['apps/identity/dist/main.js', 'apps/identity/dist/index.js', 'apps/grids/dist/main.js', 'apps/gateway/dist/main.js', 'libs/kernel/dist/index.js'];
  const missing = needed.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (missing.length === 0) return;
  log(`building (missing ${missing.join(', ')}): npx nx run-many -t build --outputStyle=static`);
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idCardNumber(areaCode, birth, seq) {
  const first17 = `${areaCode}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}

async function gql(base, query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
  }
  if (json.errors?.length) throw new Error(`GraphQL: ${json.errors.map((e) => `${e.message} (${e.extensions?.code ?? '?'})`).join('; ')}`);
  return json.data;
}

/**
 * One autocannon run. `next()` gives each request: { body } for POST /graphql, or { path } for a
 * GET. `check(status, body, headers)` says whether the response is a success.
 */
async function cannon({ base, token, next, check, duration, connections = CONNECTIONS, get = false }) {
  const counts = { ok: 0, bad: 0, firstBad: undefined };
  const result = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 10,
    headers: { ...(get ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        method: get ? 'GET' : 'POST',
        path: get ? '/' : '/graphql',
        setupRequest(req) {
          const r = next();
          if (get) req.path = r.path;
          else req.body = r.body;
          return req;
        },
        onResponse(status, body, _ctx, headers) {
          if (check(status, body, headers ?? {})) counts.ok++;
          else {
            counts.bad++;
            counts.firstBad ??= `HTTP ${status} ${String(body).slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return { result, ...counts };
}

function summarise(scenario, { result, ok, bad, firstBad }) {
  return {
    scenario,
    reqPerSec: round(result.requests.average, 0),
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    ok,
    connErrors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    badAnswers: Math.max(0, bad - result.non2xx),
    durationS: result.duration,
    firstError: firstBad,
  };
}

const locateCheck = (status, body) => status === 200 && body.includes('"locate":{"lat"') && body.includes('"level":"grid"') && !body.includes('"errors"');
const subtreeCheck = (status, body) => status === 200 && body.includes('"regionSubtreeCount":{"id"') && body.includes('"level":"building"') && !body.includes('"errors"');
const header = (headers, name) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
const tileCheck = (status, _body, headers) => status === 204 || (status === 200 && /protobuf|vector-tile|octet-stream/.test(String(header(headers, 'content-type') ?? '')));

/** Names of the gateway's Query fields (introspection is on outside production), or [] when it does not answer. */
async function gatewayQueryFields(gw) {
  try {
    const data = await gql(gw, '{ __schema { queryType { fields { name } } } }');
    return data.__schema.queryType.fields.map((f) => f.name);
  } catch {
    return [];
  }
}

async function getTile(base, pathname, token) {
  const res = await fetch(`${base}${pathname}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(30_000) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, type: res.headers.get('content-type') ?? '', bytes };
}

const sortLevels = (v) => v && { ...v, byLevel: [...v.byLevel].sort((a, b) => a.level.localeCompare(b.level)) };

const pad = (s, n) => String(s ?? '').padEnd(n);
const lpad = (s, n) => String(s ?? '').padStart(n);

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const machine = {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    totalMemoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
  console.log(`machine: ${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.totalMemoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`);
  console.log(`load: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per scenario, load generator on the same machine; services with NODE_OPTIONS=${SERVICE_OPTIONS}`);
  const busyBefore = await machineBusy(2000);
  machine.busyBeforeStartPercent = busyBefore;
  console.log(`machine busy before start: ${busyBefore}% of all cores${busyBefore > 15 ? ' — other work is running here; the figures below will be lower than on a quiet machine' : ''}`);

  ensureBuilt();
  const infra = await ensureInfra({ log });
  run.databaseUrl = infra.databaseUrl;
  run.natsUrl = infra.natsUrl;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });

  const db = new pg.Client({ connectionString: run.databaseUrl });
  await db.connect();
  try {
    machine.postgres = (await db.query('show server_version')).rows[0].server_version;
    machine.postgis = (await db.query('select public.postgis_lib_version() as v')).rows[0].v;

    // --- services
    const base = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', LOG_LEVEL: 'warn', NATS_URL: run.natsUrl, SUBJECT_PREFIX: run.prefix, NODE_OPTIONS: SERVICE_OPTIONS };
    const identityEnv = {
      ...base,
      DATABASE_URL: run.databaseUrl,
      DB_SCHEMA: run.schema,
      PII_KEYS: `b1:${randomBytes(32).toString('base64')}`,
      PII_ACTIVE_KEY_ID: 'b1',
      PII_HMAC_KEY: randomBytes(32).toString('base64'),
    };
    const gridsEnv = { ...base, DATABASE_URL: run.databaseUrl, DB_SCHEMA: run.gridsSchema };
    const ports = { identity: await freePort(), grids: await freePort(), gateway: await freePort(), baseline: await freePort() };
    const logFile = (name) => path.join(RESULTS_DIR, `grids-${stamp}.${name}.log`);
    const rssMb = (pid) => round((procStats(pid)?.rssKb ?? 0) / 1024, 1);
    const readyRss = {};

    log(`starting identity on :${ports.identity} (schema ${run.schema}, prefix ${run.prefix})`);
    const identity = new Child('identity', path.join(ROOT, 'apps/identity/dist/main.js'), { ...identityEnv, HTTP_PORT: String(ports.identity) }, logFile('identity'));
    run.children.push(identity);
    log(`starting grids on :${ports.grids} (schema ${run.gridsSchema}; it applies its migrations)`);
    const grids = new Child('grids', path.join(ROOT, 'apps/grids/dist/main.js'), { ...gridsEnv, HTTP_PORT: String(ports.grids) }, logFile('grids'));
    run.children.push(grids);
    await waitReady(`http://127.0.0.1:${ports.identity}/health/ready`, identity);
    readyRss.identity = rssMb(identity.pid);
    await waitReady(`http://127.0.0.1:${ports.grids}/health/ready`, grids);
    readyRss.grids = rssMb(grids.pid);
    log(`starting gateway on :${ports.gateway}`);
    const gateway = new Child('gateway', path.join(ROOT, 'apps/gateway/dist/main.js'), { ...base, HTTP_PORT: String(ports.gateway) }, logFile('gateway'));
    run.children.push(gateway);
    await waitReady(`http://127.0.0.1:${ports.gateway}/health/ready`, gateway);
    readyRss.gateway = rssMb(gateway.pid);
    const gw = `http://127.0.0.1:${ports.gateway}`;

    // --- the city admin, and its token
    const admin = {
      username: 'bench-admin',
      password: randomBytes(18).toString('base64url'),
      name: '压测管理员',
      phone: '19900000000',
      idCardNumber: idCardNumber('420800', new Date(Date.UTC(1980, 0, 1)), 1),
      region: CITY_PATH,
      grants: [{ role: 'city_admin', region: CITY_PATH }],
    };
    log('seeding the city admin (ensureBootstrapAdmin)');
    const seeder = new Child('seed-admin', path.join(ROOT, 'bench/seed-admin.mjs'), { ...identityEnv, BENCH_ADMIN: JSON.stringify(admin) }, logFile('seed-admin'));
    run.children.push(seeder);
    if ((await Promise.race([seeder.exited, sleep(60_000).then(() => 'timeout')])) !== 0) throw new Error(seeder.describe());
    await seeder.stop();
    const { login } = await gql(gw, 'mutation($l: String!, $p: String!){ login(login:$l, password:$p){ accessToken expiresIn } }', { l: admin.username, p: admin.password });
    const token = login.accessToken;
    log(`logged in through the gateway (token for ${login.expiresIn} s)`);

    // --- the city
    const migrated = (await db.query(`select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'region'`, [run.gridsSchema])).rows[0].n;
    if (!migrated) throw new Error(`grids did not migrate ${run.gridsSchema}`);
    log(`generating the city into ${run.gridsSchema} (seed ${SEED})`);
    const dataset = await generateCity(db, { schema: run.gridsSchema, seed: SEED, log });
    log(`dataset built in ${dataset.seconds.toFixed(1)} s: ${Object.entries(dataset.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
    const idleRss = { identity: rssMb(identity.pid), grids: rssMb(grids.pid), gateway: rssMb(gateway.pid) };

    // --- workloads: the same sequences for the baseline and the gateway
    const rand = prng(SEED + 1);
    const points = Array.from({ length: 4096 }, () => ({
      lat: round(CITY_BOX[1] + (CITY_BOX[3] - CITY_BOX[1]) * warp(0.001 + 0.998 * rand()), 6),
      lng: round(CITY_BOX[0] + (CITY_BOX[2] - CITY_BOX[0]) * warp(0.001 + 0.998 * rand()), 6),
    }));
    const counties = (await db.query(`select id, path from "${run.gridsSchema}".region where level = 'county' order by path`)).rows;
    // z14 tiles whose whole envelope lies inside the city, in a seeded random order
    const nw = tileOf(TILE_ZOOM, CITY_BOX[0], CITY_BOX[3]);
    const se = tileOf(TILE_ZOOM, CITY_BOX[2], CITY_BOX[1]);
    const allTiles = [];
    for (let x = nw.x + 1; x < se.x; x++) for (let y = nw.y + 1; y < se.y; y++) allTiles.push({ x, y });
    const tiles = Array.from({ length: 2048 }, () => allTiles[Math.floor(rand() * allTiles.length)]);
    const locateBodies = points.map((p) => JSON.stringify({ query: LOCATE_QUERY, variables: p }));
    const subtreeBodies = counties.map((c) => JSON.stringify({ query: SUBTREE_QUERY, variables: { id: c.id } }));
    const seq = (items, wrap) => {
      let i = 0;
      return { reset: () => (i = 0), next: () => wrap(items[i++ % items.length]) };
    };

    // --- baseline
    log(`starting baseline on :${ports.baseline}`);
    const baselineEnv = { PATH: process.env.PATH, DATABASE_URL: run.databaseUrl, DB_SCHEMA: run.gridsSchema, HTTP_PORT: String(ports.baseline), DB_POOL_MAX: '10', BENCH_TILE_GRANTS: CITY_PATH };
    const baseline = new Child('baseline', path.join(ROOT, 'bench/grids-baseline.mjs'), baselineEnv, logFile('baseline'));
    run.children.push(baseline);
    await waitReady(`http://127.0.0.1:${ports.baseline}/health/ready`, baseline);
    readyRss.baseline = rssMb(baseline.pid);
    idleRss.baseline = readyRss.baseline;
    const bl = `http://127.0.0.1:${ports.baseline}`;

    // --- what the gateway offers, and whether it answers as the baseline does
    const notes = [];
    const fields = await gatewayQueryFields(gw);
    const has = { locate: fields.includes('locate'), subtree: fields.includes('regionSubtreeCount') };
    for (const [op, name] of [['locate', 'locate'], ['subtree', 'regionSubtreeCount']]) {
      if (!has[op]) notes.push(`the gateway has no Query.${name} (GridsGraphqlModule not registered in this build): gateway ${name} skipped`);
    }
    const mismatches = [];
    if (has.locate) {
      for (const p of points.slice(0, 5)) {
        const a = (await gql(bl, LOCATE_QUERY, p)).locate;
        const b = (await gql(gw, LOCATE_QUERY, p, token)).locate;
        if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`locate(${p.lat}, ${p.lng}): baseline ${JSON.stringify(a).slice(0, 400)} vs gateway ${JSON.stringify(b).slice(0, 400)}`);
      }
    }
    if (has.subtree) {
      const a = sortLevels((await gql(bl, SUBTREE_QUERY, { id: counties[0].id })).regionSubtreeCount);
      const b = sortLevels((await gql(gw, SUBTREE_QUERY, { id: counties[0].id }, token)).regionSubtreeCount);
      if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`regionSubtreeCount(${counties[0].path}): baseline ${JSON.stringify(a)} vs gateway ${JSON.stringify(b)}`);
    }
    const tileLayers = [];
    for (const layer of TILE_LAYERS) {
      const probe = tiles[0];
      const p = `/tiles/${layer}/${TILE_ZOOM}/${probe.x}/${probe.y}.pbf`;
      const a = await getTile(bl, p);
      if (a.status !== 200) throw new Error(`baseline ${p}: HTTP ${a.status} ${a.bytes.toString('utf8', 0, 200)}`);
      const b = await getTile(gw, p, token).catch((err) => ({ status: err.message, type: '', bytes: Buffer.alloc(0) }));
      const gwOk = b.status === 200 || b.status === 204;
      if (!gwOk) notes.push(`the gateway answers GET ${p} with ${b.status}${b.status === 404 ? ' (no tile route in this build)' : ` ${b.bytes.toString('utf8', 0, 200)}`}: gateway tiles (${layer}) skipped`);
      else if (!a.bytes.equals(b.bytes)) mismatches.push(`tile ${p}: baseline ${a.bytes.length} bytes vs gateway ${b.bytes.length} bytes`);
      tileLayers.push({ layer, gateway: gwOk });
    }
    for (const m of mismatches) log(`warning: the baseline and the gateway answer differently: ${m}`);
    if (!mismatches.length) log('the baseline and the gateway give the same answers (5 locate points, a county count, a tile per layer) where the gateway has the operation');
    for (const n of notes) log(`note: ${n}`);

    // --- priming: PostgreSQL plans a named prepared statement afresh ("custom plan") for its first
    // five executions on each connection and only then may keep a generic plan. For the county
    // count the custom plan is a parallel seq scan of the whole region table (0.3–0.6 s), the
    // generic one an ltree index scan (~40 ms); for tiles the custom plan is parallel too. A pg
    // pool closes a connection after 10 s idle, and its replacement starts over. So right before
    // its warm-up every scenario first sends PRIME_ROUNDS × the pool size of its requests at
    // pool-size concurrency, so that every pooled connection is past that phase, as in a service
    // under steady load. (What it took is in the JSON: `priming`.)
    const priming = [];
    const prime = async (label, base, tok, make) => {
      const started = Date.now();
      const n = PRIME_ROUNDS * PRIME_CONCURRENCY;
      let failed = 0;
      let i = 0;
      await Promise.all(
        Array.from({ length: PRIME_CONCURRENCY }, async () => {
          while (i < n) {
            const k = i++;
            const r = make(k);
            const res = await fetch(`${base}${r.path ?? '/graphql'}`, {
              method: r.body ? 'POST' : 'GET',
              headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
              body: r.body,
              signal: AbortSignal.timeout(60_000),
            }).catch(() => undefined);
            if (!res || res.status >= 300) failed++;
            await res?.arrayBuffer().catch(() => {});
          }
        }),
      );
      priming.push({ what: label, requests: n, failed, seconds: round((Date.now() - started) / 1000, 1) });
      log(`priming ${label}: ${n} requests at ${PRIME_CONCURRENCY} concurrent in ${((Date.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ''}`);
    };

    // --- load
    const services = [identity, grids, gateway, baseline];
    const procs = { identity: identity.pid, grids: grids.pid, gateway: gateway.pid, baseline: baseline.pid, 'load generator': process.pid };
    const sampler = new Sampler(procs, 200);
    sampler.start();
    const rows = [];
    const phaseStats = [];
    const phaseLabels = [];
    const skipped = [];

    async function scenario(name, label, opts, { connections = CONNECTIONS, warmup = WARMUP, duration = DURATION } = {}) {
      opts.seq.reset();
      const o = { base: opts.base, token: opts.token, next: opts.seq.next, check: opts.check, get: opts.get, connections };
      await prime(name, opts.base, opts.token, () => opts.seq.next());
      if (warmup > 0) {
        log(`${name}: warm-up ${warmup} s`);
        await cannon({ ...o, duration: warmup });
      }
      for (const c of services) if (!c.running) throw new Error(c.describe());
      opts.seq.reset(); // the measurement starts the sequence again: both sides of a pair see the same requests
      log(`${name}: measuring ${duration} s at ${connections} connection${connections === 1 ? '' : 's'}`);
      sampler.begin(name);
      const out = await cannon({ ...o, duration });
      phaseStats.push(sampler.end());
      phaseLabels.push(label);
      for (const c of services) if (!c.running) throw new Error(c.describe());
      const row = { ...summarise(name, out), connections, kind: opts.kind, side: opts.base === gw ? 'gateway' : 'baseline' };
      rows.push(row);
      log(`${name}: ${row.reqPerSec} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.ok}/${row.requests} ok`);
      return row;
    }
    const skip = (name, why) => {
      skipped.push({ scenario: name, why });
      log(`${name}: skipped (${why})`);
      return undefined;
    };

    const locateSeq = seq(locateBodies, (body) => ({ body }));
    const subtreeSeq = seq(subtreeBodies, (body) => ({ body }));
    const pairs = [];
    pairs.push({
      kind: 'locate',
      baseline: await scenario('baseline locate (pg direct)', 'bl locate', { kind: 'locate', base: bl, seq: locateSeq, check: locateCheck }),
      gateway: has.locate ? await scenario('gateway locate(lat, lng)', 'gw locate', { kind: 'locate', base: gw, token, seq: locateSeq, check: locateCheck }) : skip('gateway locate(lat, lng)', 'no Query.locate'),
    });
    pairs.push({
      kind: 'subtree',
      baseline: await scenario('baseline county subtree count (pg direct)', 'bl count', { kind: 'subtree', base: bl, seq: subtreeSeq, check: subtreeCheck }),
      gateway: has.subtree ? await scenario('gateway regionSubtreeCount(county)', 'gw count', { kind: 'subtree', base: gw, token, seq: subtreeSeq, check: subtreeCheck }) : skip('gateway regionSubtreeCount(county)', 'no Query.regionSubtreeCount'),
    });
    for (const { layer, gateway: gwTiles } of tileLayers) {
      const tileSeq = seq(tiles, (t) => ({ path: `/tiles/${layer}/${TILE_ZOOM}/${t.x}/${t.y}.pbf` }));
      pairs.push({
        kind: `tile ${layer}`,
        baseline: await scenario(`baseline z14 tile ${layer} (pg direct)`, `bl ${layer.slice(0, 6)}`, { kind: `tile ${layer}`, base: bl, seq: tileSeq, check: tileCheck, get: true }),
        gateway: gwTiles
          ? await scenario(`gateway GET /tiles/${layer}/14/x/y.pbf`, `gw ${layer.slice(0, 6)}`, { kind: `tile ${layer}`, base: gw, token, seq: tileSeq, check: tileCheck, get: true })
          : skip(`gateway GET /tiles/${layer}/14/x/y.pbf`, 'no tile route'),
      });
    }
    // The same operations one at a time: the query's own time, without queueing behind 31 others.
    const serial = [];
    if (SERIAL_SECONDS > 0) {
      const once = { connections: 1, warmup: 1, duration: SERIAL_SECONDS };
      serial.push({ kind: 'locate', baseline: await scenario('baseline locate, 1 connection', 'bl locat1', { kind: 'locate', base: bl, seq: locateSeq, check: locateCheck }, once) });
      if (has.locate) serial.at(-1).gateway = await scenario('gateway locate, 1 connection', 'gw locat1', { kind: 'locate', base: gw, token, seq: locateSeq, check: locateCheck }, once);
      serial.push({ kind: 'subtree', baseline: await scenario('baseline county subtree count, 1 connection', 'bl count1', { kind: 'subtree', base: bl, seq: subtreeSeq, check: subtreeCheck }, once) });
      if (has.subtree) serial.at(-1).gateway = await scenario('gateway regionSubtreeCount, 1 connection', 'gw count1', { kind: 'subtree', base: gw, token, seq: subtreeSeq, check: subtreeCheck }, once);
      for (const { layer, gateway: gwTiles } of tileLayers) {
        const tileSeq = seq(tiles, (t) => ({ path: `/tiles/${layer}/${TILE_ZOOM}/${t.x}/${t.y}.pbf` }));
        serial.push({ kind: `tile ${layer}`, baseline: await scenario(`baseline z14 tile ${layer}, 1 connection`, `bl ${layer.slice(0, 5)}1`, { kind: `tile ${layer}`, base: bl, seq: tileSeq, check: tileCheck, get: true }, once) });
        if (gwTiles) serial.at(-1).gateway = await scenario(`gateway /tiles/${layer}, 1 connection`, `gw ${layer.slice(0, 5)}1`, { kind: `tile ${layer}`, base: gw, token, seq: tileSeq, check: tileCheck, get: true }, once);
      }
    }
    sampler.stop();
    const hwm = {};
    for (const [name, pid] of Object.entries(procs)) hwm[name] = round((procStats(pid)?.hwmKb ?? 0) / 1024, 1);
    const peaks = sampler.peaks();

    // --- report
    console.log('');
    console.log(`dataset: seed ${SEED}, built in ${dataset.seconds.toFixed(1)} s (${dataset.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join('; ')})`);
    console.log(`  ${Object.entries(dataset.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log('');
    console.log(`${pad('scenario', 50)}${lpad('conns', 6)}${lpad('req/s', 8)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}${lpad('requests', 10)}${lpad('errors', 8)}${lpad('non-2xx', 9)}${lpad('bad', 6)}`);
    for (const r of rows) {
      console.log(`${pad(r.scenario, 50)}${lpad(r.connections, 6)}${lpad(r.reqPerSec, 8)}${lpad(r.p50Ms, 8)}${lpad(r.p99Ms, 8)}${lpad(r.requests, 10)}${lpad(r.connErrors + r.timeouts, 8)}${lpad(r.non2xx, 9)}${lpad(r.badAnswers, 6)}`);
    }
    for (const s of skipped) console.log(`${pad(s.scenario, 50)}  skipped: ${s.why}`);

    const ratioOf = (a, b) => (a && b && b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : undefined);
    const pct = (x) => (x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);
    console.log('\npair (32 connections)                  baseline req/s  p50  p99   gateway req/s  p50  p99   gw/bl throughput  gw p99 / bl p99');
    for (const p of pairs) {
      const g = p.gateway;
      const r = ratioOf(g, p.baseline);
      console.log(
        `${pad(p.kind, 38)}${lpad(p.baseline.reqPerSec, 15)}${lpad(p.baseline.p50Ms, 5)}${lpad(p.baseline.p99Ms, 5)}${lpad(g ? g.reqPerSec : 'skipped', 16)}${lpad(g?.p50Ms ?? '', 5)}${lpad(g?.p99Ms ?? '', 5)}${lpad(pct(r), 18)}${lpad(g && p.baseline.p99Ms ? `${(g.p99Ms / p.baseline.p99Ms).toFixed(1)}×` : '-', 17)}`,
      );
    }
    if (serial.length) {
      console.log('\n1 connection (INFO)                    baseline p50 / p99 ms   gateway p50 / p99 ms');
      for (const p of serial) console.log(`${pad(p.kind, 38)}${lpad(`${p.baseline.p50Ms} / ${p.baseline.p99Ms}`, 22)}${lpad(p.gateway ? `${p.gateway.p50Ms} / ${p.gateway.p99Ms}` : 'skipped', 23)}`);
    }
    for (const r of rows) if (r.firstError) console.log(`first failed response in "${r.scenario}": ${r.firstError}`);
    for (const n of notes) console.log(`note: ${n}`);
    for (const m of mismatches) console.log(`note: answers differ: ${m}`);

    const cpuCols = (get) => phaseStats.map((ph) => lpad(get(ph) ?? '-', 10)).join('');
    const w = 56;
    console.log(`\n${pad('', w)}   CPU % per scenario (100 = one core)`);
    console.log(`${pad('process (pid)', 26)}${lpad('ready', 8)}${lpad('dataset', 8)}${lpad('peak', 7)}${lpad('VmHWM', 7)}   ${phaseLabels.map((l) => lpad(l, 10)).join('')}`);
    for (const [name, pid] of Object.entries(procs)) {
      console.log(`${pad(`${name} (${pid})`, 26)}${lpad(readyRss[name] ?? '-', 8)}${lpad(idleRss[name] ?? '-', 8)}${lpad(peaks[name], 7)}${lpad(hwm[name], 7)}   ${cpuCols((ph) => ph.procs[name]?.cpuPercent)}`);
    }
    for (const name of Object.keys(CPU_GROUPS)) {
      if (!phaseStats.some((ph) => ph.procs[name])) continue;
      console.log(`${pad(`${name} (all its processes)`, w)}   ${cpuCols((ph) => ph.procs[name]?.cpuPercent)}`);
    }
    console.log(`${pad('everything else on the machine', w)}   ${cpuCols((ph) => ph.otherCpuPercent)}`);
    console.log(`${pad(`machine total (of ${phaseStats[0]?.machineCapacityPercent ?? '?'})`, w)}   ${cpuCols((ph) => ph.machineCpuPercent)}`);
    console.log('  (RSS in MB: when /health/ready first answered, after the dataset was built, peak of 200 ms samples under load, VmHWM over the whole life)');

    const locate = pairs.find((p) => p.kind === 'locate');
    const subtree = pairs.find((p) => p.kind === 'subtree');
    const checks = [
      { target: `dataset built in < ${TARGETS.buildSeconds} s`, value: `${dataset.seconds.toFixed(1)} s`, measured: round(dataset.seconds, 1), limit: TARGETS.buildSeconds, pass: dataset.seconds < TARGETS.buildSeconds },
    ];
    const gwCheck = (row, target, value, measured, limit, pass) => (row ? { target, value, measured, limit, pass } : { target, value: 'skipped (no gateway operation)', measured: null, limit, pass: null });
    checks.push(gwCheck(locate.gateway, `gateway locate p99 <= ${TARGETS.locateP99Ms} ms`, `${locate.gateway?.p99Ms} ms`, locate.gateway?.p99Ms, TARGETS.locateP99Ms, locate.gateway?.p99Ms <= TARGETS.locateP99Ms));
    const lr = ratioOf(locate.gateway, locate.baseline);
    checks.push(gwCheck(locate.gateway, `gateway locate >= ${TARGETS.locateRatio * 100}% of baseline throughput`, pct(lr), lr === undefined ? null : round(lr, 3), TARGETS.locateRatio, lr >= TARGETS.locateRatio));
    checks.push(gwCheck(subtree.gateway, `gateway county subtree count p99 <= ${TARGETS.subtreeP99Ms} ms`, `${subtree.gateway?.p99Ms} ms`, subtree.gateway?.p99Ms, TARGETS.subtreeP99Ms, subtree.gateway?.p99Ms <= TARGETS.subtreeP99Ms));
    for (const p of pairs.filter((x) => x.kind.startsWith('tile '))) {
      checks.push(gwCheck(p.gateway, `gateway z14 ${p.kind} p99 <= ${TARGETS.tileP99Ms} ms`, `${p.gateway?.p99Ms} ms`, p.gateway?.p99Ms, TARGETS.tileP99Ms, p.gateway?.p99Ms <= TARGETS.tileP99Ms));
    }
    console.log('\ntargets (2 cores, 32 connections):');
    for (const p of pairs) console.log(`  INFO  ${pad(`baseline ${p.kind} (same SQL, one Node process)`, 52)} ${p.baseline.reqPerSec} req/s, p99 ${p.baseline.p99Ms} ms`);
    for (const c of checks) console.log(`  ${c.pass === null ? 'SKIP' : c.pass ? 'PASS' : 'MISS'}  ${pad(c.target, 52)} ${c.value}`);

    const file = path.join(RESULTS_DIR, `grids-${stamp}.json`);
    const report = {
      startedAt: startedAt.toISOString(),
      machine,
      settings: { serviceNodeOptions: SERVICE_OPTIONS, connections: CONNECTIONS, durationS: DURATION, warmupS: WARMUP, seed: SEED, serialSeconds: SERIAL_SECONDS, tileLayers: TILE_LAYERS, tileZoom: TILE_ZOOM, locatePoints: points.length, tilesInCity: allTiles.length, counties: counties.length },
      dataset: { seconds: round(dataset.seconds, 1), steps: dataset.steps, counts: dataset.counts },
      priming,
      scenarios: rows,
      skipped,
      pairs: pairs.map((p) => ({ kind: p.kind, baseline: p.baseline.scenario, gateway: p.gateway?.scenario ?? null, ratio: ratioOf(p.gateway, p.baseline) === undefined ? null : round(ratioOf(p.gateway, p.baseline), 3) })),
      notes,
      mismatches,
      memory: { readyRssMb: readyRss, afterDatasetRssMb: idleRss, peakRssUnderLoadMb: peaks, vmHwmMb: hwm, phases: phaseStats },
      targets: checks,
    };
    fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
    console.log(`\nresults: ${path.relative(process.cwd(), file)}`);

    // A broken run (as opposed to a slow one) fails: failed responses or connection errors.
    const broken = [];
    for (const r of rows) if (r.ok !== r.requests || r.connErrors > 0) broken.push(`${r.scenario}: ${r.requests - r.ok} failed responses, ${r.connErrors} connection errors (${r.firstError ?? ''})`);
    return broken;
  } finally {
    await db.end().catch(() => {});
  }
}

let exitCode = 0;
try {
  const broken = await main();
  if (broken.length) {
    console.error(`\nbench:grids: the run is broken:\n  ${broken.join('\n  ')}`);
    exitCode = 1;
  }
} catch (err) {
  console.error(`\nbench:grids failed: ${err.message}`);
  if (process.env.DEBUG) console.error(err);
  exitCode = 1;
} finally {
  await cleanup();
}
process.exit(exitCode);
