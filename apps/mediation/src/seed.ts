/**
 * Fills an empty mediation database with the demo's history (seed/demo.ts) and prints one JSON
 * line: `{ "seeded": true|false, ...counts and figures }`. Refuses to run in production. `npm start`
 * runs it once identity has enrolled the demo's stewards (after petitions' seed): mediation builds
 * its mediators and territory from the stewards it learns from identity's events, so the seed
 * first waits until mediation's consumer of those events has nothing pending.
 */
import 'reflect-metadata';
import { ConfigError } from '@gov/platform-config';
import { EVENTS_STREAM } from '@gov/kernel';
import { Namespace, NatsTransport } from '@gov/platform-messaging';
import { OutboxRelay } from '@gov/platform-outbox';
import { NATS_CONNECTION } from '@gov/platform-service';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { openCommandContext } from './command-context.js';
import { STEWARD_ENROLLED, STEWARD_UPDATED } from './directory/directory-events.js';
import { seedDemoMediation } from './seed/demo.js';

/** The read model the demo history is built on: identity's stewards (mediators, their grids, the deliberation seats). */
const NEEDED_EVENTS = [STEWARD_ENROLLED, STEWARD_UPDATED];

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    await caughtUp(app.get<NatsConnection>(NATS_CONNECTION), app.get(Namespace));
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

/** Waits (up to CATCH_UP_MS) until the running mediation service has consumed every event the demo needs. */
async function caughtUp(nc: NatsConnection, ns: Namespace): Promise<void> {
  const CATCH_UP_MS = 60_000;
  const POLL_MS = 200;
  const jsm = await jetstreamManager(nc);
  const until = Date.now() + CATCH_UP_MS;
  for (const type of NEEDED_EVENTS) {
    const durable = NatsTransport.durableName('mediation', type);
    for (;;) {
      const info = await jsm.consumers.info(ns.stream(EVENTS_STREAM), durable).catch(() => null);
      if (info && info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > until) throw new Error(`mediation has not consumed ${type} within ${CATCH_UP_MS / 1000} s (is the mediation service running?)`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
