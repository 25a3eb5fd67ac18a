/**
 * Fills an empty petitions database with the demo's history (seed/demo.ts) and prints one JSON
 * line: `{ "seeded": true|false, ...counts and figures }`. Refuses to run in production. `npm start`
 * runs it once identity has created the demo's departments and enrolled its stewards, and grids
 * has its territory and households: petitions learns departments and stewards from identity's
 * events and households from grids', so the seed first waits until petitions's consumers of those
 * events have nothing pending; it asks grids for the territory over NATS.
 */
import 'reflect-metadata';
import { ConfigError } from '@gov/platform-config';
import { Namespace, waitForConsumers } from '@gov/platform-messaging';
import { OutboxRelay } from '@gov/platform-outbox';
import { NATS_CONNECTION } from '@gov/platform-service';
import type { NatsConnection } from '@nats-io/transport-node';
import { openCommandContext } from './command-context.js';
import { STEWARD_ENROLLED, UNIT_CREATED } from './directory/directory-events.js';
import { HOUSEHOLD_MEMBER_ADDED, HOUSEHOLD_REGISTERED } from './proposal/household-events.js';
import { seedDemoPetitions } from './seed/demo.js';

/** The read models the demo history is built on: departments and stewards (identity), households (grids). */
const NEEDED_EVENTS = [UNIT_CREATED, STEWARD_ENROLLED, HOUSEHOLD_REGISTERED, HOUSEHOLD_MEMBER_ADDED];
/** How long the seed waits for the running petitions service to catch up before it gives up. */
const CATCH_UP_MS = 60_000;

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    await waitForConsumers(app.get<NatsConnection>(NATS_CONNECTION), app.get(Namespace), 'petitions', NEEDED_EVENTS, { timeoutMs: CATCH_UP_MS });
    const result = await seedDemoPetitions(app, (line) => process.stderr.write(line + '\n'));
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
