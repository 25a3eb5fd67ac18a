#!/usr/bin/env node
// `npm test`: everything CI checks, in order, stopping at the first failure with its exit code.
//
//   infra (PostgreSQL + NATS) → nx project graph → eslint → tsc → build → jest
//
// Extra arguments go to Jest: `npm test -- apps/identity` runs only those suites (after the
// other steps). The servers infra starts are left running for the next run.
import { spawnSync } from 'node:child_process';
import { ensureInfra, InfraError } from './infra.mjs';

const jestArgs = process.argv.slice(2);
let env = process.env;

const steps = [
  ['infra: PostgreSQL and NATS', async () => {
    const { databaseUrl, natsUrl } = await ensureInfra({ log: (line) => console.log(line) });
    env = { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsUrl };
    return 0;
  }],
  // Computes the project graph the module-boundary lint rule reads.
  ['nx project graph', () => run('npx', ['nx', 'show', 'projects'])],
  ['lint', () => run('npx', ['eslint', '--max-warnings=0', '.'])],
  ['typecheck', () => run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'])],
  ['build', () => run('npx', ['nx', 'run-many', '-t', 'build', '--outputStyle=static'])],
  ['jest', () => run('npx', ['jest', ...jestArgs], { NODE_OPTIONS: [env.NODE_OPTIONS, '--experimental-vm-modules'].filter(Boolean).join(' ') })],
];

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
