import { MAX_BATCH_IDS } from '@gov/kernel';
import { batchLoader, LOADER_MAX_BATCH_SIZE, LoaderRegistry, type BatchFetch } from './loaders.js';

interface Item {
  id: string;
}

const itemsLoader = batchLoader<Item>('rpc.test.item.getMany');
const otherLoader = batchLoader<Item>('rpc.test.other.getMany');

/** A fetch with getMany's contract, over a fixed set of ids; records every batch it receives. */
function fakeFetch(known: Set<string>) {
  const batches: { subject: string; ids: string[] }[] = [];
  const fetch: BatchFetch = async <T extends { id: string }>(subject: string, ids: readonly string[]) => {
    batches.push({ subject, ids: [...ids] });
    return ids.map((id) => (known.has(id) ? ({ id } as T) : null));
  };
  return { fetch, batches };
}

describe('LoaderRegistry', () => {
  it('gives each key one loader for the whole request', () => {
    const registry = new LoaderRegistry(fakeFetch(new Set()).fetch);
    expect(registry.get(itemsLoader)).toBe(registry.get(itemsLoader));
    expect(registry.get(itemsLoader)).not.toBe(registry.get(otherLoader));
  });

  it('batches the loads of one tick into one call, in order, with null for missing ids', async () => {
    const { fetch, batches } = fakeFetch(new Set(['a', 'b']));
    const loader = new LoaderRegistry(fetch).get(itemsLoader);
    const results = await Promise.all(['b', 'zz', 'a', 'b'].map((id) => loader.load(id)));
    expect(results).toEqual([{ id: 'b' }, null, { id: 'a' }, { id: 'b' }]);
    expect(batches).toEqual([{ subject: 'rpc.test.item.getMany', ids: ['b', 'zz', 'a'] }]);
  });

  it('splits a large batch so no call exceeds what a service accepts', async () => {
    const ids = Array.from({ length: LOADER_MAX_BATCH_SIZE * 2 + 1 }, (_, i) => `id-${i}`);
    const { fetch, batches } = fakeFetch(new Set(ids));
    await new LoaderRegistry(fetch).get(itemsLoader).loadMany(ids);
    expect(batches.map((b) => b.ids.length)).toEqual([LOADER_MAX_BATCH_SIZE, LOADER_MAX_BATCH_SIZE, 1]);
    expect(LOADER_MAX_BATCH_SIZE).toBeLessThanOrEqual(MAX_BATCH_IDS);
  });

  it('keeps each request to its own loaders', async () => {
    const { fetch, batches } = fakeFetch(new Set(['a']));
    await new LoaderRegistry(fetch).get(itemsLoader).load('a');
    await new LoaderRegistry(fetch).get(itemsLoader).load('a');
    expect(batches).toHaveLength(2);
  });
});
