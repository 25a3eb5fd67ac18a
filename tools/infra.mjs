#!/usr/bin/env node
// Makes sure the two servers the platform needs are there: PostgreSQL with PostGIS (and the
// database named in DATABASE_URL) and NATS with JetStream (NATS_URL).
//
// Order of preference when something is missing: what is already running, local binaries
// (run under .data/), Debian packages (when root), `docker compose`, and otherwise one line that
// says what to install. Servers it starts are detached so they outlive this process (npm test
// reuses them); their pids are recorded in .data/started.json, and stopStarted() stops what the
// calling process started (tools/start.mjs calls it on Ctrl-C).
//
//   node tools/infra.mjs            # or: npm run infra
//
// The nats-server it starts runs deploy/nats/dev.conf: the project's users and permissions
// (deploy/nats/auth.conf) with development passwords, anonymous clients being the admin. A NATS
// that was already running is used as it is.
//
// As a library: `await ensureInfra({ log })` resolves to { databaseUrl, natsUrl, natsCredentials }
// or rejects with an InfraError whose message is the one line to show. natsCredentials is
// { <user>: <password> } for every user of deploy/nats/auth.conf when NATS is such a development
// server (started here, by an earlier run or by docker compose), undefined when NATS takes anyone
// (no users: nothing to pass on); natsAuthEnv(natsCredentials, user) makes a process's
// NATS_USER/NATS_PASSWORD of it.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/gov';
export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.join(ROOT, '.data');
const STARTED_FILE = path.join(DATA_DIR, 'started.json');
const PG_DIR = path.join(DATA_DIR, 'pg');
const PG_LOG = path.join(DATA_DIR, 'pg.log');
const NATS_DIR = path.join(DATA_DIR, 'nats');
const NATS_LOG = path.join(DATA_DIR, 'nats.log');
/** The NATS users and permissions (deploy/nats/README.md) and the development server's config. */
export const NATS_AUTH_CONF = path.join(ROOT, 'deploy', 'nats', 'auth.conf');
export const NATS_DEV_CONF = path.join(ROOT, 'deploy', 'nats', 'dev.conf');
const LOCK_DIR = path.join(DATA_DIR, 'infra.lock');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0']);
const NOT_ANSWERING = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EPIPE']);

/** An error whose message is the single line to print. */
export class InfraError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InfraError';
  }
}

/** What this process started, for stopStarted(). */
const startedHere = [];
let aptUpdated = false;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// entry point

export async function ensureInfra({ log = (line) => console.log(line) } = {}) {
  const databaseUrl = await ensurePostgres(log);
  const { natsUrl, natsCredentials } = await ensureNats(log);
  return { databaseUrl, natsUrl, natsCredentials };
}

/** Stops the servers this process started (not ones that were already running). */
export async function stopStarted({ log = (line) => console.log(line) } = {}) {
  while (startedHere.length > 0) {
    const entry = startedHere.pop();
    try {
      if (entry.how === 'pg_ctl') {
        const r = run(path.join(entry.binDir, 'pg_ctl'), ['-D', entry.dataDir, '-m', 'fast', '-w', 'stop'], { asPostgres: true });
        if (r.status !== 0) process.kill(entry.pid, 'SIGTERM');
      } else if (entry.how === 'spawn') {
        process.kill(entry.pid, 'SIGTERM');
      } else if (entry.how === 'docker') {
        run(entry.compose[0], [...entry.compose.slice(1), 'stop', entry.service], { cwd: ROOT });
      }
      log(`infra: stopped ${entry.service}${entry.pid ? ` (pid ${entry.pid})` : ''}`);
    } catch (err) {
      if (err.code !== 'ESRCH') log(`infra: could not stop ${entry.service}: ${err.message}`);
    }
    recordStarted(entry.service, undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

async function ensurePostgres(log) {
  let url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const where = () => `${url.hostname}:${url.port || 5432}`;
  const dbName = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';

  let admin = await pgConnect(adminUrl(url));
  if (!admin) {
    if (!isLocal(url.hostname)) throw new InfraError(`PostgreSQL does not answer at ${where()} (DATABASE_URL); start it or point DATABASE_URL elsewhere`);
    await withLock(() => startPostgres(url, log));
    url = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    admin = await waitForPostgres(adminUrl(url), 60_000);
    if (!admin) throw new InfraError(`PostgreSQL was started but does not answer at ${where()}; see ${path.relative(ROOT, PG_LOG)}`);
  }

  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [dbName]);
    if (exists.rowCount === 0) {
      try {
        await admin.query(`create database ${quoteIdent(dbName)}`);
        log(`infra: created database ${dbName}`);
      } catch (err) {
        // Another process created it between the check and here.
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      }
    }
    if (!(await postgisAvailable(admin))) {
      await withLock(async () => {
        if (!(await postgisAvailable(admin))) await installPostgis(admin, url, log);
      });
    }
  } finally {
    await admin.end().catch(() => {});
  }

  const db = await pgConnect(url);
  if (!db) throw new InfraError(`PostgreSQL stopped answering at ${where()}`);
  try {
    let version = await postgisVersion(db);
    if (!version) {
      try {
        await db.query('create extension if not exists postgis');
      } catch (err) {
        if (err.code !== '23505' && err.code !== '42710') throw new InfraError(`create extension postgis in ${dbName} failed: ${err.message}`);
      }
      version = await postgisVersion(db);
      log(`infra: created extension postgis ${version} in ${dbName}`);
    }
    log(`infra: postgres ${where()}/${dbName} ready (PostGIS ${version})`);
  } finally {
    await db.end().catch(() => {});
  }
  return url.toString();
}

async function pgConnect(url, timeoutMs = 2000) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    if (NOT_ANSWERING.has(err.code) || err.code === '57P03' || /timeout|terminated unexpectedly/i.test(err.message)) return null;
    if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return null;
    throw new InfraError(`PostgreSQL at ${url.hostname}:${url.port || 5432} refused the connection: ${err.message}`);
  }
}

async function waitForPostgres(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = await pgConnect(url);
    if (client || Date.now() > deadline) return client;
    await sleep(250);
  }
}

function adminUrl(url) {
  const admin = new URL(url.toString());
  admin.pathname = '/postgres';
  return admin;
}

async function postgisAvailable(client) {
  const r = await client.query("select 1 from pg_available_extensions where name = 'postgis'");
  return r.rowCount > 0;
}

async function postgisVersion(client) {
  const r = await client.query("select extversion from pg_extension where extname = 'postgis'");
  return r.rows[0]?.extversion;
}

async function installPostgis(admin, url, log) {
  const num = Number((await admin.query('show server_version_num')).rows[0].server_version_num);
  const major = num >= 100000 ? Math.floor(num / 10000) : Math.floor(num / 100) / 100;
  const pkg = `postgresql-${major}-postgis-3`;
  if (!isLocal(url.hostname) || !canApt()) {
    throw new InfraError(`PostGIS is missing in PostgreSQL ${major} at ${url.hostname}:${url.port || 5432}: install ${pkg} on the database host (apt-get install -y ${pkg})`);
  }
  aptInstall([pkg], log);
  if (!(await postgisAvailable(admin))) {
    throw new InfraError(`installed ${pkg} but PostgreSQL at ${url.hostname}:${url.port || 5432} still has no postgis extension (is it this machine's server?)`);
  }
}

/** Starts PostgreSQL for a local DATABASE_URL that does not answer; may change its port. */
async function startPostgres(url, log) {
  // Someone else (another worker) may have started it while we waited for the lock.
  const again = await pgConnect(adminUrl(url));
  if (again) return void (await again.end());

  // A cluster of ours that is still running, possibly on another port.
  const running = runningOwnCluster();
  if (running) {
    url.port = String(running.port);
    if (await waitForPostgres(adminUrl(url), 1000).then((c) => c?.end().then(() => true))) {
      process.env.DATABASE_URL = url.toString();
      log(`infra: using PostgreSQL in .data/pg on port ${running.port} (DATABASE_URL=${url})`);
      return;
    }
  }

  let binDir = findPostgresBin();
  if (!binDir) {
    if (canApt()) {
      aptInstall(['postgresql-15', 'postgresql-15-postgis-3'], log);
      // Debian's package creates and starts a cluster on 5432 where it can.
      const client = await waitForPostgres(adminUrl(url), 3000);
      if (client) return void (await client.end());
      binDir = findPostgresBin();
    } else if (dockerAvailable()) {
      await composeUp(['postgres', 'nats'], log);
      return;
    } else {
      throw new InfraError(`PostgreSQL does not answer at ${url.hostname}:${url.port || 5432} and is not installed: install postgresql-15 and postgresql-15-postgis-3 (or Docker), or set DATABASE_URL`);
    }
    if (!binDir) throw new InfraError('installed postgresql-15 but found no /usr/lib/postgresql/*/bin/initdb');
  }

  const user = decodeURIComponent(url.username) || 'postgres';
  fs.mkdirSync(DATA_DIR, { recursive: true });
  if (!fs.existsSync(path.join(PG_DIR, 'PG_VERSION'))) {
    fs.mkdirSync(PG_DIR, { recursive: true, mode: 0o700 });
    chownToPostgres(PG_DIR);
    log(`infra: initdb ${path.relative(ROOT, PG_DIR)} (${binDir})`);
    const r = run(path.join(binDir, 'initdb'), ['-D', PG_DIR, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C'], { asPostgres: true });
    if (r.status !== 0) throw new InfraError(`initdb failed: ${lastLine(r.stderr || r.stdout)}`);
  } else {
    // Use the binaries of the version that created the cluster.
    const version = fs.readFileSync(path.join(PG_DIR, 'PG_VERSION'), 'utf8').trim();
    const own = `/usr/lib/postgresql/${version}/bin`;
    if (fs.existsSync(path.join(own, 'pg_ctl'))) binDir = own;
  }

  const wanted = Number(url.port || 5432);
  const port = (await portFree(wanted)) ? wanted : await freePort();
  if (!fs.existsSync(PG_LOG)) fs.writeFileSync(PG_LOG, '');
  chownToPostgres(PG_LOG);
  const listen = url.hostname === 'localhost' ? 'localhost' : url.hostname.replace(/^\[|\]$/g, '');
  const opts = `-c listen_addresses='${listen}' -p ${port} -c unix_socket_directories='${PG_DIR}'`;
  const r = run(path.join(binDir, 'pg_ctl'), ['-D', PG_DIR, '-l', PG_LOG, '-w', '-t', '60', '-o', opts, 'start'], { asPostgres: true });
  if (r.status !== 0) throw new InfraError(`pg_ctl start failed: ${lastLine(r.stderr || r.stdout)} (see ${path.relative(ROOT, PG_LOG)})`);
  const pid = Number(fs.readFileSync(path.join(PG_DIR, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const entry = { service: 'postgres', how: 'pg_ctl', pid, port, dataDir: PG_DIR, binDir, startedAt: new Date().toISOString() };
  startedHere.push(entry);
  recordStarted('postgres', entry);
  if (port !== wanted) {
    url.port = String(port);
    process.env.DATABASE_URL = url.toString();
  }
  log(`infra: started PostgreSQL in .data/pg on 127.0.0.1:${port} (pid ${pid})${port !== wanted ? `; DATABASE_URL=${url}` : ''}`);
}

function runningOwnCluster() {
  try {
    const [pid, , , port] = fs.readFileSync(path.join(PG_DIR, 'postmaster.pid'), 'utf8').split('\n');
    process.kill(Number(pid), 0);
    return { pid: Number(pid), port: Number(port) };
  } catch {
    return undefined;
  }
}

function findPostgresBin() {
  let versions = [];
  try {
    versions = fs.readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    return undefined;
  }
  const v = versions.find((x) => fs.existsSync(`/usr/lib/postgresql/${x}/bin/initdb`));
  return v ? `/usr/lib/postgresql/${v}/bin` : undefined;
}

function chownToPostgres(file) {
  const ids = postgresIds();
  if (ids) fs.chownSync(file, ids.uid, ids.gid);
}

let pgIds;
function postgresIds() {
  if (process.getuid?.() !== 0) return undefined;
  if (pgIds) return pgIds;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0) throw new InfraError('initdb and pg_ctl refuse to run as root and there is no postgres user: create one (useradd -r postgres)');
  pgIds = { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  return pgIds;
}

// ---------------------------------------------------------------------------------------------
// NATS

async function ensureNats(log) {
  const natsUrl = process.env.NATS_URL || DEFAULT_NATS_URL;
  const url = new URL(natsUrl.split(',')[0].trim());
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 4222);
  const where = `${host}:${port}`;

  let probe = await natsProbe(natsUrl);
  if (!probe.answering) {
    if (!isLocal(host)) throw new InfraError(`NATS does not answer at ${where} (NATS_URL); start it or point NATS_URL elsewhere`);
    await withLock(async () => {
      probe = await natsProbe(natsUrl);
      if (!probe.answering) probe = await startNats(natsUrl, host, port, log);
    });
  }
  if (!probe.answering) throw new InfraError(`NATS does not answer at ${where}; see ${path.relative(ROOT, NATS_LOG)}`);
  if (probe.refused) throw new InfraError(`NATS at ${where} ${probe.refused}`);
  if (!probe.jetstream) throw new InfraError(`NATS at ${where} answers but JetStream is off: restart nats-server with -js (${probe.error?.message ?? 'no $JS.API'})`);
  log(`infra: nats ${where} ready (server ${probe.version}, JetStream ${probe.streams} streams)`);
  const natsCredentials = await detectNatsCredentials(natsUrl);
  if (natsCredentials === null) log(`infra: nats ${where} has users, but not the development passwords of ${path.relative(ROOT, NATS_AUTH_CONF)}: pass NATS_USER/NATS_PASSWORD yourself`);
  else if (natsCredentials) log(`infra: nats ${where} has the users of ${path.relative(ROOT, NATS_AUTH_CONF)} (development passwords)`);
  return { natsUrl, natsCredentials: natsCredentials ?? undefined };
}

/** The users of deploy/nats/auth.conf, each with the environment variable nats-server reads its password from. */
export function natsUsers(conf = fs.readFileSync(NATS_AUTH_CONF, 'utf8')) {
  const users = [];
  for (const line of conf.split('\n')) {
    const m = /^\s*\{\s*user:\s*"?([A-Za-z0-9_-]+)"?\s*,\s*password:\s*\$([A-Z0-9_]+)/.exec(line);
    if (m) users.push({ user: m[1], variable: m[2] });
  }
  return users;
}

/** The variable nats-server reads a user's password from: NATS_PASSWORD_<USER>, dashes as underscores. */
export function natsPasswordVariable(user) {
  return `NATS_PASSWORD_${user.toUpperCase().replace(/-/g, '_')}`;
}

/** Development passwords of every user: NATS_PASSWORD_<USER> from the environment, else `dev-<user>` (as docker-compose.yml). */
export function devNatsPasswords(env = process.env) {
  return Object.fromEntries(natsUsers().map(({ user, variable }) => [user, env[variable] || `dev-${user}`]));
}

/**
 * How to run nats-server with the project's users: the command line and the environment holding
 * the passwords. nats-server reads such a variable as a config value, so each is passed quoted
 * (unquoted, `a,b` would be read as `a` and `12ab` not at all).
 */
export function natsServerCommand({ host, port, storeDir, config = NATS_DEV_CONF, users = natsUsers(), passwords = devNatsPasswords(), bin = findNatsServer() }) {
  const env = { ...process.env };
  for (const { user, variable } of users) if (passwords[user] !== undefined) env[variable] = JSON.stringify(passwords[user]);
  return { bin, args: ['-c', config, '-js', '-sd', storeDir, '-a', host, '-p', String(port)], env };
}

/** NATS_USER/NATS_PASSWORD of one user for a child process's environment; nothing when NATS has no users. */
export function natsAuthEnv(natsCredentials, user) {
  const password = natsCredentials?.[user];
  return password ? { NATS_USER: user, NATS_PASSWORD: password } : {};
}

/**
 * The development passwords when the NATS at `servers` checks them: undefined when it takes any
 * login (no users), null when it has users whose passwords are others.
 */
export async function detectNatsCredentials(servers, env = process.env) {
  const { connect } = await import('@nats-io/transport-node');
  const loginWorks = async (user, pass) => {
    try {
      const nc = await connect({ servers, user, pass, timeout: 2000, reconnect: false, maxReconnectAttempts: 0 });
      await nc.close();
      return true;
    } catch (err) {
      if (err?.name === 'AuthorizationError' || /authorization violation/i.test(String(err?.message))) return false;
      throw err;
    }
  };
  if (await loginWorks('infra-probe', randomBytes(16).toString('hex'))) return undefined;
  const passwords = devNatsPasswords(env);
  const [first] = natsUsers();
  return first && (await loginWorks(first.user, passwords[first.user])) ? passwords : null;
}

async function natsProbe(servers) {
  const { connect } = await import('@nats-io/transport-node');
  // A NATS with users: the login in NATS_USER/NATS_PASSWORD when there is one (its own inbox, as connectNats does).
  const { NATS_USER: user, NATS_PASSWORD: pass } = process.env;
  const login = user && pass ? { user, pass, inboxPrefix: `_INBOX.${user}` } : {};
  let nc;
  try {
    nc = await connect({ servers, timeout: 1500, reconnect: false, maxReconnectAttempts: 0, ...login });
  } catch (error) {
    if (error?.name === 'AuthorizationError') return { answering: true, refused: user && pass ? `refused the login of NATS_USER ${user}` : 'wants a login: set NATS_USER and NATS_PASSWORD' };
    return { answering: false, error };
  }
  try {
    const { jetstreamManager } = await import('@nats-io/jetstream');
    const jsm = await jetstreamManager(nc, { timeout: 2000 });
    const info = await jsm.getAccountInfo();
    return { answering: true, jetstream: true, version: nc.info?.version, streams: info.streams };
  } catch (error) {
    return { answering: true, jetstream: false, version: nc.info?.version, error };
  } finally {
    await nc.close().catch(() => {});
  }
}

async function startNats(natsUrl, host, port, log) {
  let bin = findNatsServer();
  if (!bin) {
    if (canApt()) {
      aptInstall(['nats-server'], log);
      const probe = await natsProbe(natsUrl); // the package may have started its own service
      if (probe.answering) return probe;
      bin = findNatsServer();
    } else if (dockerAvailable()) {
      await composeUp(['nats'], log);
      return waitForNats(natsUrl, 60_000);
    } else {
      throw new InfraError(`NATS does not answer at ${host}:${port} and nats-server is not installed: install nats-server (2.9+, run with -js) or Docker, or set NATS_URL`);
    }
    if (!bin) throw new InfraError('installed nats-server but cannot find the binary');
  }
  fs.mkdirSync(NATS_DIR, { recursive: true });
  const out = fs.openSync(NATS_LOG, 'a');
  // The project's users and permissions, development passwords, anonymous clients as the admin.
  const cmd = natsServerCommand({ host, port, storeDir: NATS_DIR, bin });
  const child = spawn(cmd.bin, cmd.args, { cwd: ROOT, env: cmd.env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.unref();
  const entry = { service: 'nats', how: 'spawn', pid: child.pid, port, startedAt: new Date().toISOString() };
  const deadline = Date.now() + 15_000;
  for (;;) {
    const probe = await natsProbe(natsUrl);
    if (probe.answering) {
      startedHere.push(entry);
      recordStarted('nats', entry);
      log(`infra: started nats-server -js -c ${path.relative(ROOT, NATS_DEV_CONF)} on ${host}:${port} (pid ${child.pid}, log ${path.relative(ROOT, NATS_LOG)})`);
      return probe;
    }
    if (exited || Date.now() > deadline) {
      if (!exited) child.kill('SIGTERM');
      throw new InfraError(`nats-server did not start on ${host}:${port}: ${lastLine(fs.readFileSync(NATS_LOG, 'utf8'))}`);
    }
    await sleep(100);
  }
}

async function waitForNats(natsUrl, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await natsProbe(natsUrl);
    if (probe.answering || Date.now() > deadline) return probe;
    await sleep(500);
  }
}

function findNatsServer() {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/usr/local/bin']) {
    if (!dir) continue;
    const candidate = path.join(dir, 'nats-server');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// helpers: apt, docker, processes, ports, bookkeeping

function canApt() {
  return process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
}

function aptInstall(packages, log) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    log('infra: apt-get update');
    const u = run('apt-get', ['update', '-qq'], { env, timeout: 300_000 });
    if (u.status !== 0) throw new InfraError(`apt-get update failed: ${lastLine(u.stderr)}; install ${packages.join(' ')} by hand`);
    aptUpdated = true;
  }
  log(`infra: apt-get install ${packages.join(' ')}`);
  const r = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env, timeout: 900_000 });
  if (r.status !== 0) throw new InfraError(`apt-get install ${packages.join(' ')} failed: ${lastLine(r.stderr || r.stdout)}`);
}

function dockerAvailable() {
  const r = spawnSync('docker', ['info'], { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

async function composeUp(services, log) {
  const compose = spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0 ? ['docker', 'compose'] : ['docker-compose'];
  log(`infra: ${compose.join(' ')} up -d ${services.join(' ')}`);
  const r = run(compose[0], [...compose.slice(1), 'up', '-d', '--wait', ...services], { cwd: ROOT, timeout: 600_000 });
  if (r.status !== 0) throw new InfraError(`${compose.join(' ')} up -d ${services.join(' ')} failed: ${lastLine(r.stderr || r.stdout)}`);
  for (const service of services) {
    const entry = { service, how: 'docker', compose, startedAt: new Date().toISOString() };
    startedHere.push(entry);
    recordStarted(service, entry);
  }
}

/** spawnSync; with asPostgres (when root) runs as the postgres user, as initdb/pg_ctl demand. */
function run(cmd, args, { asPostgres = false, env = process.env, cwd = ROOT, timeout = 120_000 } = {}) {
  const ids = asPostgres ? postgresIds() : undefined;
  const r = spawnSync(cmd, args, {
    cwd: ids ? '/' : cwd,
    env: ids ? { ...env, HOME: '/var/lib/postgresql', USER: 'postgres', LOGNAME: 'postgres' } : env,
    encoding: 'utf8',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    ...(ids ? { uid: ids.uid, gid: ids.gid } : {}),
  });
  if (r.error) return { status: 1, stdout: '', stderr: r.error.message };
  return r;
}

function lastLine(text = '') {
  return (
    String(text)
      .trim()
      .split('\n')
      .filter((l) => l.trim())
      .pop() ?? 'no output'
  );
}

function isLocal(hostname) {
  return LOCAL_HOSTS.has(hostname);
}

function quoteIdent(name) {
  return `"${name.replace(/"/g, '""')}"`;
}

function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function recordStarted(service, entry) {
  let all = {};
  try {
    all = JSON.parse(fs.readFileSync(STARTED_FILE, 'utf8'));
  } catch {
    // first one
  }
  if (entry) all[service] = entry;
  else delete all[service];
  for (const [name, e] of Object.entries(all)) if (e?.pid && !alive(e.pid)) delete all[name]; // died or stopped by hand
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(STARTED_FILE, JSON.stringify(all, null, 2) + '\n');
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Serialises the slow paths (apt, initdb, spawning) across processes, e.g. parallel Jest workers. */
async function withLock(fn) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      try {
        if (Date.now() - fs.statSync(LOCK_DIR).mtimeMs > 20 * 60_000) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      if (Date.now() > deadline) throw new InfraError(`timed out waiting for ${path.relative(ROOT, LOCK_DIR)} (remove it if no other infra run is going)`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  ensureInfra().then(
    () => process.exit(0),
    (err) => {
      console.error(`infra: ${err instanceof Error ? err.message : err}`);
      if (!(err instanceof InfraError) && process.env.DEBUG) console.error(err);
      process.exit(1);
    },
  );
}
