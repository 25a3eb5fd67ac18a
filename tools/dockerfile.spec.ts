// The root Dockerfile builds one image for every app (issue 13): multi-stage, small, non-root,
// Node 24, only built artifacts; and, as the target `console`, the county console's nginx image. There is no container engine in CI, so this checks the file's
// structure, the build context (.dockerignore), and that every entry point compose and the
// Kubernetes manifests start is one `npm run build` makes and the image keeps.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name?: string;
  body: Instruction[];
}

/** The Dockerfile's stages and their instructions (continuation lines joined, comments dropped). */
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(args)!;
      stages.push({ from: m[1]!, name: m[2], body: [] });
    } else stages.at(-1)?.body.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

/** Images the app may run on: Debian slim or distroless, Node 24. */
const RUNTIME_IMAGE = /^(node:24(\.\d+){0,2}-(slim|bookworm-slim|trixie-slim)|gcr\.io\/distroless\/nodejs24-debian\d+(:nonroot)?)(@sha256:[0-9a-f]{64})?$/;
/** Programs a running container has no use for (it installs, downloads and compiles nothing). */
const DEV_TOOLS = /\b(npm|npx|yarn|pnpm|corepack|apt-get|apt|apk|curl|wget|git|gcc|g\+\+|make|python3?)\b/;
/** What the build context must leave out: local data, installed and built files, caches, benchmark output, history. */
const IGNORED = ['.data', 'node_modules', 'dist', '.nx', 'bench/results', '.git'];

/** Every problem with the Dockerfile, as readable lines (empty when it is fine). */
function checkDockerfile(text: string): string[] {
  const errors: string[] = [];
  const stages = parseDockerfile(text);
  if (stages.length < 2) return ['must be multi-stage: build in one stage, run from another'];
  const final = stages.at(-1)!;
  const builders = stages.slice(0, -1);
  const runs = (s: Stage) => s.body.filter((i) => i.op === 'RUN').map((i) => i.args);

  // The build stage: a clean install from the lock file, every app built, dev packages dropped.
  const build = builders.find((s) => runs(s).some((r) => /\bnpm run build\b/.test(r)));
  if (!build) errors.push('no stage runs `npm run build`');
  else {
    if (!runs(build).some((r) => /\bnpm ci\b/.test(r))) errors.push(`stage ${build.name ?? build.from} must install with \`npm ci\` (the lock file)`);
    if (!runs(build).some((r) => /\bnpm prune\b.*--omit=dev/.test(r))) errors.push(`stage ${build.name ?? build.from} must drop dev packages (\`npm prune --omit=dev\`)`);
  }

  // The final stage.
  if (!RUNTIME_IMAGE.test(final.from)) errors.push(`the final stage must run on node:24-slim or distroless Node 24, not ${final.from}`);
  const users = final.body.filter((i) => i.op === 'USER').map((i) => i.args);
  const user = users.at(-1);
  if (!user) errors.push('the final stage must set USER (the image runs as root otherwise)');
  else if (!/^[1-9]\d*(:\d+)?$/.test(user)) errors.push(`USER must be a numeric non-root uid (runAsNonRoot can verify only numbers), is ${user}`);
  if (!final.body.some((i) => i.op === 'ENV' && /\bNODE_ENV=production\b/.test(i.args))) errors.push('the final stage must set NODE_ENV=production');
  for (const i of final.body) {
    if (i.op === 'ADD') errors.push(`the final stage must not ADD (${i.args}): COPY --from a build stage`);
    if (i.op === 'COPY' && !/--from=/.test(i.args)) errors.push(`the final stage copies only built artifacts from a stage, not the build context: COPY ${i.args}`);
  }
  const copiesFromBuild = final.body.filter((i) => i.op === 'COPY' && build?.name && new RegExp(`--from=${build.name}\\b`).test(i.args)).map((i) => i.args.replace(/--\S+\s+/g, '').trim());
  if (build && copiesFromBuild.length === 0) errors.push(`the final stage copies nothing from ${build.name ?? 'the build stage'}`);
  for (const c of copiesFromBuild) {
    const [from] = c.split(/\s+/);
    // The whole build directory holds sources, tests, tools and docs: only the gathered artifacts go.
    const workdir = build?.body.filter((i) => i.op === 'WORKDIR').at(-1)?.args;
    if (from === workdir || from === `${workdir}/` || from === '/') errors.push(`the final stage copies the whole build directory ${from}: copy only the gathered artifacts`);
  }
  for (const r of runs(final)) {
    // Removing the package managers is what a final stage may do with them.
    const cleaned = r.replace(/\brm\s+-[a-z]*\s+[^;&|]*/g, '');
    const tool = DEV_TOOLS.exec(cleaned);
    if (tool) errors.push(`the final stage runs ${tool[1]}: install in a build stage and copy the result (RUN ${r})`);
  }
  if (!runs(final).some((r) => /\brm\b[^;&|]*\/usr\/local\/lib\/node_modules\/npm\b/.test(r)) && !/distroless/.test(final.from)) {
    errors.push('the final stage must remove npm (and corepack): no package manager at run time');
  }
  return errors;
}

/** What the build stage gathers for the final stage: the `for ws in …` workspace globs, and whether package.json and node_modules go too. */
function gathered(text: string): { globs: string[]; rootFiles: string[] } {
  const stages = parseDockerfile(text);
  const gather = stages
    .slice(0, -1)
    .flatMap((s) => s.body)
    .find((i) => i.op === 'RUN' && /\bfor ws in\b/.test(i.args));
  const globs = /\bfor ws in ([^;]+);/.exec(gather?.args ?? '')?.[1]?.trim().split(/\s+/) ?? [];
  const rootFiles = /\bcp -a ([^&;]+?) \/out\/?/.exec(gather?.args ?? '')?.[1]?.split(/\s+/) ?? [];
  return { globs, rootFiles };
}

/** A shell glob of path segments (`*` within one segment) as a test. */
const globTest = (glob: string) => new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);

/** Directories a workspace pattern of the root package.json names (`apps/*`, `libs/kernel`). */
function workspaceDirs(pattern: string): string[] {
  const parts = pattern.split('/');
  let dirs = [''];
  for (const part of parts) {
    dirs = dirs.flatMap((d) => {
      const at = path.join(root, d);
      if (part !== '*') return fs.existsSync(path.join(at, part)) ? [path.posix.join(d, part)] : [];
      return fs
        .readdirSync(at, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => path.posix.join(d, e.name));
    });
  }
  return dirs.filter((d) => fs.existsSync(path.join(root, d, 'package.json')));
}

/** `apps/<app>/dist/<file>.js` entry points named in docker-compose.yml, k8s/ and the Dockerfile's CMD. */
function entryPoints(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const scan = (file: string) => {
    for (const m of read(file).matchAll(/\bapps\/([\w-]+)\/dist\/([\w./-]+\.js)\b/g)) {
      const entry = `apps/${m[1]}/dist/${m[2]}`;
      found.set(entry, [...(found.get(entry) ?? []), file]);
    }
  };
  const walk = (dir: string): string[] =>
    fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.posix.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.posix.join(dir, e.name)] : []));
  for (const file of ['docker-compose.yml', 'Dockerfile', ...walk('k8s')]) scan(file);
  return found;
}

describe('the Dockerfile', () => {
  const text = read('Dockerfile');

  it('is multi-stage, runs on Node 24 slim as a numeric non-root user, with no dev tools and only built artifacts', () => {
    expect(checkDockerfile(text)).toEqual([]);
  });

  it('gathers production node_modules, and every workspace package.json and dist/', () => {
    const { globs, rootFiles } = gathered(text);
    expect(rootFiles).toEqual(expect.arrayContaining(['package.json', 'node_modules']));
    const tests = globs.map(globTest);
    const workspaces: string[] = JSON.parse(read('package.json')).workspaces;
    const dirs = workspaces.flatMap(workspaceDirs);
    expect(dirs.length).toBeGreaterThan(20);
    // node_modules/@gov/* are links to the workspaces: each one must arrive with its package.json.
    expect(dirs.filter((d) => !tests.some((t) => t.test(d)))).toEqual([]);
  });

  it('sets the V8 settings every service runs with', async () => {
    const { SERVICE_NODE_OPTIONS } = await import('./node-options.mjs');
    const final = parseDockerfile(text).at(-1)!;
    expect(final.body.filter((i) => i.op === 'ENV').map((i) => i.args)).toContain(`NODE_OPTIONS="${SERVICE_NODE_OPTIONS}"`);
  });

  it('keeps sources, data, installed and built files and history out of the build context', () => {
    const ignore = read('.dockerignore')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    const excluded = (p: string) => ignore.some((rule) => rule === p || rule === `**/${p}` || rule === `/${p}`);
    expect(IGNORED.filter((p) => !excluded(p))).toEqual([]);
  });

  describe('the check itself fails on a broken file', () => {
    const edit = (from: string | RegExp, to: string) => {
      const changed = text.replace(from, to);
      expect(changed).not.toBe(text);
      return checkDockerfile(changed);
    };

    it('one stage', () => {
      expect(checkDockerfile('FROM node:24-slim\nCOPY . .\nRUN npm ci && npm run build\nUSER 1000\n')).toEqual(['must be multi-stage: build in one stage, run from another']);
    });
    it('an older Node or a full image', () => {
      expect(edit(/^FROM node:24-slim$/m, 'FROM node:22-slim')).toContain('the final stage must run on node:24-slim or distroless Node 24, not node:22-slim');
      expect(edit(/^FROM node:24-slim$/m, 'FROM node:24')).toContain('the final stage must run on node:24-slim or distroless Node 24, not node:24');
    });
    it('root, or a user by name', () => {
      expect(edit(/^USER 1000:1000$/m, 'USER node')).toContain('USER must be a numeric non-root uid (runAsNonRoot can verify only numbers), is node');
      expect(edit(/^USER 1000:1000$/m, 'USER 0')).toContain('USER must be a numeric non-root uid (runAsNonRoot can verify only numbers), is 0');
      expect(edit(/^USER 1000:1000$/m, '')).toContain('the final stage must set USER (the image runs as root otherwise)');
    });
    it('the whole build directory or the build context in the final stage', () => {
      expect(edit('COPY --from=build /out /app', 'COPY --from=build /app /app')).toContain('the final stage copies the whole build directory /app: copy only the gathered artifacts');
      expect(edit('COPY --from=build /out /app', 'COPY . /app')).toContain('the final stage copies only built artifacts from a stage, not the build context: COPY . /app');
    });
    it('a package manager or a download in the final stage', () => {
      expect(edit(/^(ENV NODE_ENV=production)$/m, 'RUN apt-get update && apt-get install -y curl\n$1')).toEqual(
        expect.arrayContaining([expect.stringMatching(/^the final stage runs apt-get: /)]),
      );
      expect(edit(/^(ENV NODE_ENV=production)$/m, 'RUN npm install -g pm2\n$1')).toEqual(expect.arrayContaining([expect.stringMatching(/^the final stage runs npm: /)]));
    });
    it('npm left in the image', () => {
      expect(edit(/^RUN rm -rf \/usr\/local\/lib\/node_modules\/npm.*$/m, '')).toContain('the final stage must remove npm (and corepack): no package manager at run time');
    });
    it('dev packages kept', () => {
      expect(edit(/^RUN npm prune .*$/m, '')).toEqual(expect.arrayContaining([expect.stringMatching(/must drop dev packages/)]));
    });
  });
});

/** The console's nginx image: a pinned unprivileged nginx on Alpine. */
const CONSOLE_IMAGE = /^nginxinc\/nginx-unprivileged:\d+\.\d+(\.\d+)?-alpine(@sha256:[0-9a-f]{64})?$/;
const CONSOLE_CONF = 'apps/county-console/nginx.conf';
const CONSOLE_DIST = 'apps/county-console/dist';

/** Every problem with the `console` target (empty when it is fine). `nginxConf` is apps/county-console/nginx.conf. */
function checkConsoleTarget(text: string, nginxConf: string): string[] {
  const errors: string[] = [];
  const stages = parseDockerfile(text);
  const at = stages.findIndex((s) => s.name === 'console');
  if (at === -1) return ['no stage named console (`docker build --target console`)'];
  if (at === stages.length - 1) errors.push('the console stage must not be the last: a plain `docker build` makes the apps’ image');
  const stage = stages[at]!;
  if (!CONSOLE_IMAGE.test(stage.from)) errors.push(`the console must run on a pinned nginxinc/nginx-unprivileged:<version>-alpine, not ${stage.from}`);
  const user = stage.body.filter((i) => i.op === 'USER').at(-1)?.args;
  if (!user || !/^[1-9]\d*(:\d+)?$/.test(user)) errors.push(`the console stage must set a numeric non-root USER, is ${user ?? 'unset'}`);
  const port = /^\s*listen\s+(\d+)\s*;/m.exec(nginxConf)?.[1];
  const exposed = stage.body.filter((i) => i.op === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
  if (!port || exposed.join() !== port) errors.push(`the console stage must EXPOSE the port nginx.conf listens on (${port}), exposes ${exposed.join(', ') || 'nothing'}`);
  for (const i of stage.body) {
    if (i.op === 'RUN') errors.push(`the console stage runs nothing (RUN ${i.args}): build in console-build`);
    if (i.op === 'ADD') errors.push(`the console stage must not ADD (${i.args})`);
    if (i.op === 'COPY' && !/--from=/.test(i.args)) errors.push(`the console stage copies only from its build stage, not the build context: COPY ${i.args}`);
  }
  const copies = stage.body
    .filter((i) => i.op === 'COPY' && /--from=/.test(i.args))
    .map((i) => {
      const from = /--from=(\S+)/.exec(i.args)![1]!;
      const [src = '', dest = ''] = i.args.replace(/--\S+\s+/g, '').trim().split(/\s+/);
      return { from, src, dest };
    });
  const builder = stages.find((s) => s.name === copies[0]?.from);
  if (!builder) return [...errors, 'the console stage copies from no build stage'];
  const workdir = builder.body.filter((i) => i.op === 'WORKDIR').at(-1)?.args ?? '/';
  const runs = builder.body.filter((i) => i.op === 'RUN').map((i) => i.args);
  if (!runs.some((r) => /\bnpm ci\b/.test(r))) errors.push(`stage ${builder.name} must install with \`npm ci\``);
  if (!runs.some((r) => /\bnx build @gov\/county-console\b/.test(r))) errors.push(`stage ${builder.name} must build the console (\`nx build @gov/county-console\`, which checks its size budget)`);
  const expected = [
    { src: `${workdir}/${CONSOLE_CONF}`, dest: '/etc/nginx/nginx.conf' },
    { src: `${workdir}/${CONSOLE_DIST}`, dest: /^\s*root\s+(\S+?);/m.exec(nginxConf)?.[1] ?? '(nginx.conf has no root)' },
  ];
  const got = copies.map(({ src, dest }) => ({ src: src.replace(/\/$/, ''), dest: dest.replace(/\/$/, '') }));
  if (copies.some((c) => c.from !== builder.name) || JSON.stringify(got) !== JSON.stringify(expected)) {
    errors.push(`the console stage must copy exactly nginx.conf to /etc/nginx/nginx.conf and dist/ to nginx.conf's root: ${JSON.stringify(expected)}, copies ${JSON.stringify(got)}`);
  }
  return errors;
}

describe('the console target', () => {
  const text = read('Dockerfile');
  const conf = read(CONSOLE_CONF);

  it('serves the console’s build with its nginx.conf from a pinned unprivileged nginx, as a numeric non-root user', () => {
    expect(checkConsoleTarget(text, conf)).toEqual([]);
    const stage = parseDockerfile(text).find((s) => s.name === 'console')!;
    expect(stage.body.find((i) => i.op === 'USER')!.args).toBe('101:101');
    // The apps' image stays the default target, with its own checks.
    expect(parseDockerfile(text).at(-1)!.from).toMatch(RUNTIME_IMAGE);
  });

  describe('the check fails on a broken target', () => {
    const edit = (from: string | RegExp, to: string, nginx = conf) => {
      const changed = text.replace(from, to);
      expect(changed).not.toBe(text);
      return checkConsoleTarget(changed, nginx);
    };
    it('no console stage, or an unpinned or root-running nginx', () => {
      expect(edit(' AS console\n', '\n')).toEqual(['no stage named console (`docker build --target console`)']);
      expect(edit('nginxinc/nginx-unprivileged:1.28-alpine', 'nginx:latest')).toContain('the console must run on a pinned nginxinc/nginx-unprivileged:<version>-alpine, not nginx:latest');
      expect(edit('USER 101:101', 'USER nginx')).toContain('the console stage must set a numeric non-root USER, is nginx');
    });
    it('a port other than nginx.conf’s, the build context copied in, a package installed', () => {
      expect(edit('EXPOSE 8080', 'EXPOSE 80')).toContain('the console stage must EXPOSE the port nginx.conf listens on (8080), exposes 80');
      expect(edit('USER 101:101', 'COPY apps/county-console/dist /usr/share/nginx/console\nRUN apk add curl\nUSER 101:101')).toEqual(
        expect.arrayContaining(['the console stage copies only from its build stage, not the build context: COPY apps/county-console/dist /usr/share/nginx/console', 'the console stage runs nothing (RUN apk add curl): build in console-build']),
      );
    });
    it('dist/ copied where nginx does not look, or the console not built', () => {
      expect(edit('/usr/share/nginx/console\n', '/usr/share/nginx/html\n')).toEqual([expect.stringMatching(/^the console stage must copy exactly nginx\.conf .* and dist\/ to nginx\.conf's root/)]);
      expect(edit('npx nx build @gov/county-console', 'npx nx build @gov/gateway')).toContain('stage console-build must build the console (`nx build @gov/county-console`, which checks its size budget)');
    });
  });
});

describe('npm run build', () => {
  const pkg = JSON.parse(read('package.json'));
  /** Directories under apps/ with a main.ts: each is a process the image runs (apps/e2e is not). */
  const apps = fs
    .readdirSync(path.join(root, 'apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'apps', d.name, 'src', 'main.ts')))
    .map((d) => d.name);

  it('builds every project', () => {
    // nx run-many over every project with a build target: no --projects or --exclude leaves one out.
    expect(pkg.scripts.build).toMatch(/^nx run-many -t build\b/);
    expect(pkg.scripts.build).not.toMatch(/--(projects|exclude)\b|\s-p\s/);
    const frontends = ['resident-web', 'county-console'];
    for (const app of [...apps, ...frontends]) {
      const script: string | undefined = JSON.parse(read(`apps/${app}/package.json`)).scripts?.build;
      expect([app, typeof script]).toEqual([app, 'string']);
    }
  });

  it('makes every entry point compose, Kubernetes and the image start', () => {
    const entries = entryPoints();
    // Every app's server and every migration job is started from somewhere.
    for (const app of apps) expect([...entries.keys()]).toContain(`apps/${app}/dist/main.js`);
    for (const [entry, files] of entries) {
      const [, app, file] = /^apps\/([\w-]+)\/dist\/(.+)\.js$/.exec(entry)!;
      // swc compiles src/ to dist/ file by file (--strip-leading-paths): dist/x.js comes from src/x.ts.
      const source = `apps/${app}/src/${file}.ts`;
      expect([entry, files, fs.existsSync(path.join(root, source))]).toEqual([entry, files, true]);
      const build: string = JSON.parse(read(`apps/${app}/package.json`)).scripts.build;
      expect([app, build]).toEqual([app, expect.stringMatching(/\bswc src -d dist --strip-leading-paths\b/)]);
      expect([app, build]).toEqual([app, expect.not.stringMatching(/--ignore '[^']*\b(main|migrate)\b/)]);
      // After a build (npm run build, or this app's), the file is there.
      if (fs.existsSync(path.join(root, `apps/${app}/dist`))) expect([entry, fs.existsSync(path.join(root, entry))]).toEqual([entry, true]);
    }
  });

  it("leaves the gateway's GraphiQL assets and the resident page in dist/, which the image keeps", () => {
    expect(JSON.parse(read('apps/gateway/package.json')).scripts.build).toMatch(/copyGraphiqlAssets\(\)/);
    expect(JSON.parse(read('apps/resident-web/package.json')).scripts.build).toBe('node build.ts');
    expect(read('apps/resident-web/build.ts')).toMatch(/\bdist\b/);
    // apps/* is among the gathered workspaces, so apps/gateway/dist and apps/resident-web/dist go along.
    expect(gathered(read('Dockerfile')).globs).toContain('apps/*');
  });
});
