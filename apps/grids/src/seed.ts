/**
 * Fills an empty grids database with the demo territory (seed/demo.ts) and prints one JSON line:
 * `{ "seeded": true|false, ...counts }`. Refuses to run in production. `npm start` runs it after
 * the migrations.
 */
import 'reflect-metadata';
import { ConfigError } from '@gov/platform-config';
import { OutboxRelay } from '@gov/platform-outbox';
import { openCommandContext } from './command-context.js';
import { seedDemoTerritory } from './seed/demo.js';

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    const result = await seedDemoTerritory(app, (line) => process.stderr.write(line + '\n'));
    const sent = await app.get(OutboxRelay).drain();
    process.stderr.write(`seed: ${sent} events published\n`);
    process.stdout.write(JSON.stringify({ seeded: result !== null, ...result }) + '\n');
  } finally {
    await app.close();
  }
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? err.message + '\n' : `seed failed: ${(err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
}
