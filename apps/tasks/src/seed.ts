/**
 * Fills an empty tasks database with the demo's history (seed/demo.ts) and prints one JSON line:
 * `{ "seeded": true|false, ...counts }`. Refuses to run in production. `npm start` runs it once
 * identity has enrolled the demo's stewards and grids has placed the demo's offices and stations:
 * tasks learns both from their events, so the seed first waits until tasks's consumers of those
 * events have nothing pending.
 */
import 'reflect-metadata';
import { ConfigError } from '@gov/platform-config';
import { eventType } from '@gov/kernel';
import { Namespace, waitForConsumers } from '@gov/platform-messaging';
import { OutboxRelay } from '@gov/platform-outbox';
import { NATS_CONNECTION } from '@gov/platform-service';
import type { NatsConnection } from '@nats-io/transport-node';
import { openCommandContext } from './command-context.js';
import { seedDemoRewards } from './seed/demo-rewards.js';
import { seedDemoTasks } from './seed/demo.js';

/** The read models the demo history is built on: stewards (identity) and places (grids). */
const NEEDED_EVENTS = [eventType('identity', 'steward', 'enrolled'), eventType('identity', 'unit', 'created'), eventType('grids', 'place', 'created')];
/** How long the seed waits for the running tasks service to catch up before it gives up. */
const CATCH_UP_MS = 60_000;

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    await waitForConsumers(app.get<NatsConnection>(NATS_CONNECTION), app.get(Namespace), 'tasks', NEEDED_EVENTS, { timeoutMs: CATCH_UP_MS });
    const log = (line: string) => process.stderr.write(line + '\n');
    const result = await seedDemoTasks(app, log);
    const rewards = result ? await seedDemoRewards(app, log) : null;
    const sent = await app.get(OutboxRelay).drain();
    process.stderr.write(`seed: ${sent} events published\n`);
    process.stdout.write(JSON.stringify({ seeded: result !== null, ...result, ...rewards }) + '\n');
  } finally {
    await app.close();
  }
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? err.message + '\n' : `seed failed: ${(err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
}
