import DataLoader from 'dataloader';

/**
 * Ids per batch request. The services refuse more than MAX_BATCH_IDS (@gov/kernel) in one
 * getMany; staying well below keeps a batch from being refused and its reply quick.
 */
export const LOADER_MAX_BATCH_SIZE = 200;

type Identified = { id: string };

/**
 * One batch read: the views for `ids` in the same order, null where an id is missing or not
 * visible to the caller (the contract of getMany in @gov/platform-messaging). The gateway
 * supplies it, bound to the request's actor, so this library needs no messaging code.
 */
export type BatchFetch = <T extends Identified>(subject: string, ids: readonly string[]) => Promise<(T | null)[]>;

/** Names one batch read; declared once by the service's GraphQL lib, used by any resolver. */
export interface BatchLoaderKey<T extends Identified> {
  readonly subject: string;
  /** Never set: it only carries T, so `loaders.get(key)` is typed without a cast at the call. */
  readonly view?: T;
}

/** Declares a loader key for a service's getMany subject, e.g. `batchLoader<PersonView>(IdentityRpc.personGetMany)`. */
export function batchLoader<T extends Identified>(subject: string): BatchLoaderKey<T> {
  return Object.freeze({ subject });
}

/**
 * The DataLoaders of one request, each built the first time a resolver asks for its key, so a
 * request pays only for the loaders it uses and the gateway never has to list them. Keys are
 * compared by identity: declare each once and share the constant.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<BatchLoaderKey<Identified>, DataLoader<string, Identified | null>>();

  constructor(private readonly fetchMany: BatchFetch) {}

  get<T extends Identified>(key: BatchLoaderKey<T>): DataLoader<string, T | null> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, Identified | null>((ids) => this.fetchMany<T>(key.subject, ids), { maxBatchSize: LOADER_MAX_BATCH_SIZE });
      this.loaders.set(key, loader);
    }
    // Only `get` stores into the map, always under the key whose T built the loader.
    return loader as DataLoader<string, T | null>;
  }

  /** Forgets every loaded object: a subscription's next push reads afresh. */
  clear(): void {
    this.loaders.clear();
  }
}
