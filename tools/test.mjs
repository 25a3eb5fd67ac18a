#!/usr/bin/env node
// `npm test`: everything CI checks, in order, stopping at the first failing step with its exit code.
//
//   infra (PostgreSQL + NATS)
//   → lint of the files outside projects (eslint.config.js, jest.*.js, bench/)
//   → Debian's chromium and fonts-wqy-microhei, installed when missing (the resident page's
//     browser test drives chromium; mediation's agreement PDFs embed the font)
//   → nx run-many -t lint typecheck build test   every project but the end-to-end suites
//   → nx run-many -t lint typecheck test         the end-to-end suites (@gov/e2e)
//
// Nx caches every lint, typecheck, build and test task (inputs in nx.json), so a second run with
// nothing changed replays them from .nx/cache. Test tasks are keyed on DATABASE_URL and NATS_URL
// too, which infra sets here and Nx passes on to every task.
//
// Extra arguments go to both Nx commands, e.g. `npm test -- --skip-nx-cache` (run everything
// again) or `npm test -- --verbose`. One project alone: `npx nx test <project>`; one folder's
// suites: `npm run jest -- <folder>`. The servers infra starts are left running for the next run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureInfra, InfraError } from './infra.mjs';
import { installDebianPackages, missingFont } from './system-packages.mjs';

const nxArgs = process.argv.slice(2);
let env = process.env;

// Two cores: two tasks at a time (each Jest run caps itself at two workers). Integration suites
// share one PostgreSQL and one NATS; each isolates itself with its own schema and subject prefix.
const nx = (...args) => run('npx', ['nx', ...args, '--outputStyle=static', ...nxArgs]);

const steps = [
  ['infra: PostgreSQL and NATS', async () => {
    const { databaseUrl, natsUrl } = await ensureInfra({ log: (line) => console.log(line) });
    env = { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl };
    return 0;
  }],
  // Projects lint their own folders (target `lint`); this covers what lies outside every project.
  ['lint: files outside projects', () => run('npx', ['eslint', '--max-warnings=0', '.', '--ignore-pattern', 'apps/**', '--ignore-pattern', 'libs/**', '--ignore-pattern', 'tools/**'])],
  ['system packages: chromium and a CJK font', ensureSystemPackages],
  ['projects: lint, typecheck, build, test', () => nx('run-many', '-t', 'lint', 'typecheck', 'build', 'test', '--exclude=@gov/e2e', '--parallel=2')],
  ['end-to-end: lint, typecheck, test', () => nx('run-many', '-t', 'lint', 'typecheck', 'test', '--projects=@gov/e2e', '--parallel=1')],
];

/**
 * The resident page's browser test drives Debian's chromium through playwright-core, which never
 * downloads a browser of its own; mediation's PDF test needs a CJK font. Installed here when
 * missing (before the projects' tests), as tools/infra.mjs installs PostGIS: apt-get as root,
 * else through a sudo that asks no password. CHROMIUM_PATH names another chromium.
 */
function ensureSystemPackages() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (process.env.CHROMIUM_PATH && !fs.existsSync(chromium)) {
    console.error(`test: CHROMIUM_PATH is ${chromium}, which does not exist`);
    return 1;
  }
  const missing = [...(fs.existsSync(chromium) ? [] : ['chromium']), ...missingFont()];
  const code = installDebianPackages(missing, run);
  if (code !== 0) console.error(`test: could not install ${missing.join(' ')}: install them (apt-get install -y ${missing.join(' ')})${missing.includes('chromium') ? ' or set CHROMIUM_PATH' : ''}`);
  return code;
}

function run(cmd, args, extraEnv = {}) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  if (r.error) {
    console.error(`test: ${cmd}: ${r.error.message}`);
    return 1;
  }
  if (r.signal) return 128 + ({ SIGINT: 2, SIGTERM: 15, SIGKILL: 9 }[r.signal] ?? 1);
  return r.status ?? 1;
}

const started = Date.now();
for (const [i, [title, fn]] of steps.entries()) {
  console.log(`\n=== [${i + 1}/${steps.length}] ${title}`);
  let code;
  try {
    code = await fn();
  } catch (err) {
    console.error(`test: ${err instanceof InfraError ? err.message : (err?.stack ?? err)}`);
    code = 1;
  }
  if (code !== 0) {
    console.error(`\n=== FAILED: ${title} (exit ${code})`);
    process.exit(code);
  }
}
console.log(`\n=== all steps passed in ${Math.round((Date.now() - started) / 1000)}s`);
