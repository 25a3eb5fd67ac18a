import { MAX_ENTRIES, MyPetitions, STORAGE_KEY, type KeyValueStore, type MyPetition } from './my-petitions.js';

/** Web Storage over a Map, as a browser's localStorage behaves for one page. */
class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

const entry = (n: number): MyPetition => ({
  trackingCode: `ABCD-EFGH-${String(n).padStart(4, '0')}`,
  submitterKey: `key-${n}-abcdefghijklmnop`,
  categoryNameZh: '楼道堆物',
  buildingName: '象山1栋',
  submittedAt: new Date(Date.UTC(2026, 10, 1, 0, n)).toISOString(),
});

describe('我的诉求 in this browser', () => {
  it('lists what was submitted newest first, and finds the key to rate one by its code', () => {
    const mine = new MyPetitions(new MemoryStore());
    expect(mine.list()).toEqual([]);
    expect(mine.add(entry(1))).toBe(true);
    expect(mine.add(entry(2))).toBe(true);
    expect(mine.list().map((e) => e.trackingCode)).toEqual([entry(2).trackingCode, entry(1).trackingCode]);
    expect(mine.get(entry(1).trackingCode)?.submitterKey).toBe(entry(1).submitterKey);
    expect(mine.get('ZZZZ-ZZZZ-ZZZZ')).toBeUndefined();
  });

  it(`keeps the newest ${MAX_ENTRIES} and one entry per code`, () => {
    const mine = new MyPetitions(new MemoryStore());
    for (let i = 0; i < MAX_ENTRIES + 5; i++) mine.add(entry(i));
    mine.add(entry(MAX_ENTRIES + 4));
    const codes = mine.list().map((e) => e.trackingCode);
    expect(codes).toHaveLength(MAX_ENTRIES);
    expect(new Set(codes).size).toBe(MAX_ENTRIES);
    expect(codes[0]).toBe(entry(MAX_ENTRIES + 4).trackingCode);
    expect(codes).not.toContain(entry(4).trackingCode);
  });

  it('starts over when the stored list is damaged, dropping entries it cannot use', () => {
    const store = new MemoryStore();
    store.setItem(STORAGE_KEY, '{not json');
    expect(new MyPetitions(store).list()).toEqual([]);
    store.setItem(STORAGE_KEY, JSON.stringify([entry(1), { trackingCode: 'X' }, null, 'text']));
    expect(new MyPetitions(store).list()).toEqual([entry(1)]);
    expect(new MyPetitions(store).add(entry(2))).toBe(true);
  });

  it('says so when the browser keeps nothing (private mode, storage full)', () => {
    expect(new MyPetitions(null).add(entry(1))).toBe(false);
    expect(new MyPetitions(null).list()).toEqual([]);
    const full: KeyValueStore = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(new MyPetitions(full).add(entry(1))).toBe(false);
  });
});
