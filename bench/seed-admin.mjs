// Creates the bench's first administrator (a city admin), which no API can do: it calls identity's
// ensureBootstrapAdmin in-process against the bench schema, then closes everything and exits.
// Run as a child of bench/run.mjs with identity's environment plus BENCH_ADMIN (JSON).
//
// BENCH_REGIONS (JSON list of paths, optional): identity places units and grants only on regions
// of grids' tree, which it learns from grids' events. The bench runs no grids, so this publishes
// grids' `region.created` events for those paths (and their ancestors) as grids would, and waits
// until the running identity service has them.
//
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => pathToFileURL(path.join(ROOT, 'apps/identity/dist', file)).href;

const admin = JSON.parse(process.env.BENCH_ADMIN ?? 'null');
if (!admin) {
  process.stderr.write('seed-admin: BENCH_ADMIN is required\n');
  process.exit(78);
}

const { ensureBootstrapAdmin, openCommandContext, GridsRegions } = await import(dist('index.js'));
const app = await openCommandContext();
try {
  const actor = await ensureBootstrapAdmin(app, admin);
  const paths = JSON.parse(process.env.BENCH_REGIONS ?? '[]');
  if (paths.length) {
    const { NATS_CONNECTION } = await import('@gov/platform-service');
    const { Namespace } = await import('@gov/platform-messaging');
    const { KnownRegionRepository } = await import('@gov/identity-data-access');
    await new GridsRegions(app.get(NATS_CONNECTION), app.get(Namespace)).create(...paths);
    const known = app.get(KnownRegionRepository);
    const until = Date.now() + 30_000;
    while ((await Promise.all(paths.map((p) => known.status(p)))).some((s) => s !== 'active')) {
      if (Date.now() > until) throw new Error(`identity does not know the regions ${paths.join(', ')} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  process.stdout.write(JSON.stringify({ actor }) + '\n');
} finally {
  await app.close();
}
process.exit(0);
