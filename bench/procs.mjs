// Helpers for the benchmark runners (bench/run.mjs, grids-run.mjs, tasks-run.mjs): the machine,
// the services' environments, child processes and their readiness, free ports, /proc sampling,
// heap snapshots and the clean-up.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository: the services run from its builds (apps/<name>/dist). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A child Node process (the same Node binary as this one) whose output goes to `logFile` and
 * whose last lines are kept for error messages.
 */
export class Child {
  constructor(name, script, env, logFile, nodeArgs = []) {
    this.name = name;
    this.tail = [];
    this.stdout = '';
    this.log = logFile ? fs.createWriteStream(logFile) : undefined;
    this.proc = spawn(process.execPath, [...nodeArgs, script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.pid = this.proc.pid;
    this.exitCode = undefined;
    this.exited = new Promise((resolve) => {
      this.proc.on('exit', (code, signal) => {
        this.exitCode = code ?? signal;
        resolve(this.exitCode);
      });
      this.proc.on('error', (err) => {
        this.tail.push(`spawn failed: ${err.message}`);
        this.exitCode = 'error';
        resolve('error');
      });
    });
    const keep = (chunk, out) => {
      this.log?.write(chunk);
      if (out) this.stdout += chunk.toString('utf8');
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.tail.push(line);
      if (this.tail.length > 40) this.tail.splice(0, this.tail.length - 40);
    };
    this.proc.stdout.on('data', (c) => keep(c, true));
    this.proc.stderr.on('data', (c) => keep(c, false));
  }

  get running() {
    return this.exitCode === undefined;
  }

  describe() {
    return `${this.name} (pid ${this.pid}) exited with ${this.exitCode}; last output:\n  ${this.tail.slice(-15).join('\n  ') || '(none)'}`;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5000) {
    if (this.running) {
      try {
        this.proc.kill('SIGTERM');
      } catch {
        // gone
      }
      const timer = sleep(graceMs).then(() => 'timeout');
      if ((await Promise.race([this.exited, timer])) === 'timeout' && this.running) {
        try {
          this.proc.kill('SIGKILL');
        } catch {
          // gone
        }
        await Promise.race([this.exited, sleep(2000)]);
      }
    }
    await new Promise((resolve) => (this.log ? this.log.end(resolve) : resolve()));
  }
}

/** Polls `url` until it answers 200, the child exits, or the time runs out. */
export async function waitReady(url, child, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (child && !child.running) throw new Error(`${child.describe()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return;
      last = `HTTP ${res.status} ${await res.text()}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    if (Date.now() > deadline) throw new Error(`${child?.name ?? url} not ready after ${timeoutMs / 1000} s (${last})`);
    await sleep(200);
  }
}

/**
 * The machine and the load, printed before anything starts and kept for the results' JSON, with
 * how busy the machine already is: other work on it makes every figure lower, so the report says
 * so. `availableParallelism` adds os.availableParallelism() (the gateway benchmark records it).
 */
export async function describeMachine({ connections, warmup, duration, nodeOptions, availableParallelism = false }) {
  const machine = {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    ...(availableParallelism ? { availableParallelism: os.availableParallelism?.() ?? os.cpus().length } : {}),
    totalMemoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
  console.log(`machine: ${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.totalMemoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`);
  console.log(`load: ${connections} connections, ${warmup} s warm-up + ${duration} s per scenario, load generator on the same machine; services with NODE_OPTIONS=${nodeOptions}`);
  const busyBefore = await machineBusy(2000);
  machine.busyBeforeStartPercent = busyBefore;
  console.log(`machine busy before start: ${busyBefore}% of all cores${busyBefore > 15 ? ' — other work is running here; the figures below will be lower than on a quiet machine' : ''}`);
  return machine;
}

/**
 * The services' environments for a run (its subject prefix, NATS and database): `base` for every
 * service (the gateway needs nothing more), `withSchema(schema)` for a service with a database
 * schema of its own, and `identity` on the run's identity schema with PII keys made for this run.
 */
export function serviceEnvs({ run, nodeOptions }) {
  const base = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development', // the services apply their migrations on start outside production
    LOG_LEVEL: 'warn',
    NATS_URL: run.natsUrl,
    SUBJECT_PREFIX: run.prefix,
    NODE_OPTIONS: nodeOptions,
  };
  const withSchema = (schema) => ({ ...base, DATABASE_URL: run.databaseUrl, DB_SCHEMA: schema });
  const identity = {
    ...withSchema(run.schema),
    // Fresh keys: the run's persons are synthetic and its schema is dropped at the end.
    PII_KEYS: `b1:${randomBytes(32).toString('base64')}`,
    PII_ACTIVE_KEY_ID: 'b1',
    PII_HMAC_KEY: randomBytes(32).toString('base64'),
  };
  return { base, withSchema, identity };
}

/**
 * Starts `script` (relative to the repository; a service's build by default) as the Child `name`
 * on `port`, its output in the run's log file for `name`, and registers it for the clean-up. The
 * child gets `port` and `url`; `serviceReady(child)` waits for it. `note` goes into the log line.
 */
export function startService(run, { name, script = `apps/${name}/dist/main.js`, env, port, nodeArgs = [], note }) {
  run.log(`starting ${name} on :${port}${note ? ` (${note})` : ''}`);
  const child = new Child(name, path.join(ROOT, script), { ...env, HTTP_PORT: String(port) }, run.logFile(name), nodeArgs);
  child.port = port;
  child.url = `http://127.0.0.1:${port}`;
  run.children.push(child);
  return child;
}

/**
 * identity and `name`, a service on its own schema `schema` (which it migrates at start), side by
 * side, then the gateway once both answer /health/ready. Resolves to the three children and
 * `readyRss`, their RSS when each first answered (MB).
 */
export async function startServices(run, { envs, ports, name, schema }) {
  const identity = startService(run, { name: 'identity', env: envs.identity, port: ports.identity, note: `schema ${run.schema}, prefix ${run.prefix}` });
  const service = startService(run, { name, env: envs.withSchema(schema), port: ports[name], note: `schema ${schema}; it applies its migrations` });
  const readyRss = {};
  readyRss.identity = await serviceReady(identity);
  readyRss[name] = await serviceReady(service);
  const gateway = startService(run, { name: 'gateway', env: envs.base, port: ports.gateway });
  readyRss.gateway = await serviceReady(gateway);
  return { identity, [name]: service, gateway, readyRss };
}

/** Waits until `child` (from startService) answers /health/ready; resolves to its RSS then, in MB ("RSS ready"). */
export async function serviceReady(child) {
  await waitReady(`${child.url}/health/ready`, child);
  return rssMb(child.pid);
}

/** VmRSS of a process in MB (0 when it is gone). */
export const rssMb = (pid) => round((procStats(pid)?.rssKb ?? 0) / 1024, 1);

/** VmHWM, the kernel's peak RSS over a process's whole life, in MB, of each of `procs` ({ name: pid }). */
export function vmHwmMb(procs) {
  const hwm = {};
  for (const [name, pid] of Object.entries(procs)) hwm[name] = round((procStats(pid)?.hwmKb ?? 0) / 1024, 1);
  return hwm;
}

const CLK_TCK = 100; // Linux USER_HZ

/** { rssKb, hwmKb, cpuTicks } of a live process, or undefined. */
export function procStats(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const hwmKb = Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15)
    return { rssKb, hwmKb, cpuTicks };
  } catch {
    return undefined;
  }
}

/** Every process's command name and CPU ticks (utime + stime), by pid. */
function allProcTicks() {
  const procs = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(entry, { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // exited meanwhile
    }
  }
  return procs;
}

/** pid → CPU ticks of every process whose command name is in `names` (e.g. all postgres backends). */
export function groupTicks(names) {
  const ticks = new Map();
  for (const [pid, p] of allProcTicks()) if (names.includes(p.comm)) ticks.set(pid, p.ticks);
  return ticks;
}

/** CPU ticks spent between two groupTicks() snapshots by processes alive at the end (exited ones are lost). */
function groupDelta(before, after) {
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}

/** The machine's CPU ticks by kind (user nice system idle iowait irq softirq steal …): /proc/stat's `cpu` line. */
const cpuLine = () => fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);

/** Machine-wide { busy, total } ticks from /proc/stat. */
export function systemTicks() {
  try {
    const cpu = cpuLine();
    const idle = cpu[3] + (cpu[4] ?? 0); // idle + iowait
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0); // without guest time, which is in user already
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

/** Processes measured by CPU only (many processes each, or not ours): name → command names. */
export const CPU_GROUPS = { postgres: ['postgres'], 'nats-server': ['nats-server'] };

/**
 * Samples RSS of named processes every `everyMs`. Between `begin(phase)` and `end()` it also
 * keeps each process's peak RSS and CPU time for that phase.
 */
export class Sampler {
  constructor(procs, everyMs = 200) {
    this.procs = procs; // { name: pid }
    this.everyMs = everyMs;
    this.phases = [];
    this.current = undefined;
    this.timer = undefined;
  }

  start() {
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  sample() {
    if (!this.current) return;
    for (const [name, pid] of Object.entries(this.procs)) {
      const s = procStats(pid);
      if (!s) continue;
      const p = this.current.procs[name];
      p.peakRssKb = Math.max(p.peakRssKb, s.rssKb);
      p.samples++;
    }
  }

  begin(phase) {
    const procs = {};
    for (const [name, pid] of Object.entries(this.procs)) {
      const s = procStats(pid);
      procs[name] = { peakRssKb: s?.rssKb ?? 0, startTicks: s?.cpuTicks ?? 0, samples: 0 };
    }
    const groups = {};
    for (const [name, comms] of Object.entries(CPU_GROUPS)) groups[name] = groupTicks(comms);
    this.current = { phase, startedAt: Date.now(), procs, groups, system: systemTicks() };
  }

  end() {
    const c = this.current;
    if (!c) return undefined;
    this.sample();
    const seconds = (Date.now() - c.startedAt) / 1000;
    const out = { phase: c.phase, seconds, procs: {} };
    for (const [name, p] of Object.entries(c.procs)) {
      const s = procStats(this.procs[name]);
      const cpuSeconds = s ? (s.cpuTicks - p.startTicks) / CLK_TCK : undefined;
      out.procs[name] = {
        peakRssMb: round(p.peakRssKb / 1024, 1),
        cpuPercent: cpuSeconds === undefined ? undefined : round((100 * cpuSeconds) / seconds, 0),
      };
    }
    for (const [name, comms] of Object.entries(CPU_GROUPS)) {
      const g = groupTicks(comms);
      if (g.size) out.procs[name] = { cpuPercent: round((100 * groupDelta(c.groups[name], g)) / CLK_TCK / seconds, 0) };
    }
    const sys = systemTicks();
    if (sys && c.system) {
      // In "one core = 100" units like the rest; "other" is everything not listed (other users of the machine, the kernel).
      out.machineCpuPercent = round((100 * (sys.busy - c.system.busy)) / CLK_TCK / seconds, 0);
      out.machineCapacityPercent = round((100 * (sys.total - c.system.total)) / CLK_TCK / seconds, 0);
      const listed = Object.values(out.procs).reduce((a, p) => a + (p.cpuPercent ?? 0), 0);
      out.otherCpuPercent = Math.max(0, out.machineCpuPercent - listed);
    }
    this.phases.push(out);
    this.current = undefined;
    return out;
  }

  stop() {
    clearInterval(this.timer);
  }

  /** Highest peak over all phases, per process. */
  peaks() {
    const peaks = {};
    for (const name of Object.keys(this.procs)) peaks[name] = Math.max(0, ...this.phases.map((ph) => ph.procs[name]?.peakRssMb ?? 0));
    return peaks;
  }
}

/**
 * What "everything else on the machine" was, per phase: the CPU of every process not listed (by
 * pid and command name), and the machine's steal, interrupt and I/O-wait time from /proc/stat (in
 * "one core = 100" units, like the rest). The Sampler gives the total; this names it (bench/tasks-run.mjs).
 */
export class OtherCpu {
  constructor(listedPids, listedComms) {
    this.listedPids = new Set(listedPids.map(String));
    this.listedComms = new Set(listedComms);
    this.start = undefined;
  }

  static snapshot() {
    const procs = allProcTicks();
    const cpu = cpuLine();
    return { at: Date.now(), procs, iowait: cpu[4] ?? 0, irq: (cpu[5] ?? 0) + (cpu[6] ?? 0), steal: cpu[7] ?? 0 };
  }

  begin() {
    this.start = OtherCpu.snapshot();
  }

  end() {
    const a = this.start;
    const b = OtherCpu.snapshot();
    const seconds = (b.at - a.at) / 1000;
    const pct = (ticks) => round(ticks / seconds, 0); // 100 ticks a second = one core
    const others = [];
    for (const [pid, p] of b.procs) {
      if (this.listedPids.has(pid) || this.listedComms.has(p.comm)) continue;
      const d = p.ticks - (a.procs.get(pid)?.ticks ?? 0);
      if (d > 0) others.push({ pid: Number(pid), comm: p.comm, cpuPercent: pct(d) });
    }
    others.sort((x, y) => y.cpuPercent - x.cpuPercent);
    return { steal: pct(b.steal - a.steal), irq: pct(b.irq - a.irq), iowait: pct(b.iowait - a.iowait), top: others.filter((o) => o.cpuPercent >= 2).slice(0, 4) };
  }
}

/** Machine CPU use over `ms`, as % of all cores. */
export async function machineBusy(ms = 2000) {
  const a = systemTicks();
  await sleep(ms);
  const b = systemTicks();
  if (!a || !b) return undefined;
  return round((100 * (b.busy - a.busy)) / (b.total - a.total), 0);
}

export function round(x, digits = 0) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Makes `child` (started with `--heapsnapshot-signal=SIGUSR2 --diagnostic-dir=<dir>`) write a heap
 * snapshot and renames it `<dir>/<as>`. Node writes the snapshot synchronously on the main thread,
 * so once the file exists and `liveUrl` answers again, and the file's size has stopped changing,
 * the snapshot is complete. Polls with a deadline; resolves to { file, bytes, ms }.
 */
export async function heapSnapshot(child, dir, as, liveUrl, timeoutMs = 180_000) {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const mine = new RegExp(`^Heap\\..*\\.${child.pid}\\.\\d+\\.\\d+\\.heapsnapshot$`);
  const before = new Set(fs.readdirSync(dir).filter((f) => mine.test(f)));
  child.proc.kill('SIGUSR2');
  const check = () => {
    if (!child.running) throw new Error(`${child.describe()}`);
    if (Date.now() > deadline) throw new Error(`${child.name}: no complete heap snapshot in ${dir} after ${timeoutMs / 1000} s`);
  };
  let name;
  for (;;) {
    check();
    name = fs.readdirSync(dir).find((f) => mine.test(f) && !before.has(f));
    if (name) break;
    await sleep(100);
  }
  const file = path.join(dir, name);
  let lastSize = -1;
  for (;;) {
    check();
    let alive = false;
    try {
      alive = (await fetch(liveUrl, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      // still writing (the event loop is blocked), or busy
    }
    const size = fs.statSync(file).size;
    if (alive && size > 0 && size === lastSize) break;
    lastSize = size;
    await sleep(200);
  }
  const target = path.join(dir, as);
  fs.renameSync(file, target);
  return { file: target, bytes: fs.statSync(target).size, ms: Date.now() - started };
}

/**
 * A bench run's clean-up, run once (at the end, or on SIGINT/SIGTERM): stops the children, drops
 * the run's schemas and deletes its JetStream streams. `run` holds children, databaseUrl, natsUrl,
 * prefix and `schemas` (filled in as the run goes).
 */
export function cleanupOnExit(run, { name, log }) {
  let cleaning;
  const cleanup = () => {
    cleaning ??= (async () => {
      await Promise.all(run.children.map((c) => c.stop().catch(() => {})));
      if (run.databaseUrl) await dropSchemas(run.databaseUrl, run.schemas, log);
      if (run.natsUrl) await deleteStreams(run.natsUrl, run.prefix, log);
    })();
    return cleaning;
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      console.error(`\n${name}: ${signal}, cleaning up`);
      cleanup().finally(() => process.exit(130));
    });
  }
  return cleanup;
}

async function dropSchemas(databaseUrl, schemas, log) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    for (const s of schemas) {
      try {
        await client.query(`drop schema if exists "${s}" cascade`);
        log(`cleanup: dropped schema ${s}`);
      } catch (err) {
        console.error(`cleanup: could not drop schema ${s}: ${err.message}`);
      }
    }
  } catch (err) {
    console.error(`cleanup: could not connect to drop ${schemas.join(', ')}: ${err.message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function deleteStreams(natsUrl, prefix, log) {
  try {
    const { connect } = await import('@nats-io/transport-node');
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const nc = await connect({ servers: natsUrl, timeout: 3000, reconnect: false });
    try {
      const jsm = await jetstreamManager(nc, { timeout: 3000 });
      const deleted = [];
      for (const name of ['GOV_EVENTS', 'GOV_DLQ', 'GOV_PUBLIC'].map((s) => `${prefix.toUpperCase()}_${s}`)) {
        if (await jsm.streams.delete(name).catch(() => false)) deleted.push(name);
      }
      log(`cleanup: deleted streams ${deleted.join(', ') || '(none existed)'}`);
    } finally {
      await nc.close();
    }
  } catch (err) {
    console.error(`cleanup: could not delete streams of ${prefix}: ${err.message}`);
  }
}
