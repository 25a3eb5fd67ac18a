/**
 * Fills an empty identity database with the demo city (see seed/demo.ts) and prints the demo
 * logins as JSON on stdout: `{ "seeded": true|false, "logins": [{ username, role, region }] }`.
 * When the database already has data it seeds nothing and lists the demo logins that exist.
 * Refuses to run in production.
 *
 * Units and grants name regions identity knows only from grids' events, and grids' demo
 * territory needs identity's persons, so `npm start` runs it twice:
 *   seed.js --people   after the migrations: the first administrator and every demo person
 *                      (grids learns them from the events this publishes); prints no logins
 *   seed.js            once grids has seeded its territory: waits (up to DEMO_REGIONS_WAIT_MS)
 *                      until the running identity service has grids' region events for every
 *                      demo region, then adds units, grants and stewards
 *
 *   DEMO_PASSWORD         password of every demo login (default demo-city-2026)
 *   DEMO_REGIONS_WAIT_MS  how long to wait for the regions (default 60000)
 */
import 'reflect-metadata';
import { Account, KnownRegionRepository, RoleGrant, Unit } from '@gov/identity-data-access';
import { ConfigError } from '@gov/platform-config';
import { OutboxRelay } from '@gov/platform-outbox';
import { MikroORM } from '@mikro-orm/core';
import { openCommandContext } from './command-context.js';
import { DEMO_USERNAMES, demoRegionPathsWithAncestors, seedDemoCity, type DemoLogin } from './seed/demo.js';

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  // The service's own modules without serving anything; migrations run as the app starts (outside
  // production). The relay runs once, below, so the printed count covers every seeded event.
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    const password = process.env.DEMO_PASSWORD || 'demo-city-2026';
    const peopleOnly = process.argv.includes('--people');
    const log = (line: string) => process.stderr.write(line + '\n');
    if (!peopleOnly && (await app.get(MikroORM).em.fork().count(Unit, {})) === 0) {
      await regionsKnown(app.get(KnownRegionRepository), demoRegionPathsWithAncestors(), Number(process.env.DEMO_REGIONS_WAIT_MS) || 60_000, log);
    }
    const result = await seedDemoCity(app, { password, log, peopleOnly });
    let logins: DemoLogin[];
    if (peopleOnly) {
      logins = [];
    } else if (result) {
      logins = result.logins;
    } else {
      // Already seeded: list the demo logins that exist, with the roles they hold now.
      const em = app.get(MikroORM).em.fork();
      const accounts = await em.find(Account, { username: { $in: DEMO_USERNAMES } });
      const grants = await em.find(RoleGrant, { accountId: { $in: accounts.map((a) => a.id) }, revokedAt: null });
      logins = DEMO_USERNAMES.flatMap((username) => {
        const account = accounts.find((a) => a.username === username);
        return account ? grants.filter((g) => g.accountId === account.id).map((g) => ({ username, role: g.role, region: g.region })) : [];
      });
    }
    const sent = await app.get(OutboxRelay).drain();
    process.stderr.write(`seed: ${sent} events published\n`);
    process.stdout.write(JSON.stringify({ seeded: result !== null, logins }) + '\n');
  } finally {
    await app.close();
  }
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? err.message + '\n' : `seed failed: ${(err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
}

/** Waits until identity's read model of grids' tree has every path as a live region. */
async function regionsKnown(regions: KnownRegionRepository, paths: string[], waitMs: number, log: (line: string) => void): Promise<void> {
  const POLL_MS = 200;
  const until = Date.now() + waitMs;
  log(`seed: waiting for grids' ${paths.length} demo regions to reach identity`);
  for (;;) {
    const missing: string[] = [];
    for (const p of paths) if ((await regions.status(p)) !== 'active') missing.push(p);
    if (missing.length === 0) return;
    if (Date.now() > until) {
      throw new Error(`identity does not know ${missing.length} demo regions (e.g. ${missing[0]}) after ${waitMs / 1000} s: is grids running with its demo territory, and identity consuming its events?`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
