#!/usr/bin/env node
// `npm start`: the whole platform on this machine, from a fresh clone.
//
//   1. PostgreSQL(+PostGIS) and NATS (tools/infra.mjs: reuses running ones, else starts them)
//   2. development secrets, generated once into .data/dev-secrets.json (unless PII_* are set)
//   3. build every project, apply the migrations, seed the demo city's persons (not in production)
//   4. identity (:4001), grids (:4002), tasks (:4003), petitions (:4004), mediation (:4005), integrations (:4006),
//      the GraphQL gateway (:4000) and the county console (:4200), until each answers /health/ready
//   5. the demo territory (grids, from identity's persons), then the rest of the demo city
//      (identity's units, grants and stewards, on the regions grids published)
//
// Ctrl-C stops the services and the servers step 1 started. If a service dies, everything is
// stopped and the exit code is non-zero, with the service's last output lines.
// Service logs go to .data/logs/<service>.log.
//
// Environment: DATABASE_URL, NATS_URL, PII_KEYS/PII_ACTIVE_KEY_ID/PII_HMAC_KEY, DEMO_PASSWORD
// (default demo-city-2026), CONSOLE_PORT (4200), IDENTITY_HTTP_PORT (4001), GATEWAY_HTTP_PORT (4000), INTEGRATIONS_HTTP_PORT (4006), MEDIATION_HTTP_PORT (4005), PETITIONS_HTTP_PORT (4004), TASKS_HTTP_PORT (4003), GRIDS_HTTP_PORT (4002), LOG_LEVEL.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInfra, InfraError, natsAuthEnv, stopStarted } from './infra.mjs';
import { CJK_FONT, installDebianPackages, missingFont, runQuietly } from './system-packages.mjs';
import { SERVICE_NODE_OPTIONS } from './node-options.mjs';

/** NATS logins per user when infra started its own server; undefined when NATS takes anyone. */
let natsCredentials;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(ROOT, '.data');
const LOG_DIR = path.join(DATA_DIR, 'logs');
const SECRETS_FILE = path.join(DATA_DIR, 'dev-secrets.json');
const PRODUCTION = process.env.NODE_ENV === 'production';
const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'demo-city-2026';
const READY_TIMEOUT_MS = 90_000;
const CONSOLE_PORT = process.env.CONSOLE_PORT || '4200';
const TAIL_LINES = 30;

/** Node 24 under npm; started by hand on an older node, prefer the repo's pinned one. */
const NODE = (() => {
  if (Number(process.versions.node.split('.')[0]) >= 24) return process.execPath;
  const pinned = path.join(ROOT, 'node_modules', '.bin', 'node');
  return fs.existsSync(pinned) ? pinned : process.execPath;
})();

const say = (line) => process.stdout.write(line + '\n');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Services started here: { name, child, tail, log }. */
const services = [];
let stopping = false;

main().catch(async (err) => {
  process.stderr.write(`start: ${err instanceof InfraError || err instanceof StartError ? err.message : (err?.stack ?? err)}\n`);
  await shutdown(err?.exitCode ?? 1);
});

class StartError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return;
      say(`\nstart: ${signal}, stopping`);
      void shutdown(0);
    });
  }

  const infra = await ensureInfra({ log: say });
  const { databaseUrl, natsUrl } = infra;
  // Mediation's agreement PDFs embed a CJK font; without it they answer UNAVAILABLE FONT_MISSING (HTML still works).
  if (missingFont().length && installDebianPackages(missingFont(), runQuietly) !== 0) say(`start: ${CJK_FONT} is missing and could not be installed (apt-get install -y fonts-wqy-microhei): agreement PDFs are unavailable`);
  // Where infra started NATS itself, every process logs in as its own user (deploy/nats).
  natsCredentials = infra.natsCredentials;
  const base = { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl };
  const identityEnv = { ...base, ...secrets(), HTTP_PORT: process.env.IDENTITY_HTTP_PORT || '4001' };
  const gatewayEnv = { ...base, HTTP_PORT: process.env.GATEWAY_HTTP_PORT || '4000' };
  const gridsEnv = { ...base, HTTP_PORT: process.env.GRIDS_HTTP_PORT || '4002' };
  for (const k of ['PII_KEYS', 'PII_ACTIVE_KEY_ID', 'PII_HMAC_KEY']) delete gatewayEnv[k];

  step('build', 'npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static']);
  step('migrate identity', NODE, ['apps/identity/dist/migrate.js'], identityEnv);
  step('migrate grids', NODE, ['apps/grids/dist/migrate.js'], gridsEnv);
  const tasksEnv = { ...base, HTTP_PORT: process.env.TASKS_HTTP_PORT || '4003' };
  step('migrate tasks', NODE, ['apps/tasks/dist/migrate.js'], tasksEnv);
  // Petitions encrypts residents' contacts: the same development PII keys as identity.
  const petitionsEnv = { ...base, ...secrets(), HTTP_PORT: process.env.PETITIONS_HTTP_PORT || '4004' };
  step('migrate petitions', NODE, ['apps/petitions/dist/migrate.js'], petitionsEnv);
  // Mediation encrypts parties' phones and ID numbers: the same development PII keys.
  const mediationEnv = { ...base, ...secrets(), HTTP_PORT: process.env.MEDIATION_HTTP_PORT || '4005' };
  step('migrate mediation', NODE, ['apps/mediation/dist/migrate.js'], mediationEnv);
  // Integrations keeps webhook signing secrets encrypted: the same development PII keys.
  const integrationsEnv = { ...base, ...secrets(), HTTP_PORT: process.env.INTEGRATIONS_HTTP_PORT || '4006' };
  step('migrate integrations', NODE, ['apps/integrations/dist/migrate.js'], integrationsEnv);
  if (stopping) return;

  let logins = [];
  /** identity's demo seed (seed.js): its JSON line. */
  const seedIdentity = (args) => {
    const r = spawnSync(NODE, ['apps/identity/dist/seed.js', ...args], { cwd: ROOT, env: { ...identityEnv, ...natsAuthEnv(natsCredentials, 'identity'), DEMO_PASSWORD }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (stopping) return null;
    if (r.status !== 0) throw new StartError(`seed failed (exit ${r.status ?? r.signal})`, r.status || 1);
    const last = r.stdout.trim().split('\n').pop();
    try {
      return JSON.parse(last);
    } catch {
      throw new StartError(`seed printed no JSON: ${last}`);
    }
  };
  if (PRODUCTION) {
    say('start: NODE_ENV=production, no demo data');
  } else {
    // The persons first: grids' demo territory puts them on duty. Units and grants name regions,
    // which identity accepts once grids has published them: they follow the territory below.
    say('\n== seed demo city: persons (identity)');
    if (!seedIdentity(['--people'])) return;
  }

  const wanted = [
    { name: 'identity', entry: 'apps/identity/dist/main.js', env: identityEnv },
    { name: 'grids', entry: 'apps/grids/dist/main.js', env: gridsEnv },
    { name: 'tasks', entry: 'apps/tasks/dist/main.js', env: tasksEnv },
    { name: 'petitions', entry: 'apps/petitions/dist/main.js', env: petitionsEnv },
    { name: 'mediation', entry: 'apps/mediation/dist/main.js', env: mediationEnv },
    { name: 'integrations', entry: 'apps/integrations/dist/main.js', env: integrationsEnv },
    { name: 'gateway', entry: 'apps/gateway/dist/main.js', env: gatewayEnv },
    // The county console: its build, served with /graphql, /tiles and /r forwarded to the gateway (one origin).
    { name: 'console', entry: 'apps/county-console/serve.mjs', env: { ...process.env, HTTP_PORT: CONSOLE_PORT, PORT: CONSOLE_PORT, GATEWAY_URL: `http://127.0.0.1:${gatewayEnv.HTTP_PORT}`, CONSOLE_DIST: path.join(ROOT, 'apps/county-console/dist') } },
  ];
  for (const s of wanted) {
    if (!fs.existsSync(path.join(ROOT, s.entry))) {
      say(`start: ${s.entry} does not exist, ${s.name} not started`);
      continue;
    }
    if (!(await portFree(Number(s.env.HTTP_PORT)))) throw new StartError(`port ${s.env.HTTP_PORT} for ${s.name} is in use (another npm start?)`);
    launch(s.name, s.entry, s.env);
  }
  if (services.length === 0) throw new StartError('no service to start');
  for (const s of services) await waitReady(s);
  if (stopping) return;
  let qrSheet = null;
  const gridsRunning = services.some((s) => s.name === 'grids');
  if (!PRODUCTION && gridsRunning) {
    // After identity's seed and with grids running: the territory's staff are identity's demo persons, which grids learns from identity's events.
    say('\n== seed demo territory (grids)');
    const g = spawnSync(NODE, ['apps/grids/dist/seed.js'], { cwd: ROOT, env: { ...gridsEnv, ...natsAuthEnv(natsCredentials, 'grids') }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (stopping) return;
    if (g.status !== 0) throw new StartError(`grids seed failed (exit ${g.status ?? g.signal})`, g.status || 1);
    const last = g.stdout.trim().split('\n').pop();
    try {
      qrSheet = JSON.parse(last).qrSheet ?? null;
    } catch {
      throw new StartError(`grids seed printed no JSON: ${last}`);
    }
  }
  if (!PRODUCTION && gridsRunning) {
    // identity (running) consumes grids' region events; the seed waits until it has every demo region.
    say('\n== seed demo city: units, grants and stewards (identity)');
    const r = seedIdentity([]);
    if (!r) return;
    logins = r.logins ?? [];
  } else if (!PRODUCTION) {
    say('start: grids is not running, so identity has no regions to grant on: the demo city has its persons but no units, grants or stewards');
  }
  if (!PRODUCTION && gridsRunning && services.some((s) => s.name === 'tasks')) {
    // After the stewards and places exist: tasks learns both from identity's and grids' events.
    say('\n== seed demo history: tasks, claims, points, merchants (tasks)');
    const tk = spawnSync(NODE, ['apps/tasks/dist/seed.js'], { cwd: ROOT, env: { ...tasksEnv, ...natsAuthEnv(natsCredentials, 'tasks') }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (stopping) return;
    if (tk.status !== 0) throw new StartError(`tasks seed failed (exit ${tk.status ?? tk.signal})`, tk.status || 1);
  }
  if (!PRODUCTION && gridsRunning && services.some((s) => s.name === 'petitions')) {
    // After the departments, stewards and households exist: petitions learns them from identity's and grids' events, and asks grids for the territory.
    say('\n== seed demo history: petitions, whistles, proposals (petitions)');
    const pt = spawnSync(NODE, ['apps/petitions/dist/seed.js'], { cwd: ROOT, env: { ...petitionsEnv, ...natsAuthEnv(natsCredentials, 'petitions') }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (stopping) return;
    if (pt.status !== 0) throw new StartError(`petitions seed failed (exit ${pt.status ?? pt.signal})`, pt.status || 1);
  }
  if (!PRODUCTION && gridsRunning && services.some((s) => s.name === 'mediation')) {
    // After the stewards exist: mediation learns them from identity's events and staffs its organisations with them.
    say('\n== seed demo history: mediation cases, agreements, meetings and the four lists (mediation)');
    const md = spawnSync(NODE, ['apps/mediation/dist/seed.js'], { cwd: ROOT, env: { ...mediationEnv, ...natsAuthEnv(natsCredentials, 'mediation') }, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (stopping) return;
    if (md.status !== 0) throw new StartError(`mediation seed failed (exit ${md.status ?? md.signal})`, md.status || 1);
  }

  const port = (name) => services.find((s) => s.name === name)?.port;
  say('');
  say('platform is up');
  if (port('console')) say(`  console:   http://localhost:${port('console')}/  (县区工作台: county staff sign in with the demo logins below)`);
  if (port('gateway')) say(`  GraphQL:   http://localhost:${port('gateway')}/graphql`);
  if (port('gateway')) say(`  residents: http://localhost:${port('gateway')}/r/  (the page a building's QR code opens; ?c=<tracking code> follows a petition)`);
  if (port('gateway')) say(`  Open311:   http://localhost:${port('gateway')}/open311/v2/discovery.json`);
  for (const s of services) say(`  health:    http://localhost:${s.port}/health/ready  (${s.name}, log ${path.relative(ROOT, s.log)})`);
  if (qrSheet) say(`  QR codes:  file://${qrSheet}  (象山新村's building codes, ready to print)`);
  if (logins.length) {
    say('');
    say(`demo logins (password: ${DEMO_PASSWORD})`);
    const w = [Math.max(8, ...logins.map((l) => l.username.length)), Math.max(4, ...logins.map((l) => l.role.length))];
    say(`  ${'username'.padEnd(w[0])}  ${'role'.padEnd(w[1])}  region`);
    for (const l of logins) say(`  ${l.username.padEnd(w[0])}  ${l.role.padEnd(w[1])}  ${l.region}`);
  }
  say('');
  say('Ctrl-C stops everything');
}

function secrets() {
  const { PII_KEYS, PII_ACTIVE_KEY_ID, PII_HMAC_KEY } = process.env;
  if (PII_KEYS && PII_ACTIVE_KEY_ID && PII_HMAC_KEY) return { PII_KEYS, PII_ACTIVE_KEY_ID, PII_HMAC_KEY };
  if (PRODUCTION) throw new StartError('NODE_ENV=production: set PII_KEYS, PII_ACTIVE_KEY_ID and PII_HMAC_KEY (development keys are not used in production)');
  try {
    const saved = JSON.parse(fs.readFileSync(SECRETS_FILE, 'utf8'));
    if (saved.PII_KEYS && saved.PII_ACTIVE_KEY_ID && saved.PII_HMAC_KEY) return saved;
  } catch (err) {
    if (err.code !== 'ENOENT') throw new StartError(`${path.relative(ROOT, SECRETS_FILE)} is unreadable (${err.message}); delete it only together with the database it encrypted`);
  }
  const fresh = {
    PII_KEYS: `dev1:${randomBytes(32).toString('base64')}`,
    PII_ACTIVE_KEY_ID: 'dev1',
    PII_HMAC_KEY: randomBytes(32).toString('base64'),
  };
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(SECRETS_FILE, JSON.stringify(fresh, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  say(`start: generated development PII keys in ${path.relative(ROOT, SECRETS_FILE)}`);
  return fresh;
}

function step(title, cmd, args, env = process.env) {
  if (stopping) return;
  say(`\n== ${title}: ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (stopping) return;
  if (r.error) throw new StartError(`${title}: ${r.error.message}`);
  if (r.signal === 'SIGINT' || r.signal === 'SIGTERM') throw new StartError(`${title} interrupted`, 130);
  if (r.status !== 0) throw new StartError(`${title} failed (exit ${r.status ?? r.signal})`, r.status || 1);
}

function launch(name, entry, env) {
  fs.mkdirSync(LOG_DIR, { recursive: true });
  const log = path.join(LOG_DIR, `${name}.log`);
  const file = fs.createWriteStream(log, { flags: 'a' });
  // The services run with the V8 settings of production; a NODE_OPTIONS of the caller's comes after them and wins.
  const nodeOptions = `${SERVICE_NODE_OPTIONS} ${env.NODE_OPTIONS ?? ''}`.trim();
  const child = spawn(NODE, [entry], { cwd: ROOT, env: { ...env, ...natsAuthEnv(natsCredentials, name), NODE_OPTIONS: nodeOptions }, stdio: ['ignore', 'pipe', 'pipe'] });
  const s = { name, child, log, port: Number(env.HTTP_PORT), tail: [], exited: false };
  const keep = (chunk, toStderr) => {
    file.write(chunk);
    if (toStderr) process.stderr.write(`[${name}] ${chunk}`);
    for (const line of chunk.toString().split('\n')) if (line.trim()) s.tail.push(line);
    if (s.tail.length > TAIL_LINES) s.tail.splice(0, s.tail.length - TAIL_LINES);
  };
  child.stdout.on('data', (c) => keep(c, false));
  child.stderr.on('data', (c) => keep(c, true));
  child.on('exit', (code, signal) => {
    s.exited = true;
    file.end();
    if (stopping) return;
    process.stderr.write(`\nstart: ${name} exited (${signal ?? `code ${code}`}); its last lines:\n${s.tail.map((l) => `  ${l}`).join('\n')}\n`);
    void shutdown(code || 1);
  });
  services.push(s);
  say(`start: ${name} pid ${child.pid} on :${s.port}`);
}

async function waitReady(s) {
  const url = `http://127.0.0.1:${s.port}/health/ready`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stopping && !s.exited) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new StartError(`${s.name} is not ready after ${READY_TIMEOUT_MS / 1000}s (${url}); see ${path.relative(ROOT, s.log)}`);
    await sleep(250);
  }
}

let shuttingDown;
function shutdown(code) {
  shuttingDown ??= (async () => {
    stopping = true;
    const running = services.filter((s) => !s.exited);
    for (const s of running) s.child.kill('SIGTERM');
    const deadline = Date.now() + 10_000;
    while (running.some((s) => !s.exited) && Date.now() < deadline) await sleep(100);
    for (const s of running) if (!s.exited) s.child.kill('SIGKILL');
    await stopStarted({ log: say }).catch((err) => process.stderr.write(`start: ${err.message}\n`));
    process.exit(code);
  })();
  return shuttingDown;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
