/**
 * Fills an empty grids database with the demo territory (seed/demo.ts) and prints one JSON line:
 * `{ "seeded": true|false, ...counts }`. Refuses to run in production. `npm start` runs it once
 * identity's demo city is seeded and grids is running: the demo's staff and central heads are
 * identity's persons, which grids learns from identity's events, so the seed first waits until
 * grids's consumer of those events has nothing pending.
 *
 *   DEMO_QR_SHEET   where to write the printable QR sheet of 象山新村 (default .data/demo/qr-sheet-xiangshan.html)
 */
import 'reflect-metadata';
import { ConfigError } from '@gov/platform-config';
import { Namespace, waitForConsumers } from '@gov/platform-messaging';
import { OutboxRelay } from '@gov/platform-outbox';
import { NATS_CONNECTION } from '@gov/platform-service';
import type { NatsConnection } from '@nats-io/transport-node';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PERSON_REGISTERED } from './person/person-directory.js';
import { QrService } from './qr/qr.service.js';
import { RegionRepository } from '@gov/grids-data-access';
import { SEED_ACTOR } from './seed/demo.js';
import { openCommandContext } from './command-context.js';
import { seedDemoTerritory } from './seed/demo.js';

/** The compound whose QR sheet the seed writes: 象山新村 in 象山社区's first grid. */
const DEMO_SHEET_COMPOUND = 'jingmen/dongbao/longquan/xiangshan/g01/xq1';

/** How long the seed waits for the running grids service to catch up before it gives up. */
const CATCH_UP_MS = 60_000;

if (process.env.NODE_ENV === 'production') {
  process.stderr.write('seed: refusing to load demo data with NODE_ENV=production\n');
  process.exit(1);
}

try {
  process.env.LOG_LEVEL ||= 'warn';
  const app = await openCommandContext();
  try {
    await waitForConsumers(app.get<NatsConnection>(NATS_CONNECTION), app.get(Namespace), 'grids', [PERSON_REGISTERED], { timeoutMs: CATCH_UP_MS });
    const result = await seedDemoTerritory(app, (line) => process.stderr.write(line + '\n'));
    // One compound's printable sheet, so a new user can print the codes residents scan.
    const compound = await app.get(RegionRepository).byPath(DEMO_SHEET_COMPOUND);
    let qrSheet: string | null = null;
    if (compound) {
      qrSheet = path.resolve(process.env.DEMO_QR_SHEET || '.data/demo/qr-sheet-xiangshan.html');
      mkdirSync(path.dirname(qrSheet), { recursive: true });
      writeFileSync(qrSheet, (await app.get(QrService).sheet(SEED_ACTOR, { regionId: compound.id })).html);
    }
    const sent = await app.get(OutboxRelay).drain();
    process.stderr.write(`seed: ${sent} events published\n`);
    process.stdout.write(JSON.stringify({ seeded: result !== null, ...result, qrSheet }) + '\n');
  } finally {
    await app.close();
  }
} catch (err) {
  process.stderr.write(err instanceof ConfigError ? err.message + '\n' : `seed failed: ${(err as Error).message}\n`);
  process.exit(err instanceof ConfigError ? 78 : 1);
}
