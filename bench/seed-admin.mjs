// Creates the bench's first administrator (a city admin), which no API can do: it calls identity's
// ensureBootstrapAdmin in-process against the bench schema, then closes everything and exits.
// Run as a child of bench/run.mjs with identity's environment plus BENCH_ADMIN (JSON).
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

const { ensureBootstrapAdmin, openCommandContext } = await import(dist('index.js'));
const app = await openCommandContext();
try {
  const actor = await ensureBootstrapAdmin(app, admin);
  process.stdout.write(JSON.stringify({ actor }) + '\n');
} finally {
  await app.close();
}
process.exit(0);
