import { AppError } from '@gov/kernel';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { LocalDiskStore } from './local-disk-store.js';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let parent: string;
let store: LocalDiskStore;
/** Every file under `dir`, relative to it. */
const filesUnder = async (dir: string) => (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'gov-attachments-'));
  store = new LocalDiskStore(join(parent, 'store'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

describe('LocalDiskStore', () => {
  it('keeps the bytes and their type, answers them back, and forgets them on delete', async () => {
    const id = randomUUID();
    const before = Date.now();
    await store.put(id, PNG_1X1, { contentType: 'image/png' });

    const meta = await store.stat(id);
    expect(meta).toEqual({ contentType: 'image/png', bytes: PNG_1X1.length, createdAt: expect.any(Date) });
    expect(meta!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const got = await store.get(id);
    expect(got).toMatchObject({ contentType: 'image/png', bytes: PNG_1X1.length });
    expect(await buffer(got!.body)).toEqual(PNG_1X1);

    await store.delete(id);
    expect(await store.stat(id)).toBeNull();
    expect(await store.get(id)).toBeNull();
    await expect(store.delete(id)).resolves.toBeUndefined();
  });

  it('answers null for an id never stored, and an id in capitals is the same attachment', async () => {
    expect(await store.stat(randomUUID())).toBeNull();
    expect(await store.get(randomUUID())).toBeNull();
    const id = randomUUID();
    await store.put(id.toUpperCase(), PNG_1X1, { contentType: 'image/png' });
    expect(await store.stat(id)).toMatchObject({ bytes: PNG_1X1.length });
  });

  it('replaces an attachment whole and leaves no temporary files behind', async () => {
    const id = randomUUID();
    await store.put(id, Buffer.from('first version, longer than the second'), { contentType: 'image/jpeg' });
    await store.put(id, PNG_1X1, { contentType: 'image/png' });
    expect(await store.stat(id)).toMatchObject({ contentType: 'image/png', bytes: PNG_1X1.length });
    expect(await buffer((await store.get(id))!.body)).toEqual(PNG_1X1);
    expect((await filesUnder(store.dir)).sort()).toEqual([join(id.slice(0, 2), id), join(id.slice(0, 2), `${id}.json`)]);
  });

  it('keeps the photos private to the service (no world access)', async () => {
    const id = randomUUID();
    await store.put(id, PNG_1X1, { contentType: 'image/png' });
    for (const f of await filesUnder(store.dir)) expect((await stat(join(store.dir, f))).mode & 0o007).toBe(0);
  });

  it('refuses ids that are not UUIDs — path traversal included — and touches nothing', async () => {
    const victim = join(parent, 'victim');
    for (const id of ['../victim', '../../etc/passwd', `${randomUUID()}/../../victim`, '..%2Fvictim', 'a/b', '', `${randomUUID()}.json`, `/${randomUUID()}`]) {
      await expect(store.put(id, PNG_1X1, { contentType: 'image/png' })).rejects.toMatchObject({ code: 'VALIDATION' });
      await expect(store.stat(id)).rejects.toBeInstanceOf(AppError);
      await expect(store.get(id)).rejects.toBeInstanceOf(AppError);
      await expect(store.delete(id)).rejects.toBeInstanceOf(AppError);
    }
    expect(await filesUnder(parent)).toEqual([]);
    await expect(stat(victim)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
