// SIGTERM under load loses no request. Two processes of a built service (identity) serve one queue
// group; many callers keep requests going while one process gets SIGTERM: it stops taking
// requests (its subscriptions drain, so the other process gets the new ones), answers those it
// already has, and exits 0. Every request is answered, by one process or the other.
import type { Actor } from '@gov/kernel';
import { TestContext, eventually } from '@gov/platform-testing';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../../../apps/identity/dist/main.js', import.meta.url));
const t = new TestContext();
const actor: Actor = { accountId: 'a1', personId: null, username: 'dongbao-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] };
const CALLERS = 32;

interface Proc {
  child: ChildProcess;
  url: string;
  logs: { msg?: string }[];
  exit: Promise<number | null>;
}

/** Starts `node apps/identity/dist/main.js` on this run's schema and prefix; resolves with its URL once it is ready. */
async function startIdentity(): Promise<Proc> {
  const env = { PATH: process.env.PATH ?? '', ...t.env('identity', { LOG_LEVEL: 'info', OUTBOX_POLL_MS: '100' }) };
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const logs: { msg?: string; url?: string }[] = [];
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`identity exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { msg?: string; url?: string };
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      logs.push(entry);
      if (entry.msg === 'service ready' && entry.url) resolve(entry.url);
    });
  });
  return { child, url: await url, logs, exit };
}

const procs: Proc[] = [];

beforeAll(() => {
  if (!existsSync(main)) throw new Error(`${main} is missing: build identity first (npx nx run @gov/identity:build)`);
});
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await Promise.all(procs.map((p) => p.exit));
  await t.cleanup();
});

describe('SIGTERM under load', () => {
  it('answers every request (by one replica or the other) and the stopped process exits 0', async () => {
    const a = await startIdentity();
    procs.push(a);
    const b = await startIdentity();
    procs.push(b);
    const rpc = await t.rpc({ timeoutMs: 10_000 });

    let sent = 0;
    let answered = 0;
    const failures: string[] = [];
    let stop = false;
    const caller = async () => {
      while (!stop) {
        sent++;
        try {
          await rpc.request('rpc.identity.unit.list', { first: 5 }, { actor });
          answered++;
        } catch (err) {
          failures.push(`${(err as { code?: string }).code}/${(err as { reason?: string }).reason}: ${(err as Error).message}`);
        }
      }
    };
    const callers = Array.from({ length: CALLERS }, caller);

    // Both replicas take requests before one of them is stopped.
    await eventually(async () => {
      const served = await Promise.all([a, b].map(async (p) => /gov_rpc_duration_seconds_count\{[^}]*subject="rpc.identity.unit.list"[^}]*\} [1-9]/.test(await (await fetch(`${p.url}/metrics`)).text())));
      return served.every(Boolean) && answered >= 200 ? true : undefined;
    }, 20_000);

    const beforeSigterm = answered;
    a.child.kill('SIGTERM');
    const code = await a.exit;
    const atExit = answered;
    // The load goes on against the remaining replica.
    await eventually(async () => (answered >= atExit + 200 ? true : undefined), 20_000);
    stop = true;
    await Promise.all(callers);

    expect(failures).toEqual([]);
    expect(answered).toBe(sent);
    expect(code).toBe(0);
    expect(atExit).toBeGreaterThan(beforeSigterm);
    expect(a.logs.map((l) => l.msg)).toContain('shutting down: readiness off, draining request subscriptions');
    expect((await fetch(`${b.url}/health/ready`)).status).toBe(200);
  }, 90_000);
});
