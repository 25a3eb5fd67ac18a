import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

/**
 * Gives back what start-up grew, just before a process starts serving.
 *
 * Services run with a 16 MB young generation (tools/node-options.mjs): a smaller one costs about a
 * quarter of the gateway's and identity's CPU in scavenges under load (bench/README.md, issue 7).
 * Loading ~2,000 modules grows it to its maximum before the first request, and V8 keeps those
 * pages until a memory-reducing collection. This runs one ("last resort": full, compacting, and
 * shrinking the young generation); under load V8 grows the young generation again as it needs.
 *
 * The gc function comes from V8's gc extension, exposed for one fresh context only, so nothing
 * else in the process gains a global `gc`.
 */
export function compactHeapBeforeServing(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as GcFunction;
  setFlagsFromString('--no-expose-gc');
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
