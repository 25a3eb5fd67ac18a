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
import { openIdentity } from './app.js';
import { DEMO_USERNAMES, seedDemoCity, type DemoLogin } from './seed/demo.js';

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  // Migrations run in openIdentity outside production.
  const core = await openIdentity({ LOG_LEVEL: 'warn', ...process.env });
  try {
    const password = process.env.DEMO_PASSWORD || 'demo-city-2026';
    const result = await seedDemoCity(core.deps, { password, log: (line) => process.stderr.write(line + '\n') });
    let logins: DemoLogin[];
    if (result) {
      logins = result.logins;
    } else {
      // Already seeded: list the demo logins that exist, with the roles they hold now.
      const accounts = await core.deps.em().find(Account, { username: { $in: DEMO_USERNAMES } });
      const grants = await core.deps.em().find(RoleGrant, { accountId: { $in: accounts.map((a) => a.id) }, revokedAt: null });
      logins = DEMO_USERNAMES.flatMap((username) => {
        const account = accounts.find((a) => a.username === username);
        return account ? grants.filter((g) => g.accountId === account.id).map((g) => ({ username, role: g.role, region: g.region })) : [];
      });
    }
    const sent = await core.relay.drain();
    process.stderr.write(`seed: ${sent} events published\n`);
    process.stdout.write(JSON.stringify({ seeded: result !== null, logins }) + '\n');
  } finally {
    await core.nc.drain();
    await core.orm.close();
  }
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? err.message + '\n' : `seed failed: ${(err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
}
