#!/usr/bin/env node
// `npm run bench:petitions`: the petitions service through the gateway against a same-run baseline
// (see bench/README.md, "Petitions benchmark").
//
// Builds identity, petitions and the gateway (npx nx run-many -t build --projects=…; Nx's cache
// makes it quick), starts the three from their builds as separate processes on schemas and a
// subject prefix of their own, creates a city admin and logs in through the gateway, generates a
// year of petitions of two counties straight into the petitions schema (bench/petitions-generate.mjs:
// 1,000,000 petitions; timed) and waits until the service has folded their statistics' deltas into
// its rollup (timed). It starts the baseline (bench/petitions-baseline.mjs: the service's
// statistics code and the intake's transaction from one plain Node process) and measures:
//   1. stats    baseline vs query petitionStats(region, from, to) at BENCH_STATS_CONNECTIONS (4): a
//               seeded mix over both counties and five periods ending now (7 days, the month so
//               far, 30, 90 and 365 days); then both at 1 connection, and each county and period
//               alone at 1 connection (INFO)
//   2. submit   baseline vs mutation submitPetition(input: { channel: hotline, category, description,
//               region, contact }) at BENCH_SUBMIT_CONNECTIONS (32) for BENCH_SUBMIT_DURATION (60 s)
//               each: the admin types in hotline calls (a contact, so encryption), over the busiest
//               grids of both counties and five categories
// each after priming (as bench/grids-run.mjs) and a 2 s warm-up. It prints req/s, p50 and p99 with
// ratios, the targets as PASS/MISS, memory and CPU per process, writes
// bench/results/petitions-<timestamp>.json and removes its schemas and streams, also on failure or Ctrl-C.
//
// Settings (environment): BENCH_STATS_CONNECTIONS (4), BENCH_SUBMIT_CONNECTIONS (32),
// BENCH_DURATION (10 s, the stats rows), BENCH_SUBMIT_DURATION (60 s), BENCH_WARMUP (2 s),
// BENCH_SERIAL_SECONDS (3; 0 skips the 1-connection rows), BENCH_SEED (20261204),
// BENCH_PETITIONS (1000000), BENCH_SKIP_BUILD (unset; 1 uses the builds as they are),
// BENCH_NODE_OPTIONS (NODE_OPTIONS of the services; default tools/node-options.mjs).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { prng } from './grids-generate.mjs';
import { DEFAULT_SEED, generatePetitionsData } from './petitions-generate.mjs';
import { CITY } from './tasks-generate.mjs';
import { CPU_GROUPS, OtherCpu, ROOT, Sampler, describeMachine, freePort, round, rssMb, serviceEnvs, serviceReady, sleep, startService, startServices, vmHwmMb } from './procs.mjs';
import { LOGIN_MUTATION, SERVICE_OPTIONS, assertRunning, brokenRows, cannon, connectInfra, envNumber as num, graphqlClient, missingBuilds, newRun, pad, pct, prime, printNotes, printPairTables, printProcessTable, printScenarioTable, ratioOf, reportHead, runMain, seedAdmin, summarise, writeResults } from './runner.mjs';

const STATS_CONNECTIONS = num('BENCH_STATS_CONNECTIONS', 4, { integer: true });
const SUBMIT_CONNECTIONS = num('BENCH_SUBMIT_CONNECTIONS', 32, { integer: true });
const DURATION = num('BENCH_DURATION', 10);
const SUBMIT_DURATION = num('BENCH_SUBMIT_DURATION', 60);
const WARMUP = num('BENCH_WARMUP', 2);
const SERIAL_SECONDS = num('BENCH_SERIAL_SECONDS', 3, { zero: true });
const SEED = num('BENCH_SEED', DEFAULT_SEED, { integer: true });
const PETITIONS = num('BENCH_PETITIONS', 1_000_000, { integer: true });
const SKIP_BUILD = ['1', 'true', 'yes'].includes(String(process.env.BENCH_SKIP_BUILD ?? '').toLowerCase());
const LOAD = { connections: SUBMIT_CONNECTIONS, warmup: WARMUP, duration: SUBMIT_DURATION };

const TARGETS = { submitPerSec: 300, submitP99Ms: 250, submitRatio: 0.35, statsP99Ms: 200 };
/** Requests per individual stats body at 1 connection (the per-period INFO table). */
const PER_BODY_REQUESTS = 20;
/** Submissions go to this many of the busiest grids of each county. */
const SUBMIT_GRIDS_PER_COUNTY = 100;
const SUBMIT_CATEGORIES = 5;
const DAY_MS = 86_400_000;
const CST_OFFSET_MS = 8 * 3_600_000;

const STATS_QUERY =
  'query($region: String!, $from: String!, $to: String!){ petitionStats(region:$region, from:$from, to:$to){ region from to intake byChannel { key labelZh count } byCategory { key labelZh count } closed onTimeClosureRate averageHandlingDays responseRate resolutionRate satisfactionRate averageRating overdueOpen escalated whistles whistlesLate departments { departmentId departmentName assigned closed onTimeRate satisfactionRate averageHandlingDays } } }';
const SUBMIT_MUTATION = 'mutation($input: SubmitPetitionInput!){ submitPetition(input:$input){ petition { trackingCode } } }';

const run = newRun({ name: 'bench:petitions', files: 'petitions-' });
const { log, startedAt } = run;
run.petitionsSchema = `${run.schema}_petitions`;
run.schemas.push(run.petitionsSchema);
const { gql, post } = graphqlClient({ timeoutMs: 60_000 });

// ---------------------------------------------------------------------------------------------
// helpers

function build() {
  const needed = ['apps/identity/dist/main.js', 'apps/identity/dist/index.js', 'apps/petitions/dist/main.js', 'apps/petitions/dist/migrate.js', 'apps/gateway/dist/main.js', 'libs/petitions/data-access/dist/index.js'];
  if (SKIP_BUILD) {
    const missing = missingBuilds(needed);
    if (missing.length) throw new Error(`BENCH_SKIP_BUILD is set but ${missing.join(', ')} are missing`);
    log('BENCH_SKIP_BUILD: using the builds as they are');
    return;
  }
  const args = ['nx', 'run-many', '-t', 'build', '--projects=@gov/identity,@gov/petitions,@gov/gateway', '--outputStyle=static'];
  log(`building: npx ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status ?? r.signal}):\n${(r.stdout + r.stderr).trim().slice(-3000)}`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s (${/Nx read the output from the cache[^\n]*/.exec(r.stdout)?.[0] ?? 'no cache summary'})`);
}

const jsonHeaders = (token) => ({ 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) });
const statsCheck = (status, body) => status === 200 && body.includes('"petitionStats":{"region":') && !body.includes('"errors"');
const submitCheck = (status, body) => status === 200 && body.includes('"submitPetition":{"petition":{"trackingCode":"') && !body.includes('"errors"');

/** Unsent outbox rows of a schema (its relay publishes them after commit). */
async function unsent(db, schema) {
  return (await db.query(`select count(*)::int as n from "${schema}".outbox_event where sent_at is null and parked_at is null`)).rows[0].n;
}
/** Waits until `count()` is 0; resolves to the seconds it took. */
async function waitZero(what, count, timeoutMs = 300_000) {
  const started = Date.now();
  for (;;) {
    const left = await count();
    if (left === 0) {
      log(`${what}: done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return (Date.now() - started) / 1000;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: ${left} still left after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** The start of the China Standard Time month of `at`. */
function cstMonthStart(at) {
  const local = new Date(at.getTime() + CST_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - CST_OFFSET_MS);
}

/** Deep equality that ignores the order of object keys (GraphQL answers in the query's order). */
const canonical = (x) => (Array.isArray(x) ? x.map(canonical) : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, canonical(x[k])])) : x);
const sameJson = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const machine = await describeMachine({ ...LOAD, nodeOptions: SERVICE_OPTIONS });

  build();
  const db = await connectInfra(run);
  machine.postgres = (await db.query('show server_version')).rows[0].server_version;
  const P = `"${run.petitionsSchema}"`;

  // --- services: petitions with PII keys of its own (contacts are encrypted) and its clock sweep
  // out of the way (it would escalate the dataset's overdue petitions in the middle of a scenario).
  const envs = serviceEnvs({ run, nodeOptions: SERVICE_OPTIONS });
  const pii = { PII_KEYS: `p1:${randomBytes(32).toString('base64')}`, PII_ACTIVE_KEY_ID: 'p1', PII_HMAC_KEY: randomBytes(32).toString('base64') };
  const petitionsEnvs = { ...envs, withSchema: (schema) => ({ ...envs.withSchema(schema), ...pii, CLOCK_SWEEP_MS: '3600000' }) };
  const ports = { identity: await freePort(), petitions: await freePort(), gateway: await freePort(), baseline: await freePort() };
  const { identity, petitions, gateway, readyRss } = await startServices(run, { envs: petitionsEnvs, ports, name: 'petitions', schema: run.petitionsSchema });
  const gw = gateway.url;

  log('seeding the city admin (ensureBootstrapAdmin)');
  const admin = await seedAdmin(run, { env: envs.identity, region: CITY, timeoutMs: 90_000 });
  const { login } = await gql(gw, LOGIN_MUTATION, { l: admin.username, p: admin.password });
  const token = login.accessToken;
  log(`logged in through the gateway (token for ${login.expiresIn} s)`);

  // --- the dataset, then the service's compaction of its statistics' deltas
  const migrated = (await db.query(`select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'petition_stats_day'`, [run.petitionsSchema])).rows[0].n;
  if (!migrated) throw new Error(`petitions did not migrate ${run.petitionsSchema} (no petition_stats_day)`);
  log(`generating ${PETITIONS} petitions into ${run.petitionsSchema} (seed ${SEED})`);
  const dataset = await generatePetitionsData(db, { schema: run.petitionsSchema, seed: SEED, petitions: PETITIONS, until: startedAt, log });
  log(`dataset built in ${dataset.seconds.toFixed(1)} s: ${dataset.counts.petition} petitions, ${dataset.counts.whistle} whistles, ${dataset.counts.grids} grids`);
  const compactionS = await waitZero('the service folds the statistics deltas into its rollup', async () => (await db.query(`select count(*)::int as n from ${P}.petition_stats_delta`)).rows[0].n, 600_000);
  for (const table of ['petition_stats_day', 'petition_stats_delta']) await db.query(`vacuum (analyze) ${P}.${table}`);
  const rollup = (await db.query(`select count(*)::int as rows, count(distinct area)::int as areas, pg_size_pretty(pg_total_relation_size('${P}.petition_stats_day')) as size from ${P}.petition_stats_day`)).rows[0];
  log(`rollup: ${rollup.rows} rows for ${rollup.areas} areas (${rollup.size})`);

  // --- the stats mix: both counties, five periods ending now
  const now = new Date();
  const periods = [
    { name: '7 days', from: new Date(now.getTime() - 7 * DAY_MS) },
    { name: 'month so far', from: cstMonthStart(now) },
    { name: '30 days', from: new Date(now.getTime() - 30 * DAY_MS) },
    { name: '90 days', from: new Date(now.getTime() - 90 * DAY_MS) },
    { name: '365 days', from: new Date(now.getTime() - 365 * DAY_MS) },
  ].filter((p) => p.from < now);
  const counties = Object.keys(dataset.grids);
  const statsTargets = counties.flatMap((region) => periods.map((p) => ({ region, period: p.name, variables: { region, from: p.from.toISOString(), to: now.toISOString() } })));
  const rand = prng(SEED + 1);
  const statsBodies = Array.from({ length: 1024 }, () => JSON.stringify({ query: STATS_QUERY, variables: statsTargets[Math.floor(rand() * statsTargets.length)].variables }));

  // --- submissions: hotline calls typed in by the admin, over the busiest grids and five categories
  const submitGrids = counties.flatMap((c) => dataset.grids[c].slice(0, SUBMIT_GRIDS_PER_COUNTY));
  const categoryKeys = (await db.query(`select key from ${P}.category where current and not retired and key like '%.%' order by key limit $1`, [SUBMIT_CATEGORIES])).rows.map((r) => r.key);
  const submitSeq = (side) => {
    let k = 0;
    return {
      used: () => k,
      reset: () => {},
      next: () => {
        const i = k++;
        const input = {
          channel: 'hotline',
          category: categoryKeys[i % categoryKeys.length],
          description: `压测（${side === 'gateway' ? '网关' : '基线'}）${i}：小区路灯坏了一周，晚上老人出行不便，请尽快修复。`,
          region: submitGrids[(i * 7) % submitGrids.length],
          contact: { name: '张秀英', phone: `139${String(i % 100_000_000).padStart(8, '0')}` },
        };
        return { body: JSON.stringify({ query: SUBMIT_MUTATION, variables: { input } }) };
      },
    };
  };
  const submitSeqs = { gateway: submitSeq('gateway'), baseline: submitSeq('baseline') };

  // One submission through the gateway: it must work, and it names the submitter the baseline uses.
  const first = (await post(gw, submitSeqs.gateway.next().body, jsonHeaders(token))).json;
  const code = first.data?.submitPetition?.petition?.trackingCode;
  if (!code) throw new Error(`gateway submitPetition failed: ${JSON.stringify(first).slice(0, 500)}`);
  const submitter = (
    await db.query(`select p.id, p.submitted_by as "accountId", p.submitted_by_person as "personId", e.actor_label as username from ${P}.petition p join ${P}.petition_event e on e.petition_id = p.id where p.tracking_code = $1`, [code])
  ).rows[0];
  const idleRss = { identity: rssMb(identity.pid), petitions: rssMb(petitions.pid), gateway: rssMb(gateway.pid) };

  // --- baseline
  const baselineEnv = { PATH: process.env.PATH, DATABASE_URL: run.databaseUrl, DB_SCHEMA: run.petitionsSchema, DB_POOL_MAX: '10', ...pii, BENCH_ACTOR: JSON.stringify(submitter) };
  const baseline = startService(run, { name: 'baseline', script: 'bench/petitions-baseline.mjs', env: baselineEnv, port: ports.baseline });
  readyRss.baseline = await serviceReady(baseline);
  idleRss.baseline = readyRss.baseline;
  const bl = baseline.url;

  // --- does the gateway answer as the baseline does? Every stats target, and a submission each.
  const mismatches = [];
  for (const target of statsTargets) {
    const body = JSON.stringify({ query: STATS_QUERY, variables: target.variables });
    const a = (await post(bl, body)).json;
    const b = (await post(gw, body, jsonHeaders(token))).json;
    if (!b.data?.petitionStats) throw new Error(`gateway petitionStats failed for ${target.region} ${target.period}: ${JSON.stringify(b).slice(0, 500)}`);
    if (!sameJson(a, b)) mismatches.push(`petitionStats ${target.region} ${target.period}: baseline ${JSON.stringify(a).slice(0, 200)} vs gateway ${JSON.stringify(b).slice(0, 200)}`);
  }
  const blFirst = (await post(bl, submitSeqs.baseline.next().body)).json;
  const blCode = blFirst.data?.submitPetition?.petition?.trackingCode;
  if (!blCode) throw new Error(`baseline submitPetition failed: ${JSON.stringify(blFirst).slice(0, 500)}`);
  {
    // The same columns set, the same kind of ciphertext, the same event.
    const rows = (await db.query(`select * from ${P}.petition where tracking_code = any($1::text[]) order by seq`, [[code, blCode]])).rows;
    const filled = (r) => Object.keys(r).filter((k) => r[k] !== null).sort().join(',');
    if (rows.length !== 2 || filled(rows[0]) !== filled(rows[1])) mismatches.push(`submitPetition: the petition rows differ in the columns they fill: gateway ${filled(rows[0] ?? {})} vs baseline ${filled(rows[1] ?? {})}`);
    if (rows.some((r) => !/^v2:p1:/.test(r.contact_enc ?? ''))) mismatches.push('submitPetition: a contact is not encrypted with the service key');
    const events = (await db.query(`select e.subject, e.type, e.county, e.data::text as data from ${P}.outbox_event e where e.type = 'gov.petitions.petition.submitted.v1' and e.data->>'trackingCode' = any($1::text[]) order by e.seq`, [[code, blCode]])).rows;
    const kinds = new Set(events.map((r) => `${r.type} ${JSON.stringify(Object.keys(JSON.parse(r.data)).sort())}`));
    if (events.length !== 2 || kinds.size !== 1) mismatches.push(`submitPetition: the outbox rows differ: ${JSON.stringify(events).slice(0, 500)}`);
  }
  for (const m of mismatches) log(`warning: the baseline and the gateway answer differently: ${m}`);
  if (!mismatches.length) log(`the baseline and the gateway give the same answers (${statsTargets.length} petitionStats requests; a submission each: the petition's columns, its ciphertext and its event)`);
  await waitZero('outbox after the checks', () => unsent(db, run.petitionsSchema));

  // --- load
  const services = [identity, petitions, gateway, baseline];
  const procs = { identity: identity.pid, petitions: petitions.pid, gateway: gateway.pid, baseline: baseline.pid, 'load generator': process.pid };
  const sampler = new Sampler(procs, 200);
  sampler.start();
  const otherCpu = new OtherCpu(Object.values(procs), Object.values(CPU_GROUPS).flat());
  const otherStats = [];
  const rows = [];
  const phaseStats = [];
  const phaseLabels = [];
  const priming = [];

  async function scenario(name, label, { kind, base, seq, check, connections, duration, warmup = WARMUP }) {
    const side = base === gw ? 'gateway' : 'baseline';
    const headers = jsonHeaders(side === 'gateway' ? token : undefined);
    const one = async () => {
      const res = await post(base, seq.next().body, headers).catch(() => undefined);
      return res !== undefined && check(res.status, JSON.stringify(res.json));
    };
    priming.push(await prime(run, { label: name, one }));
    const load = (seconds) => cannon({ url: base, connections, duration: seconds, headers, prepare: (req) => void (req.body = seq.next().body), check });
    if (warmup > 0) {
      log(`${name}: warm-up ${warmup} s`);
      await load(warmup);
    }
    assertRunning(services);
    seq.reset();
    log(`${name}: measuring ${duration} s at ${connections} connection${connections === 1 ? '' : 's'}`);
    sampler.begin(name);
    otherCpu.begin();
    const monoStartUs = Number(process.hrtime.bigint() / 1000n);
    const out = await load(duration);
    const monoEndUs = Number(process.hrtime.bigint() / 1000n);
    phaseStats.push(sampler.end());
    otherStats.push(otherCpu.end());
    phaseLabels.push(label);
    assertRunning(services);
    const row = { ...summarise(name, out), minPerSec: out.result.requests.min, connections, kind, side, monoStartUs, monoEndUs };
    rows.push(row);
    log(`${name}: ${row.reqPerSec} req/s (slowest second ${row.minPerSec}), p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.ok}/${row.requests} ok`);
    return row;
  }

  const statsSeq = (() => {
    let i = 0;
    return { reset: () => (i = 0), next: () => ({ body: statsBodies[i++ % statsBodies.length] }) };
  })();
  const statsOpts = (base) => ({ kind: 'stats', base, seq: statsSeq, check: statsCheck, connections: STATS_CONNECTIONS, duration: DURATION });
  const pairs = [];
  pairs.push({
    kind: 'stats',
    baseline: await scenario('baseline petitionStats (same SQL)', 'bl stats', statsOpts(bl)),
    gateway: await scenario('gateway petitionStats(…)', 'gw stats', statsOpts(gw)),
  });
  const serial = [];
  if (SERIAL_SECONDS > 0) {
    const once = { connections: 1, warmup: 1, duration: SERIAL_SECONDS };
    serial.push({
      kind: 'stats',
      baseline: await scenario('baseline petitionStats, 1 connection', 'bl stats1', { ...statsOpts(bl), ...once }),
      gateway: await scenario('gateway petitionStats, 1 connection', 'gw stats1', { ...statsOpts(gw), ...once }),
    });
  }
  // Each county and period alone, one request at a time (INFO): where the time goes by period.
  const perPeriod = [];
  for (const target of statsTargets) {
    const body = JSON.stringify({ query: STATS_QUERY, variables: target.variables });
    const times = { gateway: [], baseline: [] };
    for (const [side, base] of [['baseline', bl], ['gateway', gw]]) {
      for (let i = 0; i < PER_BODY_REQUESTS; i++) {
        const t0 = performance.now();
        const res = await post(base, body, jsonHeaders(side === 'gateway' ? token : undefined));
        if (!statsCheck(res.status, JSON.stringify(res.json))) throw new Error(`${side} petitionStats failed for ${target.region} ${target.period}`);
        times[side].push(performance.now() - t0);
      }
      times[side].sort((a, b) => a - b);
    }
    perPeriod.push({
      region: target.region,
      period: target.period,
      baselineP50Ms: round(quantile(times.baseline, 0.5), 1),
      baselineMaxMs: round(times.baseline.at(-1), 1),
      gatewayP50Ms: round(quantile(times.gateway, 0.5), 1),
      gatewayMaxMs: round(times.gateway.at(-1), 1),
    });
  }

  const deltas = async () => (await db.query(`select count(*)::int as n from ${P}.petition_stats_delta`)).rows[0].n;
  const blSubmit = await scenario('baseline submit transaction (pg direct)', 'bl submit', {
    kind: 'submit', base: bl, seq: submitSeqs.baseline, check: submitCheck, connections: SUBMIT_CONNECTIONS, duration: SUBMIT_DURATION,
  });
  // The baseline's events and deltas are the service's to publish and fold (that CPU is in the
  // `bl submit` column); the gateway's submissions start once both are done.
  const relayLagS = await waitZero('outbox after the baseline submissions', () => unsent(db, run.petitionsSchema));
  await waitZero('statistics deltas after the baseline submissions', deltas);
  const gwSubmit = await scenario('gateway submitPetition(input)', 'gw submit', {
    kind: 'submit', base: gw, seq: submitSeqs.gateway, check: submitCheck, connections: SUBMIT_CONNECTIONS, duration: SUBMIT_DURATION,
  });
  pairs.push({ kind: 'submit', baseline: blSubmit, gateway: gwSubmit });
  sampler.stop();
  const hwm = vmHwmMb(procs);
  const peaks = sampler.peaks();
  await waitZero('outbox after the gateway submissions', () => unsent(db, run.petitionsSchema));

  // --- what the submissions stored: per side, petition rows = timeline rows = events >= successful answers
  const stored = {};
  for (const [side, word] of [['gateway', '网关'], ['baseline', '基线']]) {
    const r = (
      await db.query(
        `select count(*)::int as petitions,
                (select count(*) from ${P}.petition_event e join ${P}.petition p2 on p2.id = e.petition_id where p2.description like $1)::int as "timelineRows",
                (select count(*) from ${P}.outbox_event o where o.type = 'gov.petitions.petition.submitted.v1' and o.data->>'id' in (select id::text from ${P}.petition where description like $1))::int as events,
                count(*) filter (where contact_enc like 'v2:p1:%')::int as encrypted
         from ${P}.petition where description like $1`,
        [`压测（${word}）%`],
      )
    ).rows[0];
    stored[side] = { ...r, requestsBuilt: submitSeqs[side].used() };
  }
  const notes = [];
  for (const [side, s] of Object.entries(stored)) {
    if (s.petitions !== s.timelineRows || s.petitions !== s.events || s.petitions !== s.encrypted || s.petitions > s.requestsBuilt) {
      notes.push(`${side} submissions: ${s.petitions} petitions, ${s.timelineRows} timeline rows, ${s.events} events, ${s.encrypted} encrypted contacts, ${s.requestsBuilt} requests built`);
    }
  }

  // --- report
  console.log('');
  console.log(`dataset: seed ${SEED}, petitions until ${dataset.until}, built in ${dataset.seconds.toFixed(1)} s (${dataset.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join('; ')})`);
  console.log(`  ${dataset.counts.petition} petitions (${Object.entries(dataset.counts.states).map(([k, v]) => `${k} ${v}`).join(', ')}), ${dataset.counts.whistle} whistles, ${dataset.counts.department_ref} departments, ${dataset.counts.grids} grids`);
  console.log(`  the service folded their statistics into the rollup in ${compactionS.toFixed(1)} s: ${rollup.rows} rows for ${rollup.areas} areas (${rollup.size})`);
  console.log('');
  printScenarioTable(rows, { width: 46 });
  printPairTables('pair', pairs, serial);
  console.log('\npetitionStats alone, 1 connection, ms    baseline p50 / max   gateway p50 / max');
  for (const p of perPeriod) console.log(`  ${pad(`${p.region} ${p.period}`, 38)}${pad(`${p.baselineP50Ms} / ${p.baselineMaxMs}`, 21)}${p.gatewayP50Ms} / ${p.gatewayMaxMs}`);
  console.log(`\nsubmissions stored (petition rows, timeline rows, submitted events, encrypted contacts; requests built):`);
  for (const [side, s] of Object.entries(stored)) console.log(`  ${pad(side, 9)} ${s.petitions}, ${s.timelineRows}, ${s.events}, ${s.encrypted}; ${s.requestsBuilt}`);
  console.log(`  the petitions service's relay published the baseline's events ${relayLagS.toFixed(1)} s after its last submission`);
  printNotes(rows, notes, mismatches);

  const otherRows = [
    { label: '  of which steal / irq+softirq', values: otherStats.map((o) => `${o.steal}/${o.irq}`) },
    { label: '  of which other processes', values: otherStats.map((o) => o.top.reduce((a, p) => a + p.cpuPercent, 0)) },
    ...otherStats.flatMap((o, i) => (o.top.length ? [`  other processes in ${phaseLabels[i]}: ${o.top.map((p) => `${p.comm} (${p.pid}) ${p.cpuPercent}%`).join(', ')}`] : [])),
  ];
  printProcessTable({ procs, phaseStats, phaseLabels, rss: { ready: readyRss, idle: idleRss, peak: peaks, hwm }, otherRows });
  console.log('  (RSS in MB: when /health/ready first answered, after the dataset, peak of 200 ms samples under load, VmHWM over the whole life)');

  const st = pairs.find((p) => p.kind === 'stats');
  const sr = ratioOf(gwSubmit, blSubmit);
  const gwFailures = gwSubmit.requests - gwSubmit.ok + gwSubmit.connErrors + gwSubmit.timeouts;
  const checks = [
    { target: `gateway submitPetition >= ${TARGETS.submitPerSec}/s for ${SUBMIT_DURATION} s`, value: `${gwSubmit.reqPerSec}/s (slowest second ${gwSubmit.minPerSec})`, measured: gwSubmit.reqPerSec, limit: TARGETS.submitPerSec, pass: gwSubmit.reqPerSec >= TARGETS.submitPerSec },
    { target: `gateway submitPetition p99 <= ${TARGETS.submitP99Ms} ms`, value: `${gwSubmit.p99Ms} ms`, measured: gwSubmit.p99Ms, limit: TARGETS.submitP99Ms, pass: gwSubmit.p99Ms <= TARGETS.submitP99Ms },
    { target: 'gateway submitPetition: no failed request', value: `${gwFailures} failed`, measured: gwFailures, limit: 0, pass: gwFailures === 0 },
    { target: `gateway submits >= ${TARGETS.submitRatio * 100}% of baseline throughput`, value: pct(sr), measured: round(sr ?? 0, 3), limit: TARGETS.submitRatio, pass: (sr ?? 0) >= TARGETS.submitRatio },
    { target: `gateway petitionStats (counties, ${STATS_CONNECTIONS} conns) p99 <= ${TARGETS.statsP99Ms} ms`, value: `${st.gateway.p99Ms} ms`, measured: st.gateway.p99Ms, limit: TARGETS.statsP99Ms, pass: st.gateway.p99Ms <= TARGETS.statsP99Ms },
  ];
  console.log(`\ntargets (${machine.cpus} cores):`);
  console.log(`  INFO  ${pad('dataset built in (petitions, whistles)', 62)} ${dataset.seconds.toFixed(1)} s (${dataset.counts.petition}, ${dataset.counts.whistle})`);
  console.log(`  INFO  ${pad('statistics rollup folded by the service in', 62)} ${compactionS.toFixed(1)} s`);
  console.log(`  INFO  ${pad(`baseline petitionStats (same code and SQL, one Node process)`, 62)} ${st.baseline.reqPerSec} req/s, p99 ${st.baseline.p99Ms} ms`);
  console.log(`  INFO  ${pad(`baseline submit transaction (one Node process)`, 62)} ${blSubmit.reqPerSec} req/s, p99 ${blSubmit.p99Ms} ms`);
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'MISS'}  ${pad(c.target, 62)} ${c.value}`);

  const file = run.resultPath('.json');
  const report = {
    ...reportHead(run, machine, LOAD, {
      seed: SEED,
      petitions: PETITIONS,
      statsConnections: STATS_CONNECTIONS,
      statsDurationS: DURATION,
      submitConnections: SUBMIT_CONNECTIONS,
      serialSeconds: SERIAL_SECONDS,
      statsTargets: statsTargets.map((t) => ({ region: t.region, period: t.period, ...t.variables })),
      submitGrids: submitGrids.length,
      submitCategories: categoryKeys,
    }),
    dataset: { seconds: round(dataset.seconds, 1), until: dataset.until, steps: dataset.steps, counts: dataset.counts, compactionSeconds: round(compactionS, 1), rollup },
    priming,
    scenarios: rows,
    pairs: pairs.map((p) => ({ kind: p.kind, baseline: p.baseline.scenario, gateway: p.gateway.scenario, ratio: ratioOf(p.gateway, p.baseline) === undefined ? null : round(ratioOf(p.gateway, p.baseline), 3) })),
    perPeriod,
    submissionsStored: stored,
    relayLagAfterBaselineSubmitsS: round(relayLagS, 1),
    notes,
    mismatches,
    memory: { readyRssMb: readyRss, afterDatasetRssMb: idleRss, peakRssUnderLoadMb: peaks, vmHwmMb: hwm, phases: phaseStats },
    otherCpu: otherStats.map((o, i) => ({ phase: phaseLabels[i], ...o })),
    targets: checks,
  };
  writeResults(file, report);
  return brokenRows(rows);
}

await runMain(run, main);
