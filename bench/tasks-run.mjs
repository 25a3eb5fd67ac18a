#!/usr/bin/env node
// `npm run bench:tasks`: the tasks service through the gateway against a same-run baseline
// (issue 9; see bench/README.md, "Tasks benchmark").
//
// Builds identity, tasks and the gateway (npx nx run-many -t build --projects=…; Nx's cache makes
// it quick), starts the three from their builds as separate processes on schemas and a subject
// prefix of their own, creates a city admin and logs in through the gateway, generates the rankings'
// dataset straight into the tasks schema (bench/tasks-generate.mjs: 100,000 stewards, 1,000,000
// ledger entries; timed), then makes the stewards who claim as a real deployment does: through the
// gateway, each one a person with a login, the `steward` role on a grid and a steward enrolment in
// identity (tasks learns them from identity's `steward.enrolled`), and logs each one in. It
// publishes the tasks to claim through the gateway, starts the baseline (bench/tasks-baseline.mjs:
// the service's SQL from one plain Node process) and measures:
//   1. race         BENCH_RACE_CLAIMS (200) stewards claim one task of capacity 10 at the same
//                   moment, through the gateway (the target) and through the baseline (INFO); it
//                   counts the answers and reads the stored task.claimed and claim rows
//   2. rankings     baseline vs query rankings(…) at 32 connections, the same seeded mix of requests:
//                   COMMUNITY for the busiest communities, CLASS for every county and class, UNIT
//                   for the biggest units; the current month, quarter and year; first and second pages
//   3. claims       baseline vs mutation claimTask(taskId) at 32 connections, every request a
//                   different steward on one of BENCH_CLAIM_TASKS tasks of capacity 1000 (each side
//                   its own tasks; no (steward, task) pair twice)
// each after priming its prepared statements (as bench/grids-run.mjs) and a 2 s warm-up, for 10 s;
// then both at 1 connection (INFO). It prints req/s, p50 and p99 with ratios, the targets as
// PASS/MISS, memory and CPU per process, writes bench/results/tasks-<timestamp>.json and removes
// its schemas and streams, also on failure or Ctrl-C.
//
// Settings (environment): BENCH_CONNECTIONS (32), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
// BENCH_SEED (20261203), BENCH_STEWARDS (100000), BENCH_LEDGER_ENTRIES (1000000),
// BENCH_CLAIM_STEWARDS (256), BENCH_CLAIM_TASKS (160 per side), BENCH_RACE_CLAIMS (200),
// BENCH_RACE_CAPACITY (10), BENCH_SERIAL_SECONDS (3; 0 skips the 1-connection rows),
// BENCH_SKIP_BUILD (unset; 1 uses the builds as they are), BENCH_NODE_OPTIONS (NODE_OPTIONS of the
// services; default tools/node-options.mjs).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { prng } from './grids-generate.mjs';
import { CITY, DEFAULT_SEED, generateTasksData, periodsOf } from './tasks-generate.mjs';
import { CPU_GROUPS, OtherCpu, ROOT, Sampler, describeMachine, freePort, round, rssMb, serviceEnvs, serviceReady, sleep, startService, startServices, vmHwmMb } from './procs.mjs';
import { LOGIN_MUTATION, SERVICE_OPTIONS, assertRunning, brokenRows, cannon, connectInfra, envNumber as num, graphqlClient, idCardNumber, inParallel, missingBuilds, newRun, pad, pct, prime, printNotes, printPairTables, printProcessTable, printScenarioTable, ratioOf, reportHead, runMain, seedAdmin, summarise, writeResults } from './runner.mjs';
const CONNECTIONS = num('BENCH_CONNECTIONS', 32, { integer: true });
const DURATION = num('BENCH_DURATION', 10);
const WARMUP = num('BENCH_WARMUP', 2);
const SEED = num('BENCH_SEED', DEFAULT_SEED, { integer: true });
const STEWARDS = num('BENCH_STEWARDS', 100_000, { integer: true });
const LEDGER_ENTRIES = num('BENCH_LEDGER_ENTRIES', 1_000_000, { integer: true });
const CLAIM_STEWARDS = num('BENCH_CLAIM_STEWARDS', 256, { integer: true });
const CLAIM_TASKS = num('BENCH_CLAIM_TASKS', 160, { integer: true });
const RACE_CLAIMS = num('BENCH_RACE_CLAIMS', 200, { integer: true });
const RACE_CAPACITY = num('BENCH_RACE_CAPACITY', 10, { integer: true });
const SERIAL_SECONDS = num('BENCH_SERIAL_SECONDS', 3, { zero: true });
const LOAD = { connections: CONNECTIONS, warmup: WARMUP, duration: DURATION };
const SKIP_BUILD = ['1', 'true', 'yes'].includes(String(process.env.BENCH_SKIP_BUILD ?? '').toLowerCase());
if (RACE_CLAIMS > CLAIM_STEWARDS) throw new Error(`BENCH_RACE_CLAIMS (${RACE_CLAIMS}) needs as many claiming stewards (BENCH_CLAIM_STEWARDS ${CLAIM_STEWARDS})`);
if (CLAIM_STEWARDS > 1000) throw new Error('BENCH_CLAIM_STEWARDS must be at most 1000 (a task takes at most 1000 claims)');
if (RACE_CAPACITY > 1000) throw new Error('BENCH_RACE_CAPACITY must be at most 1000');
if (LEDGER_ENTRIES % 2) throw new Error('BENCH_LEDGER_ENTRIES must be even (two entries per transaction)');
const CLAIM_TASK_CAPACITY = 1000;
const RANKING_PAGE = 20;

const TARGETS = { rankingsP99Ms: 50, rankingsRatio: 0.25, claimRatio: 0.4 };

/** The claiming stewards' county, community and grids: the demo's 象山社区. */
const COUNTY = `${CITY}/dongbao`;
const COMMUNITY = `${COUNTY}/longquan/xiangshan`;
const GRIDS = ['g01', 'g02', 'g03'].map((g) => `${COMMUNITY}/${g}`);
const AREA_CODE = '420802';
const TASK_POINT = { lat: 31.0355, lng: 112.2047 };

const RANKINGS_QUERY =
  'query($scope: RankingScope!, $period: String!, $region: String, $class: Int, $unitId: ID, $first: Int, $after: String){ rankings(scope:$scope, period:$period, region:$region, class:$class, unitId:$unitId, first:$first, after:$after){ items { rank stewardId number points } pageInfo { endCursor hasNextPage } } }';
const CLAIM_MUTATION = 'mutation($taskId: ID!){ claimTask(taskId:$taskId){ id taskId stewardId status } }';
const PUBLISH_MUTATION = 'mutation($input: PublishTaskInput!){ publishTask(input:$input){ id capacity claimed status } }';

// The run: its schemas (identity's, and tasks' `bench_<id>_tasks`), subject prefix, children and
// clean-up (runner.mjs newRun).
const run = newRun({ name: 'bench:tasks', files: 'tasks-' });
const { log, startedAt } = run;
run.tasksSchema = `${run.schema}_tasks`;
run.schemas.push(run.tasksSchema);
// Set-up, checks and the race (all its claims at once) give a request 60 s.
const { gql, post } = graphqlClient({ timeoutMs: 60_000 });

// ---------------------------------------------------------------------------------------------
// helpers

function build() {
  const needed = ['apps/identity/dist/main.js', 'apps/identity/dist/index.js', 'apps/tasks/dist/main.js', 'apps/gateway/dist/main.js', 'libs/kernel/dist/index.js'];
  if (SKIP_BUILD) {
    const missing = missingBuilds(needed);
    if (missing.length) throw new Error(`BENCH_SKIP_BUILD is set but ${missing.join(', ')} are missing`);
    log('BENCH_SKIP_BUILD: using the builds as they are');
    return;
  }
  const args = ['nx', 'run-many', '-t', 'build', '--projects=@gov/identity,@gov/tasks,@gov/gateway', '--outputStyle=static'];
  log(`building: npx ${args.join(' ')}`);
  const started = Date.now();
  const r = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status ?? r.signal}):\n${(r.stdout + r.stderr).trim().slice(-3000)}`);
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s (${/Nx read the output from the cache[^\n]*/.exec(r.stdout)?.[0] ?? 'no cache summary'})`);
}

/** The headers of one request: the run's token, or the request's own (a steward's), and the baseline's person header. */
const headersOf = (r, token) => {
  const tok = r.token ?? token;
  return { 'content-type': 'application/json', ...(tok ? { authorization: `Bearer ${tok}` } : {}), ...(r.personId ? { 'x-bench-person': r.personId } : {}) };
};

/**
 * One autocannon run against POST /graphql. `next()` gives each request: { body, token?, personId? }.
 * `check(status, body)` says whether the response is a success.
 */
const tasksCannon = ({ base, token, next, check, duration, connections = CONNECTIONS }) =>
  cannon({
    url: base,
    connections,
    duration,
    headers: headersOf({}, token),
    prepare: (req) => {
      const r = next();
      req.body = r.body;
      req.headers = headersOf(r, token);
    },
    check,
  });

const rankingsCheck = (status, body) => status === 200 && body.includes('"rankings":{"items":[') && !body.includes('"errors"');
const claimCheck = (status, body) => status === 200 && body.includes('"claimTask":{"id"') && !body.includes('"errors"');

/** Unsent outbox rows of a schema (its relay publishes them after commit). */
async function unsent(db, schema) {
  return (await db.query(`select count(*)::int as n from "${schema}".outbox_event where sent_at is null and parked_at is null`)).rows[0].n;
}
async function waitDrained(db, schemas, what, timeoutMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const left = (await Promise.all(schemas.map((s) => unsent(db, s)))).reduce((a, b) => a + b, 0);
    if (left === 0) {
      log(`${what}: every outbox event published (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      return (Date.now() - started) / 1000;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: ${left} outbox events still unpublished after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

// ---------------------------------------------------------------------------------------------
// main

async function main() {
  const machine = await describeMachine({ ...LOAD, nodeOptions: SERVICE_OPTIONS });

  build();
  // The run's own client; runMain ends it.
  const db = await connectInfra(run);
  machine.postgres = (await db.query('show server_version')).rows[0].server_version;
  const T = `"${run.tasksSchema}"`;

  // --- services
  const envs = serviceEnvs({ run, nodeOptions: SERVICE_OPTIONS });
  const ports = { identity: await freePort(), tasks: await freePort(), gateway: await freePort(), baseline: await freePort() };
  const { identity, tasks, gateway, readyRss } = await startServices(run, { envs, ports, name: 'tasks', schema: run.tasksSchema });
  const gw = gateway.url;

  // --- the city admin, and its token. Identity places units and grants only on regions of
  // grids' tree (no grids runs here): seed-admin publishes grids' region.created for the
  // claiming stewards' grids (and their ancestors) and waits until identity has them.
  log('seeding the city admin (ensureBootstrapAdmin) and the regions of the claiming stewards');
  const admin = await seedAdmin(run, { env: envs.identity, region: CITY, regions: GRIDS, timeoutMs: 90_000 });
  const { login } = await gql(gw, LOGIN_MUTATION, { l: admin.username, p: admin.password });
  const token = login.accessToken;
  log(`logged in through the gateway (token for ${login.expiresIn} s)`);

  // --- the rankings' dataset
  const migrated = (await db.query(`select count(*)::int as n from information_schema.tables where table_schema = $1 and table_name = 'points_period'`, [run.tasksSchema])).rows[0].n;
  if (!migrated) throw new Error(`tasks did not migrate ${run.tasksSchema}`);
  log(`generating ${STEWARDS} stewards and ${LEDGER_ENTRIES} ledger entries into ${run.tasksSchema} (seed ${SEED})`);
  const dataset = await generateTasksData(db, { schema: run.tasksSchema, seed: SEED, stewards: STEWARDS, ledgerEntries: LEDGER_ENTRIES, until: startedAt, log });
  log(`dataset built in ${dataset.seconds.toFixed(1)} s: ${Object.entries(dataset.counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);

  // --- the claiming stewards, as identity makes them: a person with a login, the steward role
  // on their grid, a steward enrolment (tasks learns it from steward.enrolled), then a login.
  const seedStarted = Date.now();
  const { createUnit: unit } = await gql(gw, 'mutation($input: CreateUnitInput!){ createUnit(input:$input){ id code } }', { input: { code: 'BENCHTASK', name: '压测任务包联单位', kind: 'liaison_unit', region: COUNTY } }, token);
  const password = randomBytes(18).toString('base64url');
  log(`making ${CLAIM_STEWARDS} claiming stewards through the gateway (registerPerson with a login, grantRole steward, enrollSteward, login; 8 at a time)`);
  const claimers = await inParallel(
    Array.from({ length: CLAIM_STEWARDS }, (_, i) => i),
    8,
    async (i) => {
      const grid = GRIDS[i % GRIDS.length];
      const username = `bench-steward-${i}`;
      const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 800) * 86_400_000);
      const person = (
        await gql(
          gw,
          'mutation($input: RegisterPersonInput!){ registerPerson(input:$input){ id } }',
          { input: { name: `压测红管家${i}`, phone: `13${String(800_000_000 + i).padStart(9, '0')}`, idCardNumber: idCardNumber(AREA_CODE, birth, 100 + (i % 800)), region: grid, username, password } },
          token,
        )
      ).registerPerson;
      await gql(gw, 'mutation($input: GrantRoleInput!){ grantRole(input:$input){ id } }', { input: { personId: person.id, region: grid, role: 'steward' } }, token);
      const steward = (
        await gql(gw, 'mutation($input: EnrollStewardInput!){ enrollSteward(input:$input){ id number } }', { input: { personId: person.id, class: 1 + (i % 6), unitId: unit.id, grid, building: String(1 + (i % 8)) } }, token)
      ).enrollSteward;
      const tok = (await gql(gw, 'mutation($l: String!, $p: String!){ login(login:$l, password:$p){ accessToken } }', { l: username, p: password })).login.accessToken;
      return { personId: person.id, stewardId: steward.id, token: tok };
    },
  );
  const stewardsMadeS = (Date.now() - seedStarted) / 1000;
  log(`made and logged in ${claimers.length} stewards in ${stewardsMadeS.toFixed(1)} s`);
  const personIds = claimers.map((c) => c.personId);
  for (let waited = 0; ; waited += 250) {
    const n = (await db.query(`select count(*)::int as n from ${T}.steward_ref where person_id = any($1::uuid[])`, [personIds])).rows[0].n;
    if (n === claimers.length) break;
    if (waited > 90_000) throw new Error(`tasks knows ${n} of the ${claimers.length} claiming stewards after 90 s (identity's steward.enrolled events)`);
    await sleep(250);
  }
  log(`tasks has all ${claimers.length} claiming stewards in steward_ref (${((Date.now() - seedStarted) / 1000 - stewardsMadeS).toFixed(1)} s after the last enrolment)`);

  // --- the tasks to claim, published through the gateway by the admin
  const deadline = new Date(Date.now() + 2 * 86_400_000).toISOString();
  const taskInput = (title, capacity) => ({ kind: 'dispatched', title, description: '压测', region: COMMUNITY, location: TASK_POINT, points: 10, capacity, deadline });
  const publishStarted = Date.now();
  const publishOne = async (title, capacity) => (await gql(gw, PUBLISH_MUTATION, { input: taskInput(title, capacity) }, token)).publishTask;
  const raceTask = { gateway: await publishOne('压测：抢领（网关）', RACE_CAPACITY), baseline: await publishOne('压测：抢领（基线）', RACE_CAPACITY) };
  const claimTasks = {
    gateway: await inParallel(Array.from({ length: CLAIM_TASKS }, (_, i) => i), 8, (i) => publishOne(`压测：领取（网关）${i + 1}`, CLAIM_TASK_CAPACITY)),
    baseline: await inParallel(Array.from({ length: CLAIM_TASKS }, (_, i) => i), 8, (i) => publishOne(`压测：领取（基线）${i + 1}`, CLAIM_TASK_CAPACITY)),
  };
  log(`published ${2 + 2 * CLAIM_TASKS} tasks in ${((Date.now() - publishStarted) / 1000).toFixed(1)} s (2 of capacity ${RACE_CAPACITY}, ${2 * CLAIM_TASKS} of ${CLAIM_TASK_CAPACITY})`);
  await waitDrained(db, [run.schema, run.tasksSchema], 'seeding');
  for (const table of ['task', 'steward_ref', 'unit_ref']) await db.query(`vacuum (analyze) ${T}.${table}`);
  const idleRss = { identity: rssMb(identity.pid), tasks: rssMb(tasks.pid), gateway: rssMb(gateway.pid) };

  // --- baseline
  const baselineEnv = { PATH: process.env.PATH, DATABASE_URL: run.databaseUrl, DB_SCHEMA: run.tasksSchema, DB_POOL_MAX: '10' };
  const baseline = startService(run, { name: 'baseline', script: 'bench/tasks-baseline.mjs', env: baselineEnv, port: ports.baseline });
  readyRss.baseline = await serviceReady(baseline);
  idleRss.baseline = readyRss.baseline;
  const bl = baseline.url;

  // --- the rankings' request mix: the same seeded sequence for both sides
  const now = periodsOf(new Date());
  const periods = [now.month, now.quarter, now.year];
  const busiest = (await db.query(`select community, count(*)::int as n from ${T}.steward_ref group by community order by n desc, community limit 5`)).rows;
  const biggest = (await db.query(`select unit_id as "unitId", count(*)::int as n from ${T}.steward_ref group by unit_id order by n desc, unit_id limit 5`)).rows;
  const counties = (await db.query(`select distinct split_part(community, '/', 1) || '/' || split_part(community, '/', 2) as county from ${T}.steward_ref order by 1`)).rows.map((r) => r.county);
  const targets = [
    ...busiest.map((c) => ({ scope: 'COMMUNITY', region: c.community })),
    ...counties.flatMap((county) => [1, 2, 3, 4, 5, 6].map((cls) => ({ scope: 'CLASS', region: county, class: cls }))),
    ...biggest.map((u) => ({ scope: 'UNIT', unitId: u.unitId })),
  ];
  const byScope = { COMMUNITY: targets.filter((x) => x.scope === 'COMMUNITY'), CLASS: targets.filter((x) => x.scope === 'CLASS'), UNIT: targets.filter((x) => x.scope === 'UNIT') };
  // Second pages: the first page's cursor, from the baseline (the cursor is the same through both).
  const cursors = new Map();
  await inParallel(
    targets.flatMap((x) => periods.map((period) => ({ ...x, period }))),
    8,
    async (v) => {
      const r = (await gql(bl, RANKINGS_QUERY, { ...v, first: RANKING_PAGE })).rankings;
      if (r.pageInfo.hasNextPage) cursors.set(JSON.stringify(v), r.pageInfo.endCursor);
    },
  );
  const rand = prng(SEED + 1);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const rankingBodies = Array.from({ length: 4096 }, () => {
    const target = pick(byScope[pick(['COMMUNITY', 'CLASS', 'UNIT'])]);
    const v = { ...target, period: pick(periods) };
    const after = rand() < 0.25 ? cursors.get(JSON.stringify(v)) : undefined;
    return JSON.stringify({ query: RANKINGS_QUERY, variables: { ...v, first: RANKING_PAGE, ...(after ? { after } : {}) } });
  });
  const rankingRows = (await db.query(`select period, count(*)::int as n from ${T}.points_period where period = any($1::text[]) group by period`, [periods])).rows;
  log(
    `rankings: ${busiest.length} busiest communities (${busiest.map((c) => `${c.community} ${c.n}`).join(', ')}), ${counties.length} counties × 6 classes, ${biggest.length} biggest units (${biggest.map((u) => u.n).join(', ')} stewards); periods ${periods.join(', ')} (${rankingRows.map((r) => `${r.period}: ${r.n} ranked`).join(', ')}); ${cursors.size} second pages`,
  );

  // --- claims: request k is steward k mod S on task (k mod S + ⌊k / S⌋) mod T of its side, so
  // that consecutive requests are different stewards on different tasks and no pair comes twice.
  const exhausted = { gateway: false, baseline: false };
  const claimSeq = (side) => {
    const list = claimTasks[side];
    const S = claimers.length;
    let k = 0;
    return {
      used: () => k,
      reset: () => {},
      next: () => {
        if (k >= S * list.length) exhausted[side] = true;
        const s = k % S;
        const t = (s + Math.floor(k / S)) % list.length;
        k++;
        const c = claimers[s];
        return { body: JSON.stringify({ query: CLAIM_MUTATION, variables: { taskId: list[t].id } }), ...(side === 'gateway' ? { token: c.token } : { personId: c.personId }) };
      },
    };
  };
  const claimSeqs = { gateway: claimSeq('gateway'), baseline: claimSeq('baseline') };

  // --- does the gateway answer as the baseline does?
  const mismatches = [];
  for (const body of rankingBodies.slice(0, 9)) {
    const a = (await post(bl, body)).json;
    const b = (await post(gw, body, { authorization: `Bearer ${token}` })).json;
    if (JSON.stringify(a) !== JSON.stringify(b)) mismatches.push(`rankings ${body.slice(body.indexOf('"variables"'))}: baseline ${JSON.stringify(a).slice(0, 300)} vs gateway ${JSON.stringify(b).slice(0, 300)}`);
  }
  const shape = (x) => JSON.stringify(Object.keys(x ?? {}));
  let claimedInChecks = { gateway: 0, baseline: 0 };
  {
    const g = claimSeqs.gateway.next();
    const a = (await post(gw, g.body, headersOf(g))).json;
    const b0 = claimSeqs.baseline.next();
    const b = (await post(bl, b0.body, headersOf(b0))).json;
    if (!a.data?.claimTask?.id) throw new Error(`gateway claimTask failed: ${JSON.stringify(a).slice(0, 400)}`);
    if (!b.data?.claimTask?.id) throw new Error(`baseline claimTask failed: ${JSON.stringify(b).slice(0, 400)}`);
    claimedInChecks = { gateway: 1, baseline: 1 };
    if (shape(a.data.claimTask) !== shape(b.data.claimTask) || a.data.claimTask.status !== b.data.claimTask.status) mismatches.push(`claimTask: baseline ${JSON.stringify(b)} vs gateway ${JSON.stringify(a)}`);
    // Both wrote a claim row, a claimed count and an outbox event of the same shape.
    const rows = (await db.query(`select e.subject, e.type, e.county, e.data::text as data from ${T}.outbox_event e where e.type = 'gov.tasks.task.claimed.v1' order by e.seq`)).rows;
    const kinds = new Set(rows.map((r) => `${r.subject} ${r.type} ${r.county} ${JSON.stringify(Object.keys(JSON.parse(r.data)))}`));
    if (rows.length !== 2 || kinds.size !== 1) mismatches.push(`claimTask: the outbox rows differ: ${JSON.stringify(rows)}`);
  }
  for (const m of mismatches) log(`warning: the baseline and the gateway answer differently: ${m}`);
  if (!mismatches.length) log('the baseline and the gateway give the same answers (9 rankings requests; a claim each: answer shape and outbox event)');

  // --- 1. race: RACE_CLAIMS stewards claim one task of capacity RACE_CAPACITY at the same moment
  async function race(side) {
    const base = side === 'gateway' ? gw : bl;
    const task = raceTask[side];
    const body = JSON.stringify({ query: CLAIM_MUTATION, variables: { taskId: task.id } });
    const started = Date.now();
    const answers = await Promise.all(
      claimers.slice(0, RACE_CLAIMS).map((c) =>
        post(base, body, headersOf(side === 'gateway' ? { token: c.token } : { personId: c.personId })).then(
          ({ status, json }) => (json.data?.claimTask?.id ? 'ok' : `${json.errors?.[0]?.extensions?.reason ?? json.errors?.[0]?.extensions?.code ?? `HTTP ${status}`}`),
          (err) => `transport: ${err.message}`,
        ),
      ),
    );
    const ms = Date.now() - started;
    const tally = {};
    for (const a of answers) tally[a] = (tally[a] ?? 0) + 1;
    const stored = (await db.query(`select claimed, capacity from ${T}.task where id = $1`, [task.id])).rows[0];
    const rows = (await db.query(`select count(*)::int as n from ${T}.task_claim where task_id = $1`, [task.id])).rows[0].n;
    const ok = tally.ok ?? 0;
    const out = { side, claims: RACE_CLAIMS, capacity: RACE_CAPACITY, ok, refusals: Object.fromEntries(Object.entries(tally).filter(([k]) => k !== 'ok')), storedClaimed: stored.claimed, claimRows: rows, ms };
    out.exact = ok === RACE_CAPACITY && stored.claimed === RACE_CAPACITY && rows === RACE_CAPACITY;
    log(`race (${side}): ${RACE_CLAIMS} concurrent claims on a task of capacity ${RACE_CAPACITY} in ${ms} ms: ${ok} succeeded, ${Object.entries(out.refusals).map(([k, v]) => `${v} ${k}`).join(', ') || 'none refused'}; stored task.claimed ${stored.claimed}, ${rows} claim rows`);
    return out;
  }
  const races = { gateway: await race('gateway'), baseline: await race('baseline') };
  await waitDrained(db, [run.tasksSchema], 'race');

  // --- priming (runner.mjs prime, as in bench/grids-run.mjs): every pooled connection of the side
  // measured is past PostgreSQL's custom-plan phase of its prepared statements before the warm-up.
  // Resolves to the requests that succeeded (a primed claim is a stored claim).
  const priming = [];
  const primed = { gateway: 0, baseline: 0 };
  const primeScenario = async (label, base, tok, make, check) => {
    const one = async () => {
      const r = make();
      const res = await post(base, r.body, headersOf(r, tok)).catch(() => undefined);
      return res !== undefined && check(res.status, JSON.stringify(res.json));
    };
    const p = await prime(run, { label, one });
    priming.push(p);
    return p.requests - p.failed;
  };

  // --- load
  const services = [identity, tasks, gateway, baseline];
  const procs = { identity: identity.pid, tasks: tasks.pid, gateway: gateway.pid, baseline: baseline.pid, 'load generator': process.pid };
  const sampler = new Sampler(procs, 200);
  sampler.start();
  const otherCpu = new OtherCpu(Object.values(procs), Object.values(CPU_GROUPS).flat());
  const otherStats = [];
  const rows = [];
  const phaseStats = [];
  const phaseLabels = [];
  const okClaims = { gateway: 0, baseline: 0 };

  async function scenario(name, label, opts, { connections = CONNECTIONS, warmup = WARMUP, duration = DURATION } = {}) {
    const side = opts.base === gw ? 'gateway' : 'baseline';
    opts.seq.reset();
    const o = { base: opts.base, token: opts.token, next: opts.seq.next, check: opts.check, connections };
    const primedOk = await primeScenario(name, opts.base, opts.token, () => opts.seq.next(), opts.check);
    if (opts.kind === 'claims') primed[side] += primedOk;
    if (warmup > 0) {
      log(`${name}: warm-up ${warmup} s`);
      const w = await tasksCannon({ ...o, duration: warmup });
      if (opts.kind === 'claims') okClaims[side] += w.ok;
    }
    assertRunning(services);
    opts.seq.reset(); // rankings: the measurement starts the sequence again, so both sides see the same requests
    log(`${name}: measuring ${duration} s at ${connections} connection${connections === 1 ? '' : 's'}`);
    sampler.begin(name);
    otherCpu.begin();
    const monoStartUs = Number(process.hrtime.bigint() / 1000n);
    const out = await tasksCannon({ ...o, duration });
    const monoEndUs = Number(process.hrtime.bigint() / 1000n);
    phaseStats.push(sampler.end());
    otherStats.push(otherCpu.end());
    phaseLabels.push(label);
    if (opts.kind === 'claims') okClaims[side] += out.ok;
    assertRunning(services);
    // The measurement's window on the monotonic clock (µs), which CPU profiles (--cpu-prof) use too.
    const row = { ...summarise(name, out), connections, kind: opts.kind, side, monoStartUs, monoEndUs };
    rows.push(row);
    log(`${name}: ${row.reqPerSec} req/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.ok}/${row.requests} ok`);
    return row;
  }

  const rankingSeq = (() => {
    let i = 0;
    return { reset: () => (i = 0), next: () => ({ body: rankingBodies[i++ % rankingBodies.length] }) };
  })();
  const pairs = [];
  pairs.push({
    kind: 'rankings',
    baseline: await scenario('baseline rankings (pg direct)', 'bl rank', { kind: 'rankings', base: bl, seq: rankingSeq, check: rankingsCheck }),
    gateway: await scenario('gateway rankings(…)', 'gw rank', { kind: 'rankings', base: gw, token, seq: rankingSeq, check: rankingsCheck }),
  });
  const blClaims = await scenario('baseline claim transaction (pg direct)', 'bl claim', { kind: 'claims', base: bl, seq: claimSeqs.baseline, check: claimCheck });
  // The baseline's claim events are in the tasks schema: the service's relay publishes them
  // (that relay's CPU is in the `bl claim` column); the gateway's claims start once it is done.
  const relayLagS = await waitDrained(db, [run.tasksSchema], 'baseline claims');
  pairs.push({ kind: 'claims', baseline: blClaims, gateway: await scenario('gateway claimTask(taskId)', 'gw claim', { kind: 'claims', base: gw, seq: claimSeqs.gateway, check: claimCheck }) });
  const serial = [];
  if (SERIAL_SECONDS > 0) {
    const once = { connections: 1, warmup: 1, duration: SERIAL_SECONDS };
    serial.push({
      kind: 'rankings',
      baseline: await scenario('baseline rankings, 1 connection', 'bl rank1', { kind: 'rankings', base: bl, seq: rankingSeq, check: rankingsCheck }, once),
      gateway: await scenario('gateway rankings, 1 connection', 'gw rank1', { kind: 'rankings', base: gw, token, seq: rankingSeq, check: rankingsCheck }, once),
    });
    await waitDrained(db, [run.tasksSchema], 'gateway claims');
    const b1 = await scenario('baseline claim transaction, 1 connection', 'bl claim1', { kind: 'claims', base: bl, seq: claimSeqs.baseline, check: claimCheck }, once);
    await waitDrained(db, [run.tasksSchema], 'baseline claims (1 connection)');
    serial.push({ kind: 'claims', baseline: b1, gateway: await scenario('gateway claimTask, 1 connection', 'gw claim1', { kind: 'claims', base: gw, seq: claimSeqs.gateway, check: claimCheck }, once) });
  }
  sampler.stop();
  const hwm = vmHwmMb(procs);
  const peaks = sampler.peaks();

  // --- what the claims stored: per side, task.claimed over its tasks = its claim rows = the successful answers
  const stored = {};
  for (const side of ['gateway', 'baseline']) {
    const ids = claimTasks[side].map((t) => t.id);
    const r = (
      await db.query(`select (select coalesce(sum(claimed), 0) from ${T}.task where id = any($1::uuid[]))::int as claimed, (select count(*) from ${T}.task_claim where task_id = any($1::uuid[]))::int as rows, (select max(claimed) from ${T}.task where id = any($1::uuid[]))::int as "maxPerTask"`, [ids])
    ).rows[0];
    stored[side] = { ...r, okAnswers: okClaims[side] + primed[side] + claimedInChecks[side], requestsMade: claimSeqs[side].used() };
  }
  const notes = [];
  for (const side of ['gateway', 'baseline']) {
    const s = stored[side];
    // Every successful answer stored one claim, and the counter agrees with the rows. (A request
    // autocannon built as a run stopped was never sent: rows may be a few fewer than built.)
    if (s.claimed !== s.rows || s.rows < s.okAnswers || s.rows > s.requestsMade) notes.push(`${side} claims: task.claimed sums to ${s.claimed}, ${s.rows} claim rows, ${s.okAnswers} successful answers, ${s.requestsMade} requests built`);
    if (exhausted[side]) notes.push(`${side} claims ran out of (steward, task) pairs (${claimers.length} × ${CLAIM_TASKS}) and repeated some: raise BENCH_CLAIM_TASKS`);
  }

  // --- report
  console.log('');
  console.log(`dataset: seed ${SEED}, ledger until ${dataset.until}, built in ${dataset.seconds.toFixed(1)} s (${dataset.steps.map((s) => `${s.step} ${s.seconds.toFixed(1)} s`).join('; ')})`);
  console.log(`  ${Object.entries(dataset.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`claiming stewards: ${claimers.length} made through identity (person + login, steward role, enrolment, login) in ${stewardsMadeS.toFixed(1)} s`);
  console.log('');
  printScenarioTable(rows, { width: 46 });

  printPairTables(`pair (${CONNECTIONS} connections)`, pairs, serial);
  console.log(`\nrace: ${RACE_CLAIMS} concurrent claims on one task of capacity ${RACE_CAPACITY}`);
  for (const r of Object.values(races)) {
    console.log(`  ${pad(r.side, 9)} ${r.ok} succeeded; refused: ${Object.entries(r.refusals).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}; stored task.claimed ${r.storedClaimed}, claim rows ${r.claimRows}; ${r.ms} ms for all answers`);
  }
  console.log(`claims stored (tasks of capacity ${CLAIM_TASK_CAPACITY}, ${CLAIM_TASKS} per side, ${claimers.length} stewards):`);
  for (const [side, s] of Object.entries(stored)) {
    console.log(`  ${pad(side, 9)} ${s.requestsMade} claim requests built, claim rows ${s.rows}, task.claimed sum ${s.claimed}, fullest task ${s.maxPerTask}; successful answers counted ${s.okAnswers}`);
  }
  console.log('  (autocannon does not count answers still in flight when it stops a run, nor send the requests it built then)');
  console.log(`  the tasks service's relay published the baseline's claim events ${relayLagS.toFixed(1)} s after its last claim`);
  printNotes(rows, notes, mismatches);

  // "everything else", named (OtherCpu): steal and interrupts, and the other processes by name.
  const otherRows = [
    { label: '  of which steal / irq+softirq', values: otherStats.map((o) => `${o.steal}/${o.irq}`) },
    { label: '  of which other processes', values: otherStats.map((o) => o.top.reduce((a, p) => a + p.cpuPercent, 0)) },
    ...otherStats.flatMap((o, i) => (o.top.length ? [`  other processes in ${phaseLabels[i]}: ${o.top.map((p) => `${p.comm} (${p.pid}) ${p.cpuPercent}%`).join(', ')}`] : [])),
  ];
  printProcessTable({ procs, phaseStats, phaseLabels, rss: { ready: readyRss, idle: idleRss, peak: peaks, hwm }, otherRows });
  console.log('  (RSS in MB: when /health/ready first answered, after the seeding, peak of 200 ms samples under load, VmHWM over the whole life)');

  const rk = pairs.find((p) => p.kind === 'rankings');
  const cl = pairs.find((p) => p.kind === 'claims');
  const rr = ratioOf(rk.gateway, rk.baseline);
  const cr = ratioOf(cl.gateway, cl.baseline);
  const g = races.gateway;
  const checks = [
    { target: `gateway rankings p99 <= ${TARGETS.rankingsP99Ms} ms`, value: `${rk.gateway.p99Ms} ms`, measured: rk.gateway.p99Ms, limit: TARGETS.rankingsP99Ms, pass: rk.gateway.p99Ms <= TARGETS.rankingsP99Ms },
    { target: `gateway rankings >= ${TARGETS.rankingsRatio * 100}% of baseline throughput`, value: pct(rr), measured: round(rr, 3), limit: TARGETS.rankingsRatio, pass: rr >= TARGETS.rankingsRatio },
    {
      target: `${RACE_CLAIMS} concurrent claims, capacity ${RACE_CAPACITY}: exactly ${RACE_CAPACITY} succeed`,
      value: `${g.ok} succeeded, task.claimed ${g.storedClaimed}, ${g.claimRows} rows`,
      measured: g.ok,
      limit: RACE_CAPACITY,
      pass: g.exact,
    },
    { target: `gateway claims >= ${TARGETS.claimRatio * 100}% of baseline throughput`, value: pct(cr), measured: round(cr, 3), limit: TARGETS.claimRatio, pass: cr >= TARGETS.claimRatio },
  ];
  console.log(`\ntargets (${machine.cpus} cores, ${CONNECTIONS} connections):`);
  console.log(`  INFO  ${pad('dataset (stewards, ledger entries) built in', 58)} ${dataset.seconds.toFixed(1)} s (${dataset.counts.steward_ref} stewards, ${dataset.counts.points_entry} entries)`);
  for (const p of pairs) console.log(`  INFO  ${pad(`baseline ${p.kind} (same SQL, one Node process)`, 58)} ${p.baseline.reqPerSec} req/s, p99 ${p.baseline.p99Ms} ms`);
  console.log(`  INFO  ${pad(`baseline race (${RACE_CLAIMS} claims, capacity ${RACE_CAPACITY})`, 58)} ${races.baseline.ok} succeeded, task.claimed ${races.baseline.storedClaimed}`);
  for (const c of checks) console.log(`  ${c.pass ? 'PASS' : 'MISS'}  ${pad(c.target, 58)} ${c.value}`);

  const file = run.resultPath('.json');
  const report = {
    ...reportHead(run, machine, LOAD, {
      seed: SEED,
      stewards: STEWARDS,
      ledgerEntries: LEDGER_ENTRIES,
      claimStewards: CLAIM_STEWARDS,
      claimTasksPerSide: CLAIM_TASKS,
      raceClaims: RACE_CLAIMS,
      raceCapacity: RACE_CAPACITY,
      serialSeconds: SERIAL_SECONDS,
      periods,
      rankingTargets: { communities: busiest, units: biggest, counties, secondPages: cursors.size },
    }),
    dataset: { seconds: round(dataset.seconds, 1), until: dataset.until, steps: dataset.steps, counts: dataset.counts },
    claimingStewards: { count: claimers.length, seconds: round(stewardsMadeS, 1) },
    priming,
    scenarios: rows,
    pairs: pairs.map((p) => ({ kind: p.kind, baseline: p.baseline.scenario, gateway: p.gateway.scenario, ratio: ratioOf(p.gateway, p.baseline) === undefined ? null : round(ratioOf(p.gateway, p.baseline), 3) })),
    races,
    claimsStored: stored,
    relayLagAfterBaselineClaimsS: round(relayLagS, 1),
    notes,
    mismatches,
    memory: { readyRssMb: readyRss, afterSeedingRssMb: idleRss, peakRssUnderLoadMb: peaks, vmHwmMb: hwm, phases: phaseStats },
    otherCpu: otherStats.map((o, i) => ({ phase: phaseLabels[i], ...o })),
    targets: checks,
  };
  writeResults(file, report);

  // A broken run (as opposed to a slow one) fails: failed responses or connection errors.
  return brokenRows(rows);
}

await runMain(run, main);
