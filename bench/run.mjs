#!/usr/bin/env node
// `npm run bench`: load test of the GraphQL gateway (see bench/README.md).
//
// Starts identity and gateway from their builds as separate processes on a schema and subject
// prefix of their own, seeds a city admin, a unit and persons through the gateway, then drives
// at 32 connections (autocannon, ~10 s each after a 2 s warm-up):
//   1. baseline reads    one plain node:http process answering steward(id) straight from PostgreSQL
//   2. gateway reads     query($id: ID!) { steward(id: $id) { id number class grid } }, Bearer token
//   3. gateway person    query($id: ID!) { person(id: $id) { … } } (masked; decrypts PII), reported only
//   4. baseline writes   the same process running enrollSteward's SQL transaction on PostgreSQL
//   5. gateway writes    enrollSteward, each request enrolling the next pre-registered person
// and prints req/s, p50/p99, errors and each process's memory and CPU, checks the targets, writes
// bench/results/<timestamp>.json and removes its schema and streams, also on failure or Ctrl-C.
//
// Settings (environment): BENCH_CONNECTIONS (32), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
// BENCH_PERSONS (most persons to pre-register, 24000), BENCH_SEED_SECONDS (longest registration, 45 s),
// BENCH_NODE_OPTIONS (NODE_OPTIONS for identity and gateway; default: tools/node-options.mjs, as in production).
// `npm run bench -- --profile` also writes CPU profiles of identity and the gateway (whole run,
// load included) and heap snapshots of both (at ready and after the load) to
// bench/results/<timestamp>-profiles/ (open them in Chrome DevTools).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, Sampler, describeMachine, freePort, heapSnapshot, procStats, round, rssMb, serviceEnvs, serviceReady, sleep, startService, vmHwmMb } from './procs.mjs';
import { LOGIN_MUTATION, SERVICE_OPTIONS, assertRunning, brokenRows, cannon, connectInfra, ensureBuilt, envNumber as num, graphqlClient, idCardNumber, inParallel, lpad, newRun, pad, printNotes, printProcessTable, printScenarioTable, reportHead, runMain, seedAdmin, summarise, writeResults } from './runner.mjs';

const CONNECTIONS = num('BENCH_CONNECTIONS', 32);
const DURATION = num('BENCH_DURATION', 10);
const WARMUP = num('BENCH_WARMUP', 2);
const MAX_PERSONS = num('BENCH_PERSONS', 24000);
// The two write scenarios (baseline and gateway) enrol about 12 s × (the sum of both write rates)
// persons; the baseline writes 1.5–2.5 times as fast as the gateway registers, so that takes about
// 35–45 s of registration.
const SEED_SECONDS = num('BENCH_SEED_SECONDS', 45);
const LOAD = { connections: CONNECTIONS, warmup: WARMUP, duration: DURATION };
const READ_STEWARDS = 100;

const PROFILE = process.argv.includes('--profile');

const TARGETS = { readRatio: 0.3, readP99Ms: 25, writeRatio: 0.4, writeP99Ms: 100, readyRssMb: 120, peakRssMb: 200 };

const CITY = 'jingmen';
const COUNTY = `${CITY}/dongbao`;
const GRIDS = ['g01', 'g02', 'g03', 'g04'].map((g) => `${COUNTY}/longquan/xiangshan/${g}`);
const AREA_CODE = '420802';

const READ_QUERY = 'query($id: ID!){ steward(id:$id){ id number class grid } }';
const PERSON_QUERY = 'query($id: ID!){ person(id:$id){ id name phone idCardNumber region masked } }';
const ENROLL_MUTATION = 'mutation($input: EnrollStewardInput!){ enrollSteward(input:$input){ id number } }';
const REGISTER_MUTATION = 'mutation($input: RegisterPersonInput!){ registerPerson(input:$input){ id region } }';

// The run: its schema and subject prefix, children and clean-up (runner.mjs newRun).
const run = newRun({ name: 'bench' });
const { log } = run;
const { gql } = graphqlClient();

// ---------------------------------------------------------------------------------------------
// helpers

/** The n-th synthetic resident: unique phone and ID number, one of four grids. */
function personInput(n) {
  const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 900) * 86_400_000);
  return {
    name: `压测居民${n}`,
    phone: `13${String(n).padStart(9, '0')}`,
    idCardNumber: idCardNumber(AREA_CODE, birth, 100 + (n % 900)),
    region: GRIDS[n % GRIDS.length],
  };
}

/**
 * One autocannon run against POST /graphql at CONNECTIONS. `nextBody()` gives each request's body;
 * `check(body)` says whether a 200 response is a success (GraphQL answers errors with 200).
 */
const gqlCannon = ({ base, token, nextBody, check, duration, max, onOk }) =>
  cannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    max,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    prepare: (req) => {
      req.body = nextBody();
    },
    check: (status, body) => status === 200 && check(body),
    onOk,
  });
/** The gateway benchmark's rows count the 200 answers without the expected data as `graphqlErrors`. */
const summariseRow = (scenario, out) => summarise(scenario, out, 'graphqlErrors');

const readCheck = (body) => body.includes('"steward":{"id"') && !body.includes('"errors"');
const personCheck = (body) => body.includes('"person":{"id"') && body.includes('"masked":true') && !body.includes('"errors"');
const enrollCheck = (body) => body.includes('"enrollSteward":{"id"') && !body.includes('"errors"');

const UUID_G = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** A value with ids, digits and timestamps blanked out: what two writes of the same kind share. */
function shapeOf(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return '<timestamp>';
  if (Array.isArray(v)) return v.map(shapeOf);
  if (typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shapeOf(v[k])]));
  if (typeof v === 'string') return v.replace(UUID_G, '<uuid>').replace(/\d+/g, 'N');
  return typeof v;
}

/** The rows one enrolment wrote (steward, number history, outbox, audit), for comparing shapes. */
async function enrolmentRows(client, stewardId) {
  const q = async (table, where) => (await client.query(`select * from "${run.schema}".${table} where ${where}`, [stewardId])).rows;
  return {
    steward: await q('steward', 'id = $1'),
    steward_number_history: await q('steward_number_history', 'steward_id = $1'),
    outbox_event: await q('outbox_event', "source = '/gov/identity/steward/' || $1::text"),
    audit_entry: await q('audit_entry', 'target_id = $1::text'),
  };
}

/** Differences between the shapes of two enrolments' rows; the relay's own columns are left out. */
function rowShapeDiffs(a, b) {
  const relayColumns = new Set(['sent_at', 'attempts', 'last_error', 'parked_at']);
  const diffs = [];
  for (const table of Object.keys(a)) {
    if (a[table].length !== b[table].length) {
      diffs.push(`${table}: ${a[table].length} vs ${b[table].length} rows`);
      continue;
    }
    for (let i = 0; i < a[table].length; i++) {
      const cols = new Set([...Object.keys(a[table][i]), ...Object.keys(b[table][i])]);
      for (const col of cols) {
        if (relayColumns.has(col)) continue;
        const x = JSON.stringify(shapeOf(a[table][i][col]));
        const y = JSON.stringify(shapeOf(b[table][i][col]));
        if (x !== y) diffs.push(`${table}.${col}: ${x} vs ${y}`);
      }
    }
  }
  return diffs;
}

async function outboxBacklog(client) {
  try {
    const r = await client.query(`select count(*)::int as n from "${run.schema}".outbox_event where sent_at is null`);
    return r.rows[0].n;
  } catch {
    return 0; // no such table in this version: nothing to wait for
  }
}

async function waitForOutbox(client, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let n = await outboxBacklog(client);
  if (n > 0) log(`waiting for identity's outbox relay to publish ${n} pending events`);
  while (n > 0 && Date.now() < deadline) {
    await sleep(500);
    n = await outboxBacklog(client);
  }
  if (n > 0) log(`outbox still has ${n} unpublished events after ${timeoutMs / 1000} s; measuring anyway`);
}

/** V8 heap figures from a service's Prometheus /metrics (prom-client default metrics). */
async function scrapeHeap(url) {
  try {
    const text = await (await fetch(url, { signal: AbortSignal.timeout(3000) })).text();
    const metric = (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN);
    const mb = (v) => (Number.isFinite(v) ? round(v / 1024 ** 2, 1) : undefined);
    return { heapUsedMb: mb(metric('nodejs_heap_size_used_bytes')), heapTotalMb: mb(metric('nodejs_heap_size_total_bytes')), externalMb: mb(metric('nodejs_external_memory_bytes')) };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const machine = await describeMachine({ ...LOAD, nodeOptions: SERVICE_OPTIONS, availableParallelism: true });

  ensureBuilt(run, ['apps/identity/dist/main.js', 'apps/identity/dist/index.js', 'apps/gateway/dist/main.js', 'libs/kernel/dist/index.js']);
  // The run's own client; runMain ends it.
  const db = await connectInfra(run);
  machine.postgres = (await db.query('show server_version')).rows[0].server_version;

  // --- services
  const envs = serviceEnvs({ run, nodeOptions: SERVICE_OPTIONS });
  const startRss = {};
  const ports = { identity: await freePort(), gateway: await freePort(), baseline: await freePort() };
  const profileDir = run.resultPath('-profiles');
  if (PROFILE) fs.mkdirSync(profileDir, { recursive: true });
  // CPU profiles are written when the services exit; heap snapshots when they get SIGUSR2 (snapshot()).
  const profileArgs = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${profileDir}`] : [];
  const snapshots = [];
  const hwmBeforeSnapshot = {};
  async function snapshot(child, port, moment) {
    if (!PROFILE) return;
    hwmBeforeSnapshot[child.name] ??= round((procStats(child.pid)?.hwmKb ?? 0) / 1024, 1);
    log(`${child.name}: writing a heap snapshot (${moment})`);
    const snap = await heapSnapshot(child, profileDir, `${child.name}-${moment}.heapsnapshot`, `http://127.0.0.1:${port}/health/live`);
    snapshots.push({ service: child.name, moment, file: path.relative(ROOT, snap.file), mb: round(snap.bytes / 1024 ** 2, 1), seconds: round(snap.ms / 1000, 1) });
    log(`${child.name}: heap snapshot ${path.relative(process.cwd(), snap.file)}, ${round(snap.bytes / 1024 ** 2, 1)} MB, written in ${round(snap.ms / 1000, 1)} s`);
  }

  const identity = startService(run, { name: 'identity', env: envs.identity, port: ports.identity, nodeArgs: profileArgs, note: `schema ${run.schema}, prefix ${run.prefix}` });
  startRss.identity = await serviceReady(identity);
  await snapshot(identity, ports.identity, 'ready');

  const gateway = startService(run, { name: 'gateway', env: envs.base, port: ports.gateway, nodeArgs: profileArgs });
  startRss.gateway = await serviceReady(gateway);
  await snapshot(gateway, ports.gateway, 'ready');
  const gw = gateway.url;

  // --- seed: first admin (in-process bootstrap in a short-lived child), unit, persons, stewards
  log('seeding the city admin (ensureBootstrapAdmin)');
  // The county of the bench's unit, as grids would publish it (identity places units only on regions of grids' tree).
  const admin = await seedAdmin(run, { env: envs.identity, region: CITY, regions: [COUNTY] });

  const { login } = await gql(gw, LOGIN_MUTATION, { l: admin.username, p: admin.password });
  const token = login.accessToken;
  const { createUnit: unit } = await gql(gw, 'mutation($input: CreateUnitInput!){ createUnit(input:$input){ id code } }', { input: { code: 'BENCHU1', name: '压测包联单位', kind: 'liaison_unit', region: COUNTY } }, token);

  log(`registering up to ${MAX_PERSONS} persons through the gateway (${CONNECTIONS} connections, at most ${SEED_SECONDS} s)`);
  const persons = [];
  let personN = 0;
  const registered = await gqlCannon({
    base: gw,
    token,
    duration: SEED_SECONDS,
    max: MAX_PERSONS,
    nextBody: () => JSON.stringify({ query: REGISTER_MUTATION, variables: { input: personInput(personN++) } }),
    check: (body) => body.includes('"registerPerson":{') && !body.includes('"errors"'),
    onOk: (body) => persons.push(JSON.parse(body).data.registerPerson),
  });
  const registerRow = summariseRow('gateway registerPerson (seeding, no warm-up)', registered);
  log(`registered ${persons.length} persons at ${registerRow.reqPerSec} req/s (p99 ${registerRow.p99Ms} ms, ${registered.bad} failed${registered.firstBad ? `: ${registered.firstBad}` : ''})`);
  if (persons.length < READ_STEWARDS + 1 + CONNECTIONS * 10) throw new Error(`only ${persons.length} persons registered; ${registered.firstBad ?? ''}`);

  const enrollInput = (p, i) => ({ personId: p.id, class: 2, unitId: unit.id, grid: p.region, building: String(1 + (i % 8)) });
  log(`enrolling ${READ_STEWARDS} stewards for the reads`);
  const enrolled = await inParallel(persons.slice(0, READ_STEWARDS), 8, async (p, i) => (await gql(gw, ENROLL_MUTATION, { input: enrollInput(p, i) }, token)).enrollSteward);
  const readStewards = enrolled.map((s) => s.id);
  const readPersons = persons.slice(0, READ_STEWARDS).map((p) => p.id);
  // persons[READ_STEWARDS] is enrolled once through the baseline below, to compare it with the gateway's.
  const writePool = persons.slice(READ_STEWARDS + 1);

  // Sanity checks of the reads through both paths before measuring.
  const viaGateway = (await gql(gw, READ_QUERY, { id: readStewards[0] }, token)).steward;
  const personViaGateway = (await gql(gw, PERSON_QUERY, { id: readPersons[0] }, token)).person;
  if (!personViaGateway?.masked || !personViaGateway.phone?.includes('*') || !personViaGateway.idCardNumber?.includes('*')) throw new Error(`person(id) did not answer masked: ${JSON.stringify(personViaGateway)}`);

  const actorRow = (await db.query(`select id from "${run.schema}".account where username = $1`, [admin.username])).rows[0];
  if (!actorRow) throw new Error(`no account ${admin.username} in ${run.schema}`);

  const baselineEnv = { PATH: process.env.PATH, DATABASE_URL: run.databaseUrl, DB_SCHEMA: run.schema, DB_POOL_MAX: '10', BENCH_ACTOR_ID: actorRow.id, BENCH_ACTOR_NAME: admin.username };
  const baseline = startService(run, { name: 'baseline', script: 'bench/baseline.mjs', env: baselineEnv, port: ports.baseline });
  startRss.baseline = await serviceReady(baseline);
  const bl = baseline.url;
  const viaBaseline = (await gql(bl, READ_QUERY, { id: readStewards[0] })).steward;
  if (JSON.stringify(viaGateway) !== JSON.stringify(viaBaseline)) throw new Error(`baseline and gateway disagree: ${JSON.stringify(viaBaseline)} vs ${JSON.stringify(viaGateway)}`);

  // The write: same response shape, and the same rows (ids, numbers and times aside) as identity's.
  const enrolledViaBaseline = (await gql(bl, ENROLL_MUTATION, { input: enrollInput(persons[READ_STEWARDS], READ_STEWARDS) })).enrollSteward;
  if (JSON.stringify(shapeOf(enrolledViaBaseline)) !== JSON.stringify(shapeOf(enrolled[0]))) {
    throw new Error(`baseline and gateway enrollSteward answers differ in shape: ${JSON.stringify(enrolledViaBaseline)} vs ${JSON.stringify(enrolled[0])}`);
  }
  const writeShapeDiffs = rowShapeDiffs(await enrolmentRows(db, enrolled[0].id), await enrolmentRows(db, enrolledViaBaseline.id));
  if (writeShapeDiffs.length) log(`warning: the baseline's enrolment rows differ from identity's (identity vs baseline):\n    ${writeShapeDiffs.join('\n    ')}`);
  else log('baseline enrolment rows (steward, number history, outbox, audit) have the same shape as identity\'s');

  await waitForOutbox(db);

  // --- load
  const services = [identity, gateway, baseline];
  const procs = { identity: identity.pid, gateway: gateway.pid, baseline: baseline.pid, 'load generator': process.pid };
  startRss['load generator'] = undefined;
  const idleRss = {};
  for (const [name, pid] of Object.entries(procs)) idleRss[name] = rssMb(pid);
  const sampler = new Sampler(procs, 200);
  sampler.start();
  const rows = [];
  const phaseStats = [];
  const phaseLabels = [];

  const readBodies = readStewards.map((id) => JSON.stringify({ query: READ_QUERY, variables: { id } }));
  let readI = 0;
  const nextRead = () => readBodies[readI++ % readBodies.length];
  const personBodies = readPersons.map((id) => JSON.stringify({ query: PERSON_QUERY, variables: { id } }));
  let personI = 0;
  const nextPerson = () => personBodies[personI++ % personBodies.length];

  async function scenario(name, label, opts) {
    log(`${name}: warm-up ${WARMUP} s`);
    await gqlCannon({ ...opts, duration: WARMUP, max: opts.max?.() });
    assertRunning(services);
    log(`${name}: measuring ${DURATION} s`);
    sampler.begin(name);
    const out = await gqlCannon({ ...opts, duration: DURATION, max: opts.max?.() });
    phaseStats.push(sampler.end());
    phaseLabels.push(label);
    assertRunning(services);
    const row = summariseRow(name, out);
    rows.push(row);
    log(`${name}: ${row.reqPerSec} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.ok}/${row.requests} ok`);
    return row;
  }

  /**
   * enrollSteward against `base`, each request enrolling the next person of `pool` (at most
   * `limit` of them). Returns the row and how many persons of the pool it used up.
   */
  const spare = CONNECTIONS * 2; // each connection builds one request it may never send
  async function writeScenario(name, label, base, pool, limit = pool.length) {
    let i = 0;
    const row = await scenario(name, label, {
      base,
      token: base === gw ? token : undefined,
      nextBody: () => {
        const k = Math.min(i++, limit - 1); // past the end: a duplicate, counted as an error
        return JSON.stringify({ query: ENROLL_MUTATION, variables: { input: enrollInput(pool[k], k) } });
      },
      check: enrollCheck,
      max: () => Math.max(CONNECTIONS, limit - i - spare),
    });
    const ranOut = row.durationS < DURATION - 0.5;
    return { row, used: Math.min(i, limit), pool: { persons: limit, used: Math.min(i, limit), ranOut } };
  }

  const baseRow = await scenario('baseline reads (pg direct)', 'bl reads', { base: bl, nextBody: nextRead, check: readCheck });
  const readRow = await scenario('gateway steward(id) reads', 'gw reads', { base: gw, token, nextBody: nextRead, check: readCheck });
  const personRow = await scenario('gateway person(id) reads (masked PII)', 'gw person', { base: gw, token, nextBody: nextPerson, check: personCheck });

  // The write pool is split: the baseline may use all but what the gateway is expected to need,
  // estimated from the seeding's registration rate (a write on the same path, so far a little
  // faster than enrollSteward) over warm-up and measurement, but at most half the pool; the
  // gateway then gets everything the baseline left.
  const gwReserve = Math.min(Math.ceil(writePool.length / 2), Math.ceil((WARMUP + DURATION + 1) * Math.max(registerRow.reqPerSec, 50)) + spare);
  const baseCap = writePool.length - gwReserve;
  const baseWrites = await writeScenario('baseline enrollSteward writes (pg direct)', 'bl writes', bl, writePool, baseCap);
  const baseWriteRow = baseWrites.row;
  // identity's relay publishes the baseline's events too: let it finish before the gateway's writes.
  const drainStarted = Date.now();
  const outboxLeft = await outboxBacklog(db);
  await waitForOutbox(db);
  const outboxDrainS = round((Date.now() - drainStarted) / 1000, 1);
  const gwPool = writePool.slice(baseWrites.used);
  const gwWrites = await writeScenario('gateway enrollSteward writes', 'gw writes', gw, gwPool);
  const writeRow = gwWrites.row;
  sampler.stop();

  const hwm = vmHwmMb(procs);
  const peaks = sampler.peaks();
  const heap = {};
  for (const [name, port] of [['identity', ports.identity], ['gateway', ports.gateway]]) heap[name] = await scrapeHeap(`http://127.0.0.1:${port}/metrics`);
  // After VmHWM is read: a snapshot needs memory of its own.
  await snapshot(identity, ports.identity, 'after-load');
  await snapshot(gateway, ports.gateway, 'after-load');

  // --- report
  console.log('');
  printScenarioTable([registerRow, ...rows], { width: 46, connections: false, bad: { title: 'gql err', width: 9, field: 'graphqlErrors' } });
  const ratioOf = (a, b) => (b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : 0);
  const ratio = ratioOf(readRow, baseRow);
  const personRatio = ratioOf(personRow, baseRow);
  const writeRatio = ratioOf(writeRow, baseWriteRow);
  console.log(`\ngateway reads / baseline reads throughput: ${(100 * ratio).toFixed(1)}%`);
  console.log(`gateway person(id) reads / baseline reads throughput: ${(100 * personRatio).toFixed(1)}%`);
  console.log(`gateway writes / baseline writes throughput: ${(100 * writeRatio).toFixed(1)}%`);
  console.log(`write pool: ${writePool.length} registered persons not yet stewards; baseline used ${baseWrites.used} (of at most ${baseCap}), gateway ${gwWrites.used} (of ${gwPool.length}); ${outboxLeft} of the baseline's events were still unpublished when its writes ended (identity's relay took ${outboxDrainS} s more)`);
  for (const [w, who] of [[baseWrites, 'baseline'], [gwWrites, 'gateway']]) {
    if (w.pool.ranOut) console.log(`note: the ${who} write scenario ran out of pre-registered persons after ${w.row.durationS} s of ${DURATION} (raise BENCH_PERSONS / BENCH_SEED_SECONDS); its req/s covers the shorter run`);
  }
  if (writeShapeDiffs.length) console.log(`note: the baseline's enrolment rows differ from identity's: ${writeShapeDiffs.join('; ')}`);
  printNotes(rows);

  const columns = [
    ['RSS ready', 10],
    ['pre-load', 10],
    ['peak RSS', 10],
    ['VmHWM', 10],
  ];
  printProcessTable({ procs, phaseStats, phaseLabels, rss: { ready: startRss, idle: idleRss, peak: peaks, hwm }, columns });
  console.log('  (RSS in MB from /proc/<pid>/status: when /health/ready first answered, after seeding, peak of 200 ms samples over the');
  console.log(`   measured ${DURATION} s of each scenario, and VmHWM = the kernel's peak over the whole life, start-up and seeding included)`);
  for (const [name, h] of Object.entries(heap)) if (h) console.log(`  ${name} V8 heap after the load: ${h.heapUsedMb} MB used of ${h.heapTotalMb} MB, external ${h.externalMb} MB (from /metrics)`);
  if (PROFILE) {
    console.log(`  --profile: VmHWM includes the heap snapshots taken at ready (VmHWM just before them: identity ${hwmBeforeSnapshot.identity} MB, gateway ${hwmBeforeSnapshot.gateway} MB), and CPU profiling slows everything down`);
    for (const s of snapshots) console.log(`  heap snapshot ${pad(`${s.service} ${s.moment}`, 22)} ${lpad(s.mb, 7)} MB  ${s.file}`);
  }

  const pct = (x) => `${(100 * x).toFixed(1)}%`;
  const checks = [
    { target: `gateway reads >= ${TARGETS.readRatio * 100}% of baseline reads throughput`, value: pct(ratio), measured: round(ratio, 3), limit: TARGETS.readRatio, pass: ratio >= TARGETS.readRatio },
    { target: `gateway reads p99 <= ${TARGETS.readP99Ms} ms`, value: `${readRow.p99Ms} ms`, measured: readRow.p99Ms, limit: TARGETS.readP99Ms, pass: readRow.p99Ms <= TARGETS.readP99Ms },
    { target: `gateway writes >= ${TARGETS.writeRatio * 100}% of baseline writes throughput`, value: pct(writeRatio), measured: round(writeRatio, 3), limit: TARGETS.writeRatio, pass: writeRatio >= TARGETS.writeRatio },
    { target: `gateway writes p99 <= ${TARGETS.writeP99Ms} ms`, value: `${writeRow.p99Ms} ms`, measured: writeRow.p99Ms, limit: TARGETS.writeP99Ms, pass: writeRow.p99Ms <= TARGETS.writeP99Ms },
    ...['identity', 'gateway'].map((name) => ({ target: `${name} RSS <= ${TARGETS.readyRssMb} MB when ready`, value: `${startRss[name]} MB`, measured: startRss[name], limit: TARGETS.readyRssMb, pass: startRss[name] <= TARGETS.readyRssMb })),
    ...['identity', 'gateway'].map((name) => ({ target: `${name} peak RSS <= ${TARGETS.peakRssMb} MB (VmHWM, whole run)`, value: `${hwm[name]} MB`, measured: hwm[name], limit: TARGETS.peakRssMb, pass: hwm[name] > 0 && hwm[name] <= TARGETS.peakRssMb })),
  ];
  console.log('\ntargets (2 cores):');
  console.log(`  INFO  ${pad('gateway person(id) reads (reported, no target)', 50)} ${personRow.reqPerSec} req/s, p99 ${personRow.p99Ms} ms, ${pct(personRatio)} of baseline reads`);
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'MISS'}  ${pad(c.target, 50)} ${c.value}`);

  const file = run.resultPath('.json');
  const report = {
    ...reportHead(run, machine, LOAD, {
      maxPersons: MAX_PERSONS,
      seedSeconds: SEED_SECONDS,
      readStewards: READ_STEWARDS,
      personsRegistered: persons.length,
      writePool: writePool.length,
      profile: PROFILE,
    }),
    scenarios: [registerRow, ...rows],
    readRatio: round(ratio, 3),
    personReadRatio: round(personRatio, 3),
    writeRatio: round(writeRatio, 3),
    writePools: { baseline: { ...baseWrites.pool, cap: baseCap }, gateway: { ...gwWrites.pool }, outboxLeftAfterBaselineWrites: outboxLeft, outboxDrainAfterBaselineWritesS: outboxDrainS },
    baselineWriteShapeDiffs: writeShapeDiffs,
    info: [{ scenario: personRow.scenario, reqPerSec: personRow.reqPerSec, p99Ms: personRow.p99Ms, ratioToBaselineReads: round(personRatio, 3) }],
    memory: { readyRssMb: startRss, preLoadRssMb: idleRss, peakRssUnderLoadMb: peaks, vmHwmMb: hwm, vmHwmBeforeHeapSnapshotMb: PROFILE ? hwmBeforeSnapshot : undefined, heapAfterLoad: heap, phases: phaseStats },
    heapSnapshots: PROFILE ? snapshots : undefined,
    targets: checks,
  };
  writeResults(file, report);

  // A broken run (as opposed to a slow one) fails: a failed read, or fewer than half the writes.
  const broken = brokenRows([baseRow, readRow, personRow]);
  for (const r of [baseWriteRow, writeRow]) if (r.ok < r.requests / 2) broken.push(`${r.scenario}: only ${r.ok} of ${r.requests} succeeded (${r.firstError ?? ''})`);
  return broken;
}

await runMain(run, main);
