/**
 * Fills an empty mediation database with the demo's history (seed/demo.ts) and prints one JSON
 * line: `{ "seeded": true|false, ...counts and figures }`. Refuses to run in production. `npm start`
 * runs it once identity has enrolled the demo's stewards (after petitions' seed): mediation builds
 * its mediators and territory from the stewards it learns from identity's events, so the seed
 * first waits until mediation's consumer of those events has nothing pending.
 */
import 'reflect-metadata';
import { ConfigError } from '@gov/platform-config';
import { Namespace, waitForConsumers } from '@gov/platform-messaging';
import { OutboxRelay } from '@gov/platform-outbox';
import { NATS_CONNECTION } from '@gov/platform-service';
import type { NatsConnection } from '@nats-io/transport-node';
import { openCommandContext } from './command-context.js';
import { STEWARD_ENROLLED, STEWARD_UPDATED } from './directory/directory-events.js';
import { seedDemoMediation } from './seed/demo.js';

/** The read model the demo history is built on: identity's stewards (mediators, their grids, the deliberation seats). */
const NEEDED_EVENTS = [STEWARD_ENROLLED, STEWARD_UPDATED];
/** How long the seed waits for the running mediation service to catch up before it gives up. */
const CATCH_UP_MS = 60_000;

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    await waitForConsumers(app.get<NatsConnection>(NATS_CONNECTION), app.get(Namespace), 'mediation', NEEDED_EVENTS, { timeoutMs: CATCH_UP_MS });
    const result = await seedDemoMediation(app, (line) => process.stderr.write(line + '\n'));
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
