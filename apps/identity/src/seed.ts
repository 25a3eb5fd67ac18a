/**
 * Fills an empty identity database with the demo city (see seed/demo.ts) and prints the demo
 * logins as JSON on stdout: `{ "seeded": true|false, "logins": [{ username, role, region }] }`.
 * When the database already has data it seeds nothing and lists the demo logins that exist.
 * Refuses to run in production. `npm start` runs it after the migrations.
 *
 *   DEMO_PASSWORD   password of every demo login (default demo-city-2026)
 */
import 'reflect-metadata';
import { Account, RoleGrant } from '@gov/identity-data-access';
import { ConfigError } from '@gov/platform-config';
import { OutboxRelay } from '@gov/platform-outbox';
import { MikroORM } from '@mikro-orm/core';
import { openCommandContext } from './command-context.js';
import { DEMO_USERNAMES, seedDemoCity, type DemoLogin } from './seed/demo.js';

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
    const result = await seedDemoCity(app, { password, log: (line) => process.stderr.write(line + '\n') });
    let logins: DemoLogin[];
    if (result) {
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
