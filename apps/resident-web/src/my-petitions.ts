/**
 * 我的诉求: the petitions this browser submitted, kept in localStorage with the submitter key the
 * service gave once (only its hash is stored there) — the key is what lets this phone rate the
 * result without an account. Nothing else about the resident is kept.
 */

export const STORAGE_KEY = 'gov.resident-web.my-petitions.v1';
/** Entries kept; older ones drop off (their tracking codes still work when typed in). */
export const MAX_ENTRIES = 50;

export interface MyPetition {
  trackingCode: string;
  submitterKey: string;
  categoryNameZh: string;
  buildingName: string | null;
  submittedAt: string;
}

/** The part of the Web Storage API used here (tests pass a Map-backed one). */
export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export class MyPetitions {
  /** `store` is null where the browser refuses storage (private mode, storage disabled). */
  constructor(private readonly store: KeyValueStore | null) {}

  /** Newest first. */
  list(): MyPetition[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.store?.getItem(STORAGE_KEY) ?? '[]');
    } catch {
      return []; // damaged by hand or by another script: start over rather than break the page
    }
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  }

  /** Adds or replaces the entry of its tracking code; false when it could not be kept. */
  add(entry: MyPetition): boolean {
    const rest = this.list().filter((e) => e.trackingCode !== entry.trackingCode);
    return this.save([entry, ...rest].slice(0, MAX_ENTRIES));
  }

  get(trackingCode: string): MyPetition | undefined {
    return this.list().find((e) => e.trackingCode === trackingCode);
  }

  private save(entries: MyPetition[]): boolean {
    if (!this.store) return false;
    try {
      this.store.setItem(STORAGE_KEY, JSON.stringify(entries));
      return true;
    } catch {
      return false; // quota exceeded, or storage turned off
    }
  }
}

function isEntry(e: unknown): e is MyPetition {
  const x = e as Partial<MyPetition> | null;
  return typeof x?.trackingCode === 'string' && typeof x.submitterKey === 'string' && typeof x.categoryNameZh === 'string' && typeof x.submittedAt === 'string';
}

/** localStorage, or null where merely touching it throws (some browsers' private modes). */
export function browserStore(): KeyValueStore | null {
  try {
    const store = window.localStorage;
    const probe = `${STORAGE_KEY}.probe`;
    store.setItem(probe, '1');
    store.removeItem(probe);
    return store;
  } catch {
    return null;
  }
}
