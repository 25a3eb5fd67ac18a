// What the three benchmark runners (bench/run.mjs, grids-run.mjs, tasks-run.mjs) share: their
// settings, the run's state and clean-up, the builds and the infrastructure, the city admin, the
// GraphQL client, autocannon, priming, the report's tables and the exit code. The processes, the
// machine and /proc are in bench/procs.mjs.
import autocannon from 'autocannon';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureInfra } from '../tools/infra.mjs';
import { SERVICE_NODE_OPTIONS } from '../tools/node-options.mjs';
import { CPU_GROUPS, Child, ROOT, cleanupOnExit, round, sleep } from './procs.mjs';

export const RESULTS_DIR = path.join(ROOT, 'bench/results');
/** The services' V8 settings: production's unless BENCH_NODE_OPTIONS says otherwise. */
export const SERVICE_OPTIONS = process.env.BENCH_NODE_OPTIONS ?? SERVICE_NODE_OPTIONS;

/** A numeric setting from the environment: positive (or zero with `zero`), whole with `integer`. */
export function envNumber(name, dflt, { zero = false, integer = false } = {}) {
  const v = Number(process.env[name] ?? dflt);
  if (!Number.isFinite(v) || v < 0 || (v === 0 && !zero) || (integer && !Number.isInteger(v))) throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}`);
  return v;
}

/**
 * A run: its start, a log with the seconds since, and what the clean-up needs, which cleanupOnExit
 * registers at once (the run is also stopped by Ctrl-C): a random id, so that the identity schema
 * `bench_<id>` and the subject prefix `bench<id>` (and the streams) are the run's own, the children
 * and the infrastructure's URLs (filled in as it goes). A runner adds its services' schemas to
 * `schemas`. Its results and logs are `bench/results/<files><timestamp>…` (resultPath, logFile).
 */
export function newRun({ name, files = '' }) {
  const startedAt = new Date();
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const t0 = Date.now();
  const log = (line) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);
  const id = randomBytes(4).toString('hex');
  const run = { name, startedAt, stamp, log, id, children: [], databaseUrl: undefined, natsUrl: undefined, schema: `bench_${id}`, prefix: `bench${id}` };
  run.schemas = [run.schema];
  run.resultPath = (suffix) => path.join(RESULTS_DIR, `${files}${stamp}${suffix}`);
  run.logFile = (child) => run.resultPath(`.${child}.log`);
  run.cleanup = cleanupOnExit(run, { name, log });
  return run;
}

/** The builds among `needed` (paths in the repository) that are missing. */
export const missingBuilds = (needed) => needed.filter((f) => !fs.existsSync(path.join(ROOT, f)));

/** Builds everything when one of `needed` is missing. */
export function ensureBuilt(run, needed) {
  const missing = missingBuilds(needed);
  if (missing.length === 0) return;
  run.log(`building (missing ${missing.join(', ')}): npx nx run-many -t build --outputStyle=static`);
  const r = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build failed');
}

/**
 * Finds or starts PostgreSQL and NATS (tools/infra.mjs) for the run, makes the results' directory
 * and resolves to a connected pg client for the run's own queries (`run.db`; runMain ends it).
 */
export async function connectInfra(run) {
  const infra = await ensureInfra({ log: run.log });
  run.databaseUrl = infra.databaseUrl;
  run.natsUrl = infra.natsUrl;
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const db = new pg.Client({ connectionString: run.databaseUrl });
  await db.connect();
  run.db = db;
  return db;
}

/** Resident ID number (GB 11643) with its ISO 7064 MOD 11-2 check character. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idCardNumber(areaCode, birth, seq) {
  const first17 = `${areaCode}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}

/**
 * The city admin (`city_admin` on `region`), created by `ensureBootstrapAdmin` in a short-lived
 * child (bench/seed-admin.mjs) on identity's environment `env`, because no API can create the first
 * administrator. The child also publishes grids' `region.created` for `regions` (and their
 * ancestors) and waits until identity has them: identity places units and grants only on regions
 * of grids' tree. Resolves to the admin, password included.
 */
export async function seedAdmin(run, { env, region, regions, timeoutMs = 60_000 }) {
  const admin = {
    username: 'bench-admin',
    password: randomBytes(18).toString('base64url'),
    name: '压测管理员',
    phone: '19900000000',
    idCardNumber: idCardNumber('420800', new Date(Date.UTC(1980, 0, 1)), 1),
    region,
    grants: [{ role: 'city_admin', region }],
  };
  const seederEnv = { ...env, BENCH_ADMIN: JSON.stringify(admin), ...(regions ? { BENCH_REGIONS: JSON.stringify(regions) } : {}) };
  const seeder = new Child('seed-admin', path.join(ROOT, 'bench/seed-admin.mjs'), seederEnv, run.logFile('seed-admin'));
  run.children.push(seeder);
  if ((await Promise.race([seeder.exited, sleep(timeoutMs).then(() => 'timeout')])) !== 0) throw new Error(seeder.describe());
  await seeder.stop();
  return admin;
}

export const LOGIN_MUTATION = 'mutation($l: String!, $p: String!){ login(login:$l, password:$p){ accessToken expiresIn } }';

/**
 * POST /graphql for the set-up and the checks (not the load: that is autocannon). `post` resolves
 * to { status, json } whatever the answer; `gql` to the answer's data, and throws on GraphQL errors.
 */
export function graphqlClient({ timeoutMs = 30_000 } = {}) {
  async function post(base, body, headers = {}) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    try {
      return { status: res.status, json: JSON.parse(text) };
    } catch {
      throw new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`);
    }
  }
  async function gql(base, query, variables, token, headers = {}) {
    const { status, json } = await post(base, JSON.stringify({ query, variables }), { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers });
    if (json.errors?.length) throw new Error(`GraphQL (HTTP ${status}): ${json.errors.map((e) => `${e.message} (${e.extensions?.code ?? '?'}${e.extensions?.reason ? ` ${e.extensions.reason}` : ''})`).join('; ')}`);
    return json.data;
  }
  return { post, gql };
}

/** `fn(item, i)` for every item, at most `concurrency` at a time; resolves to the results in order. */
export async function inParallel(items, concurrency, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/**
 * One autocannon run of `method` `path` on `url`. `prepare(req)` fills in each request (its body,
 * path or headers); `check(status, body, headers)` says whether the response is a success (GraphQL
 * answers errors with 200, so the status alone would miss them); `onOk(body)` sees each success;
 * `max` ends the run after that many requests. Resolves to autocannon's result and the counts.
 */
export async function cannon({ url, connections, duration, max, method = 'POST', path: requestPath = '/graphql', headers, prepare, check, onOk }) {
  const counts = { ok: 0, bad: 0, firstBad: undefined };
  const opts = {
    url,
    connections,
    duration,
    timeout: 10,
    method,
    headers,
    requests: [
      {
        method,
        path: requestPath,
        setupRequest(req) {
          prepare(req);
          return req;
        },
        onResponse(status, body, _ctx, resHeaders) {
          if (check(status, body, resHeaders ?? {})) {
            counts.ok++;
            onOk?.(body);
          } else {
            counts.bad++;
            counts.firstBad ??= `HTTP ${status} ${String(body).slice(0, 300)}`;
          }
        },
      },
    ],
  };
  if (max) opts.maxOverallRequests = max;
  const result = await autocannon(opts);
  return { result, ...counts };
}

/**
 * A scenario's row from a cannon() run. `badField` names the count of 2xx answers that failed the
 * check (`graphqlErrors` in the gateway benchmark, `badAnswers` in the others).
 */
export function summarise(scenario, { result, ok, bad, firstBad }, badField = 'badAnswers') {
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
    [badField]: Math.max(0, bad - result.non2xx),
    durationS: result.duration,
    firstError: firstBad,
  };
}

/** Throws the first of `children` that has died, with its last output. */
export function assertRunning(children) {
  for (const c of children) if (!c.running) throw new Error(c.describe());
}

/** Priming (below): rounds × the pools' size (DB_POOL_MAX, 10 for the services and the baselines). */
export const PRIME_ROUNDS = 8;
export const PRIME_CONCURRENCY = 10;

/**
 * Priming: PostgreSQL plans a named prepared statement afresh ("custom plan") for its first five
 * executions on each connection and only then may keep a generic plan, and a pg pool closes a
 * connection after 10 s idle (its replacement starts over). So right before its warm-up a scenario
 * sends `requests` of its requests, `concurrency` (the pools' size) at a time, so that every pooled
 * connection is past that phase, as in a service under steady load. `one()` sends one and
 * resolves to whether it succeeded. Resolves to { what, requests, failed, seconds } (the JSON's
 * `priming`); see bench/grids-run.mjs for what it changes.
 */
export async function prime(run, { label, requests = PRIME_ROUNDS * PRIME_CONCURRENCY, concurrency = PRIME_CONCURRENCY, one }) {
  const started = Date.now();
  let failed = 0;
  let i = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (i < requests) {
        i++;
        if (!(await one())) failed++;
      }
    }),
  );
  run.log(`priming ${label}: ${requests} requests at ${concurrency} concurrent in ${((Date.now() - started) / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ''}`);
  return { what: label, requests, failed, seconds: round((Date.now() - started) / 1000, 1) };
}

export const pad = (s, n) => String(s ?? '').padEnd(n);
export const lpad = (s, n) => String(s ?? '').padStart(n);
/** The share `a` reached of `b`'s throughput (undefined when either is missing). */
export const ratioOf = (a, b) => (a && b && b.reqPerSec > 0 ? a.reqPerSec / b.reqPerSec : undefined);
export const pct = (x) => (x === undefined ? '-' : `${(100 * x).toFixed(1)}%`);

/**
 * The scenario table: req/s, p50, p99, requests and failures per row, with a `conns` column when
 * `connections`, and `bad` ({ title, width, field }) for the 2xx answers that failed the check.
 */
export function printScenarioTable(rows, { width, connections = true, bad = { title: 'bad', width: 6, field: 'badAnswers' } }) {
  const conns = (v) => (connections ? lpad(v, 6) : '');
  console.log(`${pad('scenario', width)}${conns('conns')}${lpad('req/s', 8)}${lpad('p50 ms', 8)}${lpad('p99 ms', 8)}${lpad('requests', 10)}${lpad('errors', 8)}${lpad('non-2xx', 9)}${lpad(bad.title, bad.width)}`);
  for (const r of rows) {
    console.log(`${pad(r.scenario, width)}${conns(r.connections)}${lpad(r.reqPerSec, 8)}${lpad(r.p50Ms, 8)}${lpad(r.p99Ms, 8)}${lpad(r.requests, 10)}${lpad(r.connErrors + r.timeouts, 8)}${lpad(r.non2xx, 9)}${lpad(r[bad.field], bad.width)}`);
  }
}

/**
 * The pair tables: each pair's baseline and gateway (undefined: skipped) side by side with the
 * gateway's share of the baseline's throughput and its p99 against the baseline's; then the
 * 1-connection pairs (`serial`), p50 and p99 only. `title` heads the first table.
 */
export function printPairTables(title, pairs, serial) {
  console.log(`\n${title}                  baseline req/s  p50  p99   gateway req/s  p50  p99   gw/bl throughput  gw p99 / bl p99`);
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
}

/** The process table's memory columns: titles and widths (the gateway benchmark's are wider). */
export const MEMORY_COLUMNS = [
  ['ready', 8],
  ['dataset', 8],
  ['peak', 7],
  ['VmHWM', 7],
];

/**
 * The process table: per process (`procs`, { name: pid }) its RSS in MB (`rss`: when ready,
 * before the load, the peak under load and VmHWM, each { name: MB }) under `columns`, and its CPU
 * in each phase (Sampler.end()), then the CPU of the groups (all postgres, all nats-server
 * processes), what nothing listed used ("everything else", followed by `otherRows`: { label,
 * values } per phase, or whole lines) and the machine's total.
 */
export function printProcessTable({ procs, phaseStats, phaseLabels, rss: { ready, idle, peak, hwm }, columns = MEMORY_COLUMNS, otherRows = [] }) {
  const memory = [ready, idle, peak, hwm].map((mb, i) => [...columns[i], mb]);
  const cpuCols = (get) => phaseStats.map((ph) => lpad(get(ph) ?? '-', 10)).join('');
  const w = 26 + memory.reduce((sum, [, width]) => sum + width, 0);
  console.log(`\n${pad('', w)}   CPU % per scenario (100 = one core)`);
  console.log(`${pad('process (pid)', 26)}${memory.map(([title, width]) => lpad(title, width)).join('')}   ${phaseLabels.map((l) => lpad(l, 10)).join('')}`);
  for (const [name, pid] of Object.entries(procs)) {
    console.log(`${pad(`${name} (${pid})`, 26)}${memory.map(([, width, mb]) => lpad(mb[name] ?? '-', width)).join('')}   ${cpuCols((ph) => ph.procs[name]?.cpuPercent)}`);
  }
  for (const name of Object.keys(CPU_GROUPS)) {
    if (!phaseStats.some((ph) => ph.procs[name])) continue;
    console.log(`${pad(`${name} (all its processes)`, w)}   ${cpuCols((ph) => ph.procs[name]?.cpuPercent)}`);
  }
  console.log(`${pad('everything else on the machine', w)}   ${cpuCols((ph) => ph.otherCpuPercent)}`);
  for (const row of otherRows) console.log(typeof row === 'string' ? row : `${pad(row.label, w)}   ${row.values.map((v) => lpad(v, 10)).join('')}`);
  console.log(`${pad(`machine total (of ${phaseStats[0]?.machineCapacityPercent ?? '?'})`, w)}   ${cpuCols((ph) => ph.machineCpuPercent)}`);
}

/**
 * The start of a results' JSON: when and on what machine it ran, and its settings: the services'
 * NODE_OPTIONS and the load (`load`: connections, duration, warmup), then the runner's own.
 */
export const reportHead = (run, machine, { connections, duration, warmup }, settings) => ({
  startedAt: run.startedAt.toISOString(),
  machine,
  settings: { serviceNodeOptions: SERVICE_OPTIONS, connections, durationS: duration, warmupS: warmup, ...settings },
});

/** The first failed response of each row that had one, then the run's notes and the answers that differed. */
export function printNotes(rows, notes = [], mismatches = []) {
  for (const r of rows) if (r.firstError) console.log(`first failed response in "${r.scenario}": ${r.firstError}`);
  for (const n of notes) console.log(`note: ${n}`);
  for (const m of mismatches) console.log(`note: answers differ: ${m}`);
}

/** Writes the results' JSON and says where. */
export function writeResults(file, report) {
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nresults: ${path.relative(process.cwd(), file)}`);
}

/** What makes a run broken (as opposed to slow): rows with failed responses or connection errors. */
export const brokenRows = (rows) =>
  rows.filter((r) => r.ok !== r.requests || r.connErrors > 0).map((r) => `${r.scenario}: ${r.requests - r.ok} failed responses, ${r.connErrors} connection errors (${r.firstError ?? ''})`);

/**
 * Runs `main` (resolving to what broke the run, if anything), ends the run's client and cleans up
 * whatever happened, and exits: 1 when the run broke or failed, not when it was only slow (a missed target is a MISS).
 */
export async function runMain(run, main) {
  let exitCode = 0;
  try {
    const broken = await main();
    if (broken.length) {
      console.error(`\n${run.name}: the run is broken:\n  ${broken.join('\n  ')}`);
      exitCode = 1;
    }
  } catch (err) {
    console.error(`\n${run.name} failed: ${err.message}`);
    if (process.env.DEBUG) console.error(err);
    exitCode = 1;
  } finally {
    await run.db?.end().catch(() => {});
    await run.cleanup();
  }
  process.exit(exitCode);
}
