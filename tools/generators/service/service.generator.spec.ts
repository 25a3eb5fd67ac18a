// `npx nx g @gov/tools:service` on a scratch copy of this workspace, then everything a new service
// must survive: the whole workspace type-checks as before, the new projects lint (module
// boundaries included), type-check, build and pass their own tests, the compose/k8s/boundary
// checks pass with the new app, and the built service, identity and the gateway start as
// processes: /health/ready answers and a signed-in GraphQL request goes gateway → NATS → the new
// service → PostgreSQL and back.
//
// Slow (1–3 minutes): `npm run test:generators -w tools`. Needs PostgreSQL and NATS like every
// integration suite. KEEP_SCRATCH=1 keeps the scratch copy for a look afterwards.
import { TestContext, idCard } from '@gov/platform-testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const MAIN = path.resolve(import.meta.dirname, '../../..');
const NAME = 'field-notes';
const SCHEMA = 'field_notes';
const PROJECTS = [`@gov/${NAME}`, `@gov/${NAME}-contracts`, `@gov/${NAME}-domain`, `@gov/${NAME}-data-access`, `@gov/${NAME}-graphql`];
const DEMO_PASSWORD = 'generator-spec-2026';
/** Node 24 under npm scripts; started some other way, the repo's pinned one (as tools/start.mjs does). */
const NODE = Number(process.versions.node.split('.')[0]) >= 24 ? process.execPath : path.join(MAIN, 'node_modules', '.bin', 'node');

let scratch = '';

/** Environment for child processes: none of the parent's npm, Nx or Jest settings (an inherited NX_* could point Nx back at the real workspace). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|nx_|jest_)|^(INIT_CWD|NODE_OPTIONS|NODE_ENV)$/i.test(k)) env[k] = v;
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', ...extra };
}

interface RunResult {
  code: number | null;
  out: string;
}

/** Runs a command in the scratch copy; resolves with its exit code and merged output (never rejects). */
function run(cmd: string, args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: scratch, env: childEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 180_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const tail = (text: string, lines = 60) => text.trim().split('\n').slice(-lines).join('\n');

async function ok(cmd: string, args: string[], opts: Parameters<typeof run>[2] = {}): Promise<string> {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) throw new Error(`\`${cmd} ${args.join(' ')}\` exited ${r.code}:\n${tail(r.out)}`);
  return r.out;
}

/** The files git would show (tracked and untracked, not ignored), else every file outside build output. */
function workspaceFiles(): string[] {
  const git = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: MAIN, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (git.status === 0) return git.stdout.split('\0').filter((f) => f && fs.statSync(path.join(MAIN, f), { throwIfNoEntry: false })?.isFile());
  const skip = new Set(['.git', 'node_modules', 'dist', '.nx', '.data', 'coverage']);
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(MAIN, dir), { withFileTypes: true }).flatMap((d) => (skip.has(d.name) ? [] : d.isDirectory() ? walk(path.join(dir, d.name)) : d.isFile() ? [path.join(dir, d.name)] : []));
  return walk('');
}

/**
 * node_modules of the copy: every entry a link into the real one, except @gov, whose links point
 * at the copy's own projects (as npm workspaces link them), so nothing under /work/main changes.
 */
function linkNodeModules() {
  const nm = path.join(scratch, 'node_modules');
  fs.mkdirSync(path.join(nm, '@gov'), { recursive: true });
  for (const entry of fs.readdirSync(path.join(MAIN, 'node_modules'))) {
    if (entry !== '@gov' && !fs.existsSync(path.join(nm, entry))) fs.symlinkSync(path.join(MAIN, 'node_modules', entry), path.join(nm, entry));
  }
  const { workspaces } = JSON.parse(fs.readFileSync(path.join(scratch, 'package.json'), 'utf8')) as { workspaces: string[] };
  const dirs = workspaces.flatMap((w) => {
    if (!w.endsWith('/*')) return [w];
    const base = path.join(scratch, w.slice(0, -2));
    return fs.existsSync(base) ? fs.readdirSync(base).map((d) => path.join(w.slice(0, -2), d)) : [];
  });
  for (const dir of dirs) {
    const pkg = path.join(scratch, dir, 'package.json');
    if (!fs.existsSync(pkg)) continue;
    const link = path.join(nm, JSON.parse(fs.readFileSync(pkg, 'utf8')).name);
    if (!fs.existsSync(link)) fs.symlinkSync(path.relative(path.dirname(link), path.join(scratch, dir)), link);
  }
}

/** A tsc run's `file(line,col): error TSxxxx: …` lines without positions (inserted lines move them), or a throw if tsc did not run. */
async function tscErrors(): Promise<string[]> {
  const r = await run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
  const errors = r.out.split('\n').filter((l) => /error TS\d+/.test(l)).map((l) => l.replace(/\(\d+,\d+\)/, ''));
  if (r.code !== 0 && errors.length === 0) throw new Error(`tsc failed without type errors:\n${tail(r.out)}`);
  return errors;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A process of the scratch copy: its last output lines for failure messages. */
interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: boolean;
}
const procs: Proc[] = [];

function launch(name: string, entry: string, env: Record<string, string>): Proc {
  const child = spawn(NODE, [entry], { cwd: scratch, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const p: Proc = { name, child, output: [], exited: false };
  const keep = (c: Buffer) => {
    p.output.push(...c.toString().split('\n').filter(Boolean));
    p.output.splice(0, Math.max(0, p.output.length - 40));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  child.on('exit', () => (p.exited = true));
  procs.push(p);
  return p;
}

/** Polls `url` until it answers 200, the process exits, or the deadline passes. */
async function waitReady(p: Proc, url: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p.exited) throw new Error(`${p.name} exited before it was ready:\n${p.output.join('\n')}`);
    const status = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`${p.name}: ${url} not ready after ${timeoutMs / 1000}s (last status ${status}):\n${p.output.join('\n')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopAll() {
  const running = procs.filter((p) => !p.exited);
  for (const p of running) p.child.kill('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (running.some((p) => !p.exited) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const p of running) if (!p.exited) p.child.kill('SIGKILL');
}

const t = new TestContext();
const read = (file: string) => fs.readFileSync(path.join(scratch, file), 'utf8');
const started = Date.now();
let baselineErrors: string[] = [];
let generateOutput = '';

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gov-generator-'));
  for (const f of workspaceFiles()) {
    fs.mkdirSync(path.join(scratch, path.dirname(f)), { recursive: true });
    fs.copyFileSync(path.join(MAIN, f), path.join(scratch, f));
  }
  linkNodeModules();
  // Whatever the rest of the workspace says today (others edit it too) is the baseline to keep.
  baselineErrors = await tscErrors();
  generateOutput = await ok('npx', ['nx', 'g', '@gov/tools:service', NAME, '--skipInstall', '--no-interactive']);
  // What `npm install` would do for the new workspace packages.
  linkNodeModules();
}, 120_000);

afterAll(async () => {
  await stopAll();
  await t.cleanup();
  if (scratch && !process.env.KEEP_SCRATCH) fs.rmSync(scratch, { recursive: true, force: true });
  else if (scratch) console.log(`scratch copy kept at ${scratch}`);
  console.log(`generator spec: ${Math.round((Date.now() - started) / 1000)}s`);
}, 60_000);

describe(`npx nx g @gov/tools:service ${NAME}`, () => {
  it('creates the app and its four libraries with their tags', () => {
    expect(generateOutput).toMatch(/CREATE apps\/field-notes\/src\/main\.ts/);
    for (const f of ['main.ts', 'migrate.ts', 'config.ts', 'app.module.ts', 'testing.ts', 'field-notes.spec.ts', 'field-note/field-note.controller.ts', 'field-note/field-note.module.ts', 'field-note/field-note.service.ts']) {
      expect(fs.existsSync(path.join(scratch, 'apps', NAME, 'src', f))).toBe(true);
    }
    expect(read(`apps/${NAME}/src/main.ts`)).toContain(`runService('${NAME}', FieldNotesAppModule)`);
    expect(read(`apps/${NAME}/src/field-note/field-note.controller.ts`)).toContain('@MessagePattern(FieldNotesRpc.fieldNoteGet)');
    expect(read(`libs/${NAME}/data-access/src/migrations/001-initial.ts`)).toContain('OUTBOX_TABLES_SQL');
    const tags = (dir: string) => JSON.parse(read(`${dir}/package.json`)).nx.tags;
    expect(tags(`apps/${NAME}`)).toEqual([`scope:${NAME}`, 'type:service']);
    for (const lib of ['contracts', 'domain', 'data-access', 'graphql']) expect(tags(`libs/${NAME}/${lib}`)).toEqual([`scope:${NAME}`, `type:${lib}`]);
  });

  it('registers the service in the gateway, eslint scopes, workspaces, start script, compose, k8s and README', async () => {
    expect(read('apps/gateway/src/gateway.module.ts')).toMatch(/import \{ FieldNotesGraphqlModule \} from '@gov\/field-notes-graphql';[\s\S]*\n\s+FieldNotesGraphqlModule,\n/);
    expect(read('eslint.config.js')).toMatch(/const serviceScopes = \[[^\]]*'field-notes'\];/);
    expect(read('tools/events/contracts.mjs')).toMatch(/import \{ FieldNotesEvents \} from '@gov\/field-notes-contracts';[\s\S]*\n {2}'field-notes': FieldNotesEvents,\n\};/);
    expect(JSON.parse(read('package.json')).workspaces).toContain(`libs/${NAME}/*`);
    expect(read('tools/start.mjs')).toContain(`entry: 'apps/${NAME}/dist/main.js'`);
    expect(read('tools/start.mjs')).toContain(`['apps/${NAME}/dist/migrate.js']`);
    expect(spawnSync(NODE, ['--check', 'tools/start.mjs'], { cwd: scratch }).status).toBe(0);
    expect(read('k8s/base/kustomization.yaml')).toContain(`- ${NAME}-deployment.yaml`);
    expect(read('README.md')).toMatch(/^## Services$[\s\S]*^### field-notes$/m);
    // Generating twice is refused rather than doubling every registration.
    const again = await run('npx', ['nx', 'g', '@gov/tools:service', NAME, '--skipInstall', '--no-interactive', '--dry-run']);
    expect(again.code).not.toBe(0);
    expect(again.out).toContain(`apps/${NAME} already exists`);
  }, 60_000);

  it('keeps the whole workspace type-checking as before (npx tsc -p tsconfig.json)', async () => {
    expect((await tscErrors()).filter((e) => !baselineErrors.includes(e))).toEqual([]);
  }, 120_000);

  it('lints, type-checks, builds and tests the new projects, and lints and type-checks the gateway', async () => {
    await ok('npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', 'build', 'test', `--projects=${PROJECTS.join(',')}`, '--parallel=2', '--outputStyle=static']);
    await ok('npx', ['nx', 'run-many', '-t', 'lint', 'typecheck', 'build', '--projects=@gov/gateway', '--parallel=2', '--outputStyle=static']);
    await ok('npx', ['nx', 'run-many', '-t', 'build', '--projects=@gov/identity', '--parallel=2', '--outputStyle=static']);
  }, 240_000);

  it('puts the new scope under the module-boundary rule', async () => {
    const lint = (file: string, code: string) =>
      new Promise<string>((resolve) => {
        const child = spawn('npx', ['eslint', '--stdin', '--stdin-filename', file, '-f', 'json'], { cwd: scratch, env: childEnv() });
        let out = '';
        child.stdout.on('data', (c) => (out += c));
        child.on('close', () => resolve(out));
        child.stdin.end(code);
      });
    const messages = (out: string) => (JSON.parse(out) as { messages: { ruleId: string; message: string }[] }[]).flatMap((r) => r.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message));
    expect(messages(await lint('apps/gateway/src/probe.ts', `import { FieldNote } from '@gov/field-notes-data-access';\nexport const x = FieldNote;\n`)).join('\n')).toMatch(/"scope:gateway"/);
    expect(messages(await lint(`apps/${NAME}/src/probe.ts`, `import { Permissions } from '@gov/identity-domain';\nexport const x = Permissions;\n`)).join('\n')).toMatch(/"scope:field-notes"/);
    expect(messages(await lint(`apps/${NAME}/src/probe.ts`, `import { FieldNote } from '@gov/field-notes-data-access';\nexport const x = FieldNote;\n`))).toEqual([]);
  }, 60_000);

  it('passes the compose, Kubernetes and boundary checks with the new app, and regenerates the gateway schema', async () => {
    await ok('npx', ['jest', '-c', 'tools/jest.config.js', 'tools/compose.spec.ts', 'tools/k8s.spec.ts', 'tools/boundaries.spec.ts'], { env: { NODE_OPTIONS: '--experimental-vm-modules' } });
    await ok('npm', ['run', 'schema:generate']);
    const sdl = read('apps/gateway/schema.graphql');
    expect(sdl).toMatch(/^type FieldNote \{/m);
    expect(sdl).toMatch(/^ {2}createFieldNote\(input: CreateFieldNoteInput!\): FieldNote!$/m);
    expect(sdl).toMatch(/^ {2}fieldNote\(id: ID!\): FieldNote!$/m);
  }, 120_000);

  describe('running from dist with identity and the gateway', () => {
    let service: { url: string; proc: Proc };
    let gatewayUrl = '';
    let login: { username: string; region: string };

    beforeAll(async () => {
      // The migration Job's entry first, as Kubernetes runs it; then the service finds nothing to do.
      const migrated = await ok(NODE, [`apps/${NAME}/dist/migrate.js`], { env: t.env(SCHEMA) });
      expect(JSON.parse(migrated.trim().split('\n').at(-1)!)).toMatchObject({ applied: ['001-initial'] });

      // A login with an admin grant: the first city administrator, as a deployment creates it (identity's
      // demo seed grants regions only once grids has published them, and grids does not run here).
      const identityEnv = t.env('identity', { LOG_LEVEL: 'warn' });
      login = { username: 'city-admin', region: 'jingmen' };
      const admin = spawnSync(
        NODE,
        ['apps/identity/dist/create-admin.js', '--username', login.username, '--name', '市管理员', '--phone', '13800000001', '--id-card', idCard(1, '19800101', '420800'), '--region', login.region],
        { cwd: scratch, env: childEnv(identityEnv), input: `${DEMO_PASSWORD}\n`, encoding: 'utf8', timeout: 120_000 },
      );
      if (admin.status !== 0) throw new Error(`create-admin exited ${admin.status ?? admin.signal}:\n${tail(`${admin.stdout}${admin.stderr}`)}`);
      expect(JSON.parse(admin.stdout.trim().split('\n').at(-1)!)).toMatchObject({ created: true });

      const [identityPort, servicePort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
      const identity = launch('identity', 'apps/identity/dist/main.js', { ...identityEnv, HTTP_PORT: String(identityPort) });
      const proc = launch(NAME, `apps/${NAME}/dist/main.js`, t.env(SCHEMA, { LOG_LEVEL: 'warn', HTTP_PORT: String(servicePort) }));
      const gateway = launch('gateway', 'apps/gateway/dist/main.js', t.env('gateway', { LOG_LEVEL: 'warn', HTTP_PORT: String(gatewayPort) }));
      service = { url: `http://127.0.0.1:${servicePort}`, proc };
      gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
      await Promise.all([waitReady(identity, `http://127.0.0.1:${identityPort}/health/ready`), waitReady(proc, `${service.url}/health/ready`), waitReady(gateway, `${gatewayUrl}/health/ready`)]);
    }, 120_000);

    const gql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
      const res = await fetch(`${gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    };

    it('answers /health/ready with its database and NATS checks', async () => {
      const res = await fetch(`${service.url}/health/ready`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ok', checks: { database: true, nats: true } });
    });

    it('serves a signed-in GraphQL request through the gateway, over NATS, from its own table', async () => {
      const anonymous = await gql('query($id: ID!) { fieldNote(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      const signedIn = await gql('mutation($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken } }', { l: login.username, p: DEMO_PASSWORD });
      const token = signedIn.data?.login?.accessToken as string;
      expect(token).toEqual(expect.any(String));
      const me = await gql('{ me { accountId } }', {}, token);

      const created = await gql('mutation($input: CreateFieldNoteInput!) { createFieldNote(input: $input) { id name region createdBy createdAt } }', { input: { name: 'first note', region: login.region } }, token);
      expect(created.errors).toBeUndefined();
      expect(created.data.createFieldNote).toMatchObject({ name: 'first note', region: login.region, createdBy: me.data.me.accountId });

      const readBack = await gql('query($id: ID!) { fieldNote(id: $id) { id name region createdBy createdAt } }', { id: created.data.createFieldNote.id }, token);
      expect(readBack).toEqual({ data: { fieldNote: created.data.createFieldNote } });

      // The new service's own process handled both (its /metrics counts them per subject).
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      for (const action of ['create', 'get']) {
        expect(metrics).toMatch(new RegExp(`gov_rpc_duration_seconds_count\\{(?=[^}]*subject="rpc\\.field-notes\\.field-note\\.${action}")(?=[^}]*outcome="ok")[^}]*\\} 1\\n`));
      }
    });
  });
});
