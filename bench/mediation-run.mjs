#!/usr/bin/env node
// `npm run bench:mediation`: the mediation service's two hot reads through the gateway against a
// same-run baseline (see bench/README.md, "Mediation benchmark").
//
// Builds identity, mediation and the gateway (npx nx run-many -t build --projects=…; Nx's cache
// makes it quick), starts the three from their builds as separate processes on schemas and a
// subject prefix of their own, creates a city admin and logs in through the gateway, generates
// thirteen months of cases of two counties straight into the mediation schema
// (bench/mediation-generate.mjs: 200,000 cases; timed), starts the baseline
// (bench/mediation-baseline.mjs: the service's own SQL and shaping from one plain Node process) and
// measures, each side after priming (as bench/grids-run.mjs) and a 2 s warm-up:
//   1. cases   baseline vs query mediationCases(region: <county>, states, first: 20, after) at
//              BENCH_CONNECTIONS (4): a seeded mix over both counties of the newest page, pages 2–5
//              (after), and the state filters "in progress" (opened, assigned, mediating), agreed
//              and opened (waiting for a mediator)
//   2. stats   baseline vs query mediationStats(region: <county>, from, to, groupBy) at 4: both
//              counties, the twelve months up to tomorrow and the last 90 days, grouped by month,
//              category, organisation and region
// then both at 1 connection, and each request kind alone at 1 connection (INFO). It prints req/s,
// p50 and p99 with ratios, the targets as PASS/MISS, memory and CPU per process, writes
// bench/results/mediation-<timestamp>.json and removes its schemas and streams, also on failure or Ctrl-C.
//
// Settings (environment): BENCH_CONNECTIONS (4), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
// BENCH_SERIAL_SECONDS (3; 0 skips the 1-connection rows), BENCH_SEED (20261205), BENCH_CASES
// (200000), BENCH_SKIP_BUILD (unset; 1 uses the builds as they are), BENCH_NODE_OPTIONS
// (NODE_OPTIONS of the services; default tools/node-options.mjs).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { prng } from './grids-generate.mjs';
import { DEFAULT_SEED, PHONE_DUMMY_CIPHERTEXT, generateMediationData } from './mediation-generate.mjs';
import { CITY } from './tasks-generate.mjs';
import { CPU_GROUPS, OtherCpu, ROOT, Sampler, describeMachine, freePort, round, rssMb, serviceEnvs, serviceReady, startService, startServices, vmHwmMb } from './procs.mjs';
import { LOGIN_MUTATION, SERVICE_OPTIONS, assertRunning, brokenRows, cannon, connectInfra, envNumber as num, graphqlClient, missingBuilds, newRun, pad, prime, printNotes, printPairTables, printProcessTable, printScenarioTable, ratioOf, reportHead, runMain, seedAdmin, summarise, writeResults } from './runner.mjs';

const CONNECTIONS = num('BENCH_CONNECTIONS', 4, { integer: true });
const DURATION = num('BENCH_DURATION', 10);
const WARMUP = num('BENCH_WARMUP', 2);
const SERIAL_SECONDS = num('BENCH_SERIAL_SECONDS', 3, { zero: true });
const SEED = num('BENCH_SEED', DEFAULT_SEED, { integer: true });
const CASES = num('BENCH_CASES', 200_000, { integer: true });
const SKIP_BUILD = ['1', 'true', 'yes'].includes(String(process.env.BENCH_SKIP_BUILD ?? '').toLowerCase());
const LOAD = { connections: CONNECTIONS, warmup: WARMUP, duration: DURATION };

const TARGETS = { casesP99Ms: 100, statsP99Ms: 200 };
/** Requests per request kind at 1 connection (the per-kind INFO table). */
const PER_BODY_REQUESTS = 10;
const PAGE_SIZE = 20;
/** Pages 2 to this one are read with `after` (the cursor of the page before). */
const LAST_PAGE = 5;
const CST_OFFSET_MS = 8 * 3_600_000;
/** The seeded mix of each scenario: this many request bodies, replayed in order. */
const MIX_SIZE = 1024;

/** Request kinds of the case list, with their share of the mix (pages 2–5 share theirs). */
const LIST_KINDS = [
  { kind: 'newest', share: 0.35, variables: {} },
  { kind: 'pages 2-5', share: 0.25, paged: true },
  { kind: 'in progress', share: 0.15, variables: { states: ['opened', 'assigned', 'mediating'] } },
  { kind: 'agreed', share: 0.15, variables: { states: ['agreed'] } },
  { kind: 'waiting (opened)', share: 0.1, variables: { states: ['opened'] } },
];
const GROUPINGS = ['month', 'category', 'organisation', 'region'];

const FIGURES = 'taken resolved failed open successRate avgDaysToAgreement confirmed criminalRiskFlagged';
/** What a console's case list shows: the gateway's cost limit (1,000) allows about this much for 20 items (a case is costed with 10 parties). */
const CASES_QUERY =
  'query($region: String, $states: [MediationCaseState!], $first: Int, $after: String){ mediationCases(region:$region, states:$states, first:$first, after:$after){ items { id number category title region level state outcome criminalRisk organisationName mediatorName parties { role name } confirmationDeadline openedAt } pageInfo { endCursor hasNextPage } } }';
const STATS_QUERY = `query($region: String!, $from: String, $to: String, $groupBy: MediationStatsGrouping){ mediationStats(region:$region, from:$from, to:$to, groupBy:$groupBy){ region from to groupBy totals { ${FIGURES} } rows { key label ${FIGURES} } } }`;

const run = newRun({ name: 'bench:mediation', files: 'mediation-' });
const { log, startedAt } = run;
run.mediationSchema = `${run.schema}_mediation`;
run.schemas.push(run.mediationSchema);
const { gql, post } = graphqlClient({ timeoutMs: 60_000 });

// ---------------------------------------------------------------------------------------------
// helpers

function build() {
  const needed = [
    'apps/identity/dist/main.js', 'apps/identity/dist/index.js', 'apps/mediation/dist/main.js', 'apps/mediation/dist/migrate.js', 'apps/mediation/dist/stats/stats.service.js',
    'apps/mediation/dist/case/case-view.js', 'apps/gateway/dist/main.js', 'libs/mediation/data-access/dist/index.js',
  ];
  if (SKIP_BUILD) {
    const missing = missingBuilds(needed);
    if (missing.length) throw new Error(`BENCH_SKIP_BUILD is set but ${missing.join(', ')} are missing`);
    log('BENCH_SKIP_BUILD: using the builds as they are');
    return;
  }
  const args = ['nx', 'run-many', '-t', 'build', '--projects=@gov/identity,@gov/mediation,@gov/gateway', '--outputStyle=static'];
  log(`building: npx ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status ?? r.signal}):\n${(r.stdout + r.stderr).trim().slice(-3000)}`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s (${/Nx read the output from the cache[^\n]*/.exec(r.stdout)?.[0] ?? 'no cache summary'})`);
}

const jsonHeaders = (token) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
const casesCheck = (status, body) => status === 200 && body.includes('"mediationCases":{"items":[') && !body.includes('"errors"');
const statsCheck = (status, body) => status === 200 && body.includes('"mediationStats":{"region":') && !body.includes('"errors"');

/** Deep equality that ignores the order of object keys. */
const canonical = (x) => (Array.isArray(x) ? x.map(canonical) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canonical(x[k])])) : x);
const sameJson = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** The China Standard Time day (YYYY-MM-DD) of `at`, shifted by days and months. */
function cstDay(at, { days = 0, months = 0 } = {}) {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, local.getUTCDate() + days)).toISOString().slice(0, 10);
}

/** `count` bodies drawn (seeded) from `targets` by their `share`. */
function mixOf(targets, count, seed) {
  const rand = prng(seed);
  const total = targets.reduce((a, t) => a + t.share, 0);
  return Array.from({ length: count }, () => {
    let x = rand() * total;
    const t = targets.find((c) => (x -= c.share) < 0) ?? targets.at(-1);
    return t.body;
  });
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const machine = await describeMachine({ ...LOAD, nodeOptions: SERVICE_OPTIONS });

  build();
  const db = await connectInfra(run);
  machine.postgres = (await db.query('show server_version')).rows[0].server_version;
  const M = `"${run.mediationSchema}"`;

  // --- services: mediation with PII keys of its own and its clock sweep out of the way (it would
  // send confirmation reminders and lapse agreements in the middle of a scenario).
  const envs = serviceEnvs({ run, nodeOptions: SERVICE_OPTIONS });
  const pii = { PII_KEYS: `m1:${randomBytes(32).toString('base64')}`, PII_ACTIVE_KEY_ID: 'm1', PII_HMAC_KEY: randomBytes(32).toString('base64') };
  const mediationEnvs = { ...envs, withSchema: (schema) => ({ ...envs.withSchema(schema), ...pii, CLOCK_SWEEP_MS: '3600000' }) };
  const ports = { identity: await freePort(), mediation: await freePort(), gateway: await freePort(), baseline: await freePort() };
  const { identity, mediation, gateway, readyRss } = await startServices(run, { envs: mediationEnvs, ports, name: 'mediation', schema: run.mediationSchema });
  const gw = gateway.url;

  log('seeding the city admin (ensureBootstrapAdmin)');
  const admin = await seedAdmin(run, { env: envs.identity, region: CITY, timeoutMs: 90_000 });
  const { login } = await gql(gw, LOGIN_MUTATION, { l: admin.username, p: admin.password });
  const token = login.accessToken;
  log(`logged in through the gateway (token for ${login.expiresIn} s)`);
  const account = (await db.query(`select id, person_id from "${run.schema}".account where username = $1`, [admin.username])).rows[0];

  // --- the dataset
  const migrated = (await db.query(`select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'mediation_case'`, [run.mediationSchema])).rows[0].n;
  if (!migrated) throw new Error(`mediation did not migrate ${run.mediationSchema} (no mediation_case)`);
  log(`generating ${CASES} cases into ${run.mediationSchema} (seed ${SEED})`);
  const dataset = await generateMediationData(db, { schema: run.mediationSchema, seed: SEED, cases: CASES, until: startedAt, log });
  log(`dataset built in ${dataset.seconds.toFixed(1)} s: ${dataset.counts.mediation_case} cases, ${dataset.counts.case_party} parties, ${dataset.counts.case_timeline} timeline rows, ${dataset.counts.organisation} organisations, ${dataset.counts.mediator} mediators`);
  const sizes = (await db.query(`select pg_size_pretty(pg_total_relation_size('${M}.mediation_case')) as cases, pg_size_pretty(pg_total_relation_size('${M}.case_party')) as parties, pg_size_pretty(pg_total_relation_size('${M}.case_timeline')) as timeline`)).rows[0];
  const idleRss = { identity: rssMb(identity.pid), mediation: rssMb(mediation.pid), gateway: rssMb(gateway.pid) };

  // --- baseline, as the admin the gateway's token names
  const baselineActor = { accountId: account.id, personId: account.person_id, username: admin.username, grants: admin.grants };
  const baselineEnv = { PATH: process.env.PATH, DATABASE_URL: run.databaseUrl, DB_SCHEMA: run.mediationSchema, DB_POOL_MAX: '10', BENCH_ACTOR: JSON.stringify(baselineActor) };
  const baseline = startService(run, { name: 'baseline', script: 'bench/mediation-baseline.mjs', env: baselineEnv, port: ports.baseline });
  readyRss.baseline = await serviceReady(baseline);
  idleRss.baseline = readyRss.baseline;
  const bl = baseline.url;

  // --- the request kinds: case lists (pages 2–5 need the cursors of the pages before, read
  // through the gateway) and statistics
  const counties = Object.keys(dataset.grids);
  const caseBody = (variables) => JSON.stringify({ query: CASES_QUERY, variables: { first: PAGE_SIZE, ...variables } });
  const listTargets = [];
  for (const region of counties) {
    for (const k of LIST_KINDS) {
      if (!k.paged) {
        listTargets.push({ region, kind: k.kind, share: k.share / counties.length, variables: { region, ...k.variables }, body: caseBody({ region, ...k.variables }) });
        continue;
      }
      let after;
      for (let page = 2; page <= LAST_PAGE; page++) {
        const previous = await gql(gw, CASES_QUERY, { region, first: PAGE_SIZE, ...(after ? { after } : {}) }, token);
        after = previous.mediationCases.pageInfo.endCursor;
        if (!after) throw new Error(`${region} has fewer than ${LAST_PAGE} pages of cases`);
        const variables = { region, after };
        listTargets.push({ region, kind: `page ${page}`, share: k.share / counties.length / (LAST_PAGE - 1), variables, body: caseBody(variables) });
      }
    }
  }
  const now = new Date();
  const tomorrow = cstDay(now, { days: 1 });
  const periods = [
    { name: '12 months', from: cstDay(now, { days: 1, months: -12 }), to: tomorrow },
    { name: '90 days', from: cstDay(now, { days: -89 }), to: tomorrow },
  ];
  const statsTargets = counties.flatMap((region) =>
    periods.flatMap((p) =>
      GROUPINGS.map((groupBy) => {
        const variables = { region, from: p.from, to: p.to, groupBy };
        return { region, kind: `${p.name} by ${groupBy}`, share: 1, variables, body: JSON.stringify({ query: STATS_QUERY, variables }) };
      }),
    ),
  );
  const casesBodies = mixOf(listTargets, MIX_SIZE, SEED + 1);
  const statsBodies = mixOf(statsTargets, MIX_SIZE, SEED + 2);

  // --- does the gateway answer as the baseline does? Every request kind.
  const mismatches = [];
  for (const [what, targets, field] of [['mediationCases', listTargets, 'mediationCases'], ['mediationStats', statsTargets, 'mediationStats']]) {
    for (const target of targets) {
      const a = (await post(bl, target.body)).json;
      const b = (await post(gw, target.body, jsonHeaders(token))).json;
      if (!b.data?.[field]) throw new Error(`gateway ${what} failed for ${target.region} ${target.kind}: ${JSON.stringify(b).slice(0, 500)}`);
      if (!a.data?.[field]) throw new Error(`baseline ${what} failed for ${target.region} ${target.kind}: ${JSON.stringify(a).slice(0, 500)}`);
      if (!sameJson(a, b)) mismatches.push(`${what} ${target.region} ${target.kind}: baseline ${JSON.stringify(a).slice(0, 300)} vs gateway ${JSON.stringify(b).slice(0, 300)}`);
    }
  }
  for (const m of mismatches) log(`warning: the baseline and the gateway answer differently: ${m}`);
  if (!mismatches.length) log(`the baseline and the gateway give the same answers (${listTargets.length} mediationCases and ${statsTargets.length} mediationStats requests)`);

  // --- load
  const services = [identity, mediation, gateway, baseline];
  const procs = { identity: identity.pid, mediation: mediation.pid, gateway: gateway.pid, baseline: baseline.pid, 'load generator': process.pid };
  const sampler = new Sampler(procs, 200);
  sampler.start();
  const otherCpu = new OtherCpu(Object.values(procs), Object.values(CPU_GROUPS).flat());
  const otherStats = [];
  const rows = [];
  const phaseStats = [];
  const phaseLabels = [];
  const priming = [];

  async function scenario(name, label, { kind, base, bodies, check, connections, duration, warmup = WARMUP }) {
    const side = base === gw ? 'gateway' : 'baseline';
    const headers = jsonHeaders(side === 'gateway' ? token : undefined);
    let i = 0;
    const next = () => bodies[i++ % bodies.length];
    const one = async () => {
      const res = await post(base, next(), headers).catch(() => undefined);
      return res !== undefined && check(res.status, JSON.stringify(res.json));
    };
    priming.push(await prime(run, { label: name, one }));
    const load = (seconds) => cannon({ url: base, connections, duration: seconds, headers, prepare: (req) => void (req.body = next()), check });
    if (warmup > 0) {
      log(`${name}: warm-up ${warmup} s`);
      await load(warmup);
    }
    assertRunning(services);
    i = 0;
    log(`${name}: measuring ${duration} s at ${connections} connection${connections === 1 ? '' : 's'}`);
    sampler.begin(name);
    otherCpu.begin();
    const out = await load(duration);
    phaseStats.push(sampler.end());
    otherStats.push(otherCpu.end());
    phaseLabels.push(label);
    assertRunning(services);
    const row = { ...summarise(name, out), minPerSec: out.result.requests.min, connections, kind, side };
    rows.push(row);
    log(`${name}: ${row.reqPerSec} req/s (slowest second ${row.minPerSec}), p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.ok}/${row.requests} ok`);
    return row;
  }

  const casesOpts = (base) => ({ kind: 'cases', base, bodies: casesBodies, check: casesCheck, connections: CONNECTIONS, duration: DURATION });
  const statsOpts = (base) => ({ kind: 'stats', base, bodies: statsBodies, check: statsCheck, connections: CONNECTIONS, duration: DURATION });
  const pairs = [];
  pairs.push({
    kind: 'cases',
    baseline: await scenario('baseline mediationCases (same SQL)', 'bl cases', casesOpts(bl)),
    gateway: await scenario('gateway mediationCases(…)', 'gw cases', casesOpts(gw)),
  });
  pairs.push({
    kind: 'stats',
    baseline: await scenario('baseline mediationStats (same SQL)', 'bl stats', statsOpts(bl)),
    gateway: await scenario('gateway mediationStats(…)', 'gw stats', statsOpts(gw)),
  });
  const serial = [];
  if (SERIAL_SECONDS > 0) {
    const once = { connections: 1, warmup: 1, duration: SERIAL_SECONDS };
    serial.push({
      kind: 'cases',
      baseline: await scenario('baseline mediationCases, 1 connection', 'bl cases1', { ...casesOpts(bl), ...once }),
      gateway: await scenario('gateway mediationCases, 1 connection', 'gw cases1', { ...casesOpts(gw), ...once }),
    });
    serial.push({
      kind: 'stats',
      baseline: await scenario('baseline mediationStats, 1 connection', 'bl stats1', { ...statsOpts(bl), ...once }),
      gateway: await scenario('gateway mediationStats, 1 connection', 'gw stats1', { ...statsOpts(gw), ...once }),
    });
  }
  sampler.stop();
  const hwm = vmHwmMb(procs);
  const peaks = sampler.peaks();

  // Each request kind alone, one request at a time (INFO): where the time goes.
  const perKind = [];
  for (const [field, targets, check] of [['mediationCases', listTargets, casesCheck], ['mediationStats', statsTargets, statsCheck]]) {
    for (const target of targets) {
      const times = { gateway: [], baseline: [] };
      for (const [side, base] of [['baseline', bl], ['gateway', gw]]) {
        for (let i = 0; i < PER_BODY_REQUESTS; i++) {
          const t0 = performance.now();
          const res = await post(base, target.body, jsonHeaders(side === 'gateway' ? token : undefined));
          if (!check(res.status, JSON.stringify(res.json))) throw new Error(`${side} ${field} failed for ${target.region} ${target.kind}`);
          times[side].push(performance.now() - t0);
        }
        times[side].sort((a, b) => a - b);
      }
      perKind.push({
        field,
        region: target.region,
        kind: target.kind,
        baselineP50Ms: round(quantile(times.baseline, 0.5), 1),
        baselineMaxMs: round(times.baseline.at(-1), 1),
        gatewayP50Ms: round(quantile(times.gateway, 0.5), 1),
        gatewayMaxMs: round(times.gateway.at(-1), 1),
      });
    }
  }

  // --- report
  const c = dataset.counts;
  console.log('');
  console.log(`dataset: seed ${SEED}, cases until ${dataset.until}, built in ${dataset.seconds.toFixed(1)} s (${dataset.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join('; ')})`);
  console.log(`  ${c.mediation_case} cases (${Object.entries(c.states).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  console.log(`  confirmation: ${Object.entries(c.confirmation).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  ${c.case_party} parties (phones: a fixed dummy ciphertext), ${c.case_timeline} timeline rows, ${c.police_alert} police alerts, ${c.organisation} organisations, ${c.mediator} mediators, ${c.grids} grids`);
  console.log(`  sizes with indexes: mediation_case ${sizes.cases}, case_party ${sizes.parties}, case_timeline ${sizes.timeline}`);
  console.log('');
  printScenarioTable(rows, { width: 46 });
  printPairTables('pair', pairs, serial);
  console.log(`\nalone, 1 connection, ${PER_BODY_REQUESTS} each, ms            baseline p50 / max   gateway p50 / max`);
  for (const p of perKind) console.log(`  ${pad(`${p.field === 'mediationCases' ? 'cases' : 'stats'} ${p.region.split('/').pop()} ${p.kind}`, 48)}${pad(`${p.baselineP50Ms} / ${p.baselineMaxMs}`, 21)}${p.gatewayP50Ms} / ${p.gatewayMaxMs}`);
  printNotes(rows, [], mismatches);

  const otherRows = [
    { label: '  of which steal / irq+softirq', values: otherStats.map((o) => `${o.steal}/${o.irq}`) },
    { label: '  of which other processes', values: otherStats.map((o) => o.top.reduce((a, p) => a + p.cpuPercent, 0)) },
    ...otherStats.flatMap((o, i) => (o.top.length ? [`  other processes in ${phaseLabels[i]}: ${o.top.map((p) => `${p.comm} (${p.pid}) ${p.cpuPercent}%`).join(', ')}`] : [])),
  ];
  printProcessTable({ procs, phaseStats, phaseLabels, rss: { ready: readyRss, idle: idleRss, peak: peaks, hwm }, otherRows });
  console.log('  (RSS in MB: when /health/ready first answered, after the dataset, peak of 200 ms samples under load, VmHWM over the whole life)');

  const [cases, stats] = pairs;
  const checks = [
    { target: `gateway mediationCases (counties, ${CONNECTIONS} conns) p99 <= ${TARGETS.casesP99Ms} ms`, value: `${cases.gateway.p99Ms} ms`, measured: cases.gateway.p99Ms, limit: TARGETS.casesP99Ms, pass: cases.gateway.p99Ms <= TARGETS.casesP99Ms },
    { target: `gateway mediationStats (counties, ${CONNECTIONS} conns) p99 <= ${TARGETS.statsP99Ms} ms`, value: `${stats.gateway.p99Ms} ms`, measured: stats.gateway.p99Ms, limit: TARGETS.statsP99Ms, pass: stats.gateway.p99Ms <= TARGETS.statsP99Ms },
  ];
  console.log(`\ntargets (${machine.cpus} cores):`);
  console.log(`  INFO  ${pad('dataset built in (cases, parties, timeline rows)', 62)} ${dataset.seconds.toFixed(1)} s (${c.mediation_case}, ${c.case_party}, ${c.case_timeline})`);
  console.log(`  INFO  ${pad('baseline mediationCases (same SQL, one Node process)', 62)} ${cases.baseline.reqPerSec} req/s, p50 ${cases.baseline.p50Ms} ms, p99 ${cases.baseline.p99Ms} ms`);
  console.log(`  INFO  ${pad('baseline mediationStats (same SQL, one Node process)', 62)} ${stats.baseline.reqPerSec} req/s, p50 ${stats.baseline.p50Ms} ms, p99 ${stats.baseline.p99Ms} ms`);
  for (const ch of checks) console.log(`  ${ch.pass ? 'PASS' : 'MISS'}  ${pad(ch.target, 62)} ${ch.value}`);

  const file = run.resultPath('.json');
  const report = {
    ...reportHead(run, machine, LOAD, {
      seed: SEED,
      cases: CASES,
      serialSeconds: SERIAL_SECONDS,
      listTargets: listTargets.map((t) => ({ region: t.region, kind: t.kind, share: round(t.share, 4), ...t.variables })),
      statsTargets: statsTargets.map((t) => ({ region: t.region, kind: t.kind, ...t.variables })),
    }),
    dataset: { seconds: round(dataset.seconds, 1), until: dataset.until, steps: dataset.steps, counts: dataset.counts, sizes, phoneCiphertext: `fixed dummy: ${PHONE_DUMMY_CIPHERTEXT}` },
    priming,
    scenarios: rows,
    pairs: pairs.map((p) => ({ kind: p.kind, baseline: p.baseline.scenario, gateway: p.gateway.scenario, ratio: ratioOf(p.gateway, p.baseline) === undefined ? null : round(ratioOf(p.gateway, p.baseline), 3) })),
    perKind,
    mismatches,
    memory: { readyRssMb: readyRss, afterDatasetRssMb: idleRss, peakRssUnderLoadMb: peaks, vmHwmMb: hwm, phases: phaseStats },
    otherCpu: otherStats.map((o, i) => ({ phase: phaseLabels[i], ...o })),
    targets: checks,
  };
  writeResults(file, report);
  return brokenRows(rows);
}

await runMain(run, main);
