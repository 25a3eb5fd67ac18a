/**
 * Fills an empty tasks database with the demo's history (seed/demo.ts) and prints one JSON line:
 * `{ "seeded": true|false, ...counts }`. Refuses to run in production. `npm start` runs it once
 * identity has enrolled the demo's stewards and grids has placed the demo's offices and stations:
 * tasks learns both from their events, so the seed first waits until tasks's consumers of those
 * events have nothing pending.
 */
import 'reflect-metadata';
import { ConfigError } from '@gov/platform-config';
import { EVENTS_STREAM, eventType } from '@gov/kernel';
import { Namespace, NatsTransport } from '@gov/platform-messaging';
import { OutboxRelay } from '@gov/platform-outbox';
import { NATS_CONNECTION } from '@gov/platform-service';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { openCommandContext } from './command-context.js';
import { seedDemoRewards } from './seed/demo-rewards.js';
import { seedDemoTasks } from './seed/demo.js';

/** The read models the demo history is built on: stewards (identity) and places (grids). */
const NEEDED_EVENTS = [eventType('identity', 'steward', 'enrolled'), eventType('identity', 'unit', 'created'), eventType('grids', 'place', 'created')];

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    await caughtUp(app.get<NatsConnection>(NATS_CONNECTION), app.get(Namespace));
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

/** Waits (up to CATCH_UP_MS) until the running tasks service has consumed every event the demo needs. */
async function caughtUp(nc: NatsConnection, ns: Namespace): Promise<void> {
  const CATCH_UP_MS = 60_000;
  const POLL_MS = 200;
  const jsm = await jetstreamManager(nc);
  const until = Date.now() + CATCH_UP_MS;
  for (const type of NEEDED_EVENTS) {
    const durable = NatsTransport.durableName('tasks', type);
    for (;;) {
      const info = await jsm.consumers.info(ns.stream(EVENTS_STREAM), durable).catch(() => null);
      if (info && info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > until) throw new Error(`tasks has not consumed ${type} within ${CATCH_UP_MS / 1000} s (is the tasks service running?)`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
