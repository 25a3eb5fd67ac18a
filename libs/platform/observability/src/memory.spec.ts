import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const memoryModule = fileURLToPath(new URL('./memory.ts', import.meta.url));
/** The young generation the services run with (tools/node-options.mjs). */
const SERVICE_YOUNG_GENERATION = '--max-semi-space-size=16';

/**
 * In a child with the services' young generation: start-up's allocations grow the young generation;
 * compactHeapBeforeServing gives it back, and leaves no global `gc` behind.
 */
const CHILD = `
  import { getHeapSpaceStatistics } from 'node:v8';
  const { compactHeapBeforeServing } = await import(process.env.MEMORY_MODULE);
  const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
  // Like loading modules: many objects that survive a few scavenges.
  let kept = [];
  for (let round = 0; round < 10; round++) for (let i = 0; i < 20000; i++) kept.push({ round, i, s: 'x'.repeat(i % 32) });
  const grown = newSpace();
  kept = null;
  compactHeapBeforeServing();
  console.log(JSON.stringify({ grown, after: newSpace(), globalGc: typeof globalThis.gc }));
`;

describe('compactHeapBeforeServing', () => {
  it('gives back the young generation start-up grew, without exposing gc', () => {
    const out = execFileSync(process.execPath, [SERVICE_YOUNG_GENERATION, '--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', CHILD], {
      env: { ...process.env, NODE_OPTIONS: '', MEMORY_MODULE: memoryModule },
      encoding: 'utf8',
    });
    const { grown, after, globalGc } = JSON.parse(out.trim().split('\n').at(-1)!) as { grown: number; after: number; globalGc: string };
    expect(grown).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(after).toBeLessThanOrEqual(grown / 4);
    expect(globalGc).toBe('undefined');
  });
});
