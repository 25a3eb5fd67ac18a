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
import { CITY_BOX, CITY_PATH, DEFAULT_SEED, generateCity, prng, tileOf, warp } from './grids-generate.mjs';
import { Sampler, describeMachine, freePort, round, rssMb, serviceEnvs, serviceReady, startService, startServices, vmHwmMb } from './procs.mjs';
import { LOGIN_MUTATION, SERVICE_OPTIONS, assertRunning, brokenRows, cannon, connectInfra, ensureBuilt, envNumber as num, graphqlClient, newRun, pad, pct, prime, printNotes, printPairTables, printProcessTable, printScenarioTable, ratioOf, reportHead, runMain, seedAdmin, summarise, writeResults } from './runner.mjs';

const CONNECTIONS = num('BENCH_CONNECTIONS', 32);
const DURATION = num('BENCH_DURATION', 10);
const WARMUP = num('BENCH_WARMUP', 2);
const SEED = num('BENCH_SEED', DEFAULT_SEED);
const SERIAL_SECONDS = num('BENCH_SERIAL_SECONDS', 3, { zero: true });
const TILE_LAYERS = (process.env.BENCH_TILE_LAYERS ?? 'regions,comprehensive').split(',').map((s) => s.trim()).filter(Boolean);
const TILE_ZOOM = 14;
const LOAD = { connections: CONNECTIONS, warmup: WARMUP, duration: DURATION };

const TARGETS = { locateP99Ms: 10, locateRatio: 0.25, subtreeP99Ms: 50, tileP99Ms: 50, buildSeconds: 300 };

// Estimated cost 614 under the gateway's limit of 1000 (apps/gateway/src/limits.ts: lists count 20
// each, so staff inside layers counts 400 per field; asking staff for id, personId, role and
// titleZh as well costs 2254 and is refused with QUERY_TOO_COSTLY).
const LOCATE_QUERY =
  'query($lat: Float!, $lng: Float!){ locate(lat:$lat, lng:$lng){ lat lng regions { id path level name } layers { layer { key } grid { id code } staff { name } } } }';
const SUBTREE_QUERY = 'query($id: ID!){ regionSubtreeCount(id:$id){ id byLevel { level count } households } }';

// The run: its schemas (identity's, and grids' `bench_<id>_grids`), subject prefix, children and
// clean-up (runner.mjs newRun).
const run = newRun({ name: 'bench:grids', files: 'grids-' });
const { log } = run;
run.gridsSchema = `${run.schema}_grids`;
run.schemas.push(run.gridsSchema);
const { gql } = graphqlClient();

// ---------------------------------------------------------------------------------------------
// helpers

/**
 * One autocannon run. `next()` gives each request: { body } for POST /graphql, or { path } for a
 * GET. `check(status, body, headers)` says whether the response is a success.
 */
const gridsCannon = ({ base, token, next, check, duration, connections = CONNECTIONS, get = false }) =>
  cannon({
    url: base,
    connections,
    duration,
    method: get ? 'GET' : 'POST',
    path: get ? '/' : '/graphql',
    headers: { ...(get ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    prepare: (req) => {
      const r = next();
      if (get) req.path = r.path;
      else req.body = r.body;
    },
    check,
  });

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

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const machine = await describeMachine({ ...LOAD, nodeOptions: SERVICE_OPTIONS });

  ensureBuilt(run, ['apps/identity/dist/main.js', 'apps/identity/dist/index.js', 'apps/grids/dist/main.js', 'apps/gateway/dist/main.js', 'libs/kernel/dist/index.js']);
  // The run's own client; runMain ends it.
  const db = await connectInfra(run);
  machine.postgres = (await db.query('show server_version')).rows[0].server_version;
  machine.postgis = (await db.query('select public.postgis_lib_version() as v')).rows[0].v;

  // --- services
  const envs = serviceEnvs({ run, nodeOptions: SERVICE_OPTIONS });
  const ports = { identity: await freePort(), grids: await freePort(), gateway: await freePort(), baseline: await freePort() };
  const { identity, grids, gateway, readyRss } = await startServices(run, { envs, ports, name: 'grids', schema: run.gridsSchema });
  const gw = gateway.url;

  // --- the city admin, and its token
  log('seeding the city admin (ensureBootstrapAdmin)');
  const admin = await seedAdmin(run, { env: envs.identity, region: CITY_PATH });
  const { login } = await gql(gw, LOGIN_MUTATION, { l: admin.username, p: admin.password });
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
  const baselineEnv = { PATH: process.env.PATH, DATABASE_URL: run.databaseUrl, DB_SCHEMA: run.gridsSchema, DB_POOL_MAX: '10', BENCH_TILE_GRANTS: CITY_PATH };
  const baseline = startService(run, { name: 'baseline', script: 'bench/grids-baseline.mjs', env: baselineEnv, port: ports.baseline });
  readyRss.baseline = await serviceReady(baseline);
  idleRss.baseline = readyRss.baseline;
  const bl = baseline.url;

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

  // --- priming (runner.mjs prime): PostgreSQL's custom plans of a named prepared statement, its
  // first five executions on each connection, are the slow ones here. For the county count the
  // custom plan is a parallel seq scan of the whole region table (0.3–0.6 s), the generic one an
  // ltree index scan (~40 ms); for tiles the custom plan is parallel too. So before its warm-up
  // every scenario gets every pooled connection past that phase. (What it took is in the JSON:
  // `priming`.)
  const priming = [];
  const primeScenario = async (label, base, tok, make) => {
    const one = async () => {
      const r = make();
      const res = await fetch(`${base}${r.path ?? '/graphql'}`, {
        method: r.body ? 'POST' : 'GET',
        headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
        body: r.body,
        signal: AbortSignal.timeout(60_000),
      }).catch(() => undefined);
      await res?.arrayBuffer().catch(() => {});
      return res !== undefined && res.status < 300;
    };
    priming.push(await prime(run, { label, one }));
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
    await primeScenario(name, opts.base, opts.token, () => opts.seq.next());
    if (warmup > 0) {
      log(`${name}: warm-up ${warmup} s`);
      await gridsCannon({ ...o, duration: warmup });
    }
    assertRunning(services);
    opts.seq.reset(); // the measurement starts the sequence again: both sides of a pair see the same requests
    log(`${name}: measuring ${duration} s at ${connections} connection${connections === 1 ? '' : 's'}`);
    sampler.begin(name);
    const out = await gridsCannon({ ...o, duration });
    phaseStats.push(sampler.end());
    phaseLabels.push(label);
    assertRunning(services);
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
  const hwm = vmHwmMb(procs);
  const peaks = sampler.peaks();

  // --- report
  console.log('');
  console.log(`dataset: seed ${SEED}, built in ${dataset.seconds.toFixed(1)} s (${dataset.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join('; ')})`);
  console.log(`  ${Object.entries(dataset.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log('');
  printScenarioTable(rows, { width: 50 });
  for (const s of skipped) console.log(`${pad(s.scenario, 50)}  skipped: ${s.why}`);

  printPairTables('pair (32 connections)', pairs, serial);
  printNotes(rows, notes, mismatches);

  printProcessTable({ procs, phaseStats, phaseLabels, rss: { ready: readyRss, idle: idleRss, peak: peaks, hwm } });
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

  const file = run.resultPath('.json');
  const report = {
    ...reportHead(run, machine, LOAD, { seed: SEED, serialSeconds: SERIAL_SECONDS, tileLayers: TILE_LAYERS, tileZoom: TILE_ZOOM, locatePoints: points.length, tilesInCity: allTiles.length, counties: counties.length }),
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
  writeResults(file, report);

  // A broken run (as opposed to a slow one) fails: failed responses or connection errors.
  return brokenRows(rows);
}

await runMain(run, main);
