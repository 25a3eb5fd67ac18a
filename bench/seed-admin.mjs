// Creates the bench's first administrator (a city admin), which no API can do: it calls identity's
// ensureBootstrapAdmin in-process against the bench schema, then closes everything and exits.
// Run as a child of bench/run.mjs with identity's environment plus BENCH_ADMIN (JSON).
//
// Prefers openIdentity (connections only: no RPC responder, no HTTP server). Where the build does
// not export it, falls back to startIdentity with HTTP_PORT=0 and OUTBOX_RELAY=off; that joins
// identity's RPC queue group for the second or so it lives, which is harmless before the load starts.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => pathToFileURL(path.join(ROOT, 'apps/identity/dist', file)).href;

const admin = JSON.parse(process.env.BENCH_ADMIN ?? 'null');
if (!admin) {
  process.stderr.write('seed-admin: BENCH_ADMIN is required\n');
  process.exit(78);
}

const { ensureBootstrapAdmin, startIdentity } = await import(dist('index.js'));
const app = await import(dist('app.js'));
const env = { ...process.env, HTTP_PORT: '0', OUTBOX_RELAY: 'off' };

let deps;
let close;
if (typeof app.openIdentity === 'function') {
  const core = await app.openIdentity(env);
  deps = core.deps;
  close = async () => {
    await core.nc.drain();
    await core.orm.close();
  };
} else {
  const started = await startIdentity(env);
  deps = started.deps;
  close = () => started.close();
}

try {
  const actor = await ensureBootstrapAdmin(deps, admin);
  process.stdout.write(JSON.stringify({ actor }) + '\n');
} finally {
  await close();
}
process.exit(0);
