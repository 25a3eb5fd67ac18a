import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { attachmentKey, type AttachmentContent, type AttachmentMeta, type AttachmentStore } from './store.js';

/** Residents' photos: readable by the service's user and its group (backups), nobody else. */
const FILE_MODE = 0o640;
const DIR_MODE = 0o750;
const SIDECAR = '.json';
const TEMP = '.tmp';
/** Leading hex digits of the id that name its sub-directory: 256 directories keep each one small. */
const FAN_OUT_CHARS = 2;

interface Sidecar {
  contentType: string;
  bytes: number;
  createdAt: string;
}

/**
 * Attachments in a local directory (development, single-host installs): `<dir>/<ab>/<id>` holds
 * the bytes and `<dir>/<ab>/<id>.json` the content type, size and time. Both are written to a
 * temporary file, flushed and renamed into place, bytes first: the sidecar's presence is what
 * makes an attachment exist, so a reader never sees a half-written photo. A crash mid-write
 * leaves at most a `*.tmp` file nobody reads.
 */
export class LocalDiskStore implements AttachmentStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  async put(id: string, bytes: Buffer, meta: { contentType: string }): Promise<void> {
    const key = attachmentKey(id);
    await mkdir(this.folder(key), { recursive: true, mode: DIR_MODE });
    await writeAtomically(this.dataPath(key), bytes);
    const sidecar: Sidecar = { contentType: meta.contentType, bytes: bytes.length, createdAt: new Date().toISOString() };
    await writeAtomically(this.sidecarPath(key), Buffer.from(JSON.stringify(sidecar)));
  }

  async stat(id: string): Promise<AttachmentMeta | null> {
    const key = attachmentKey(id);
    const text = await readFile(this.sidecarPath(key), 'utf8').catch(orNullIfMissing);
    if (text === null) return null;
    const s = JSON.parse(text) as Sidecar;
    return { contentType: s.contentType, bytes: s.bytes, createdAt: new Date(s.createdAt) };
  }

  async get(id: string): Promise<AttachmentContent | null> {
    const meta = await this.stat(id);
    if (!meta) return null;
    // Opened before answering: deleted in between, it is missing rather than a failed stream.
    const handle = await open(this.dataPath(attachmentKey(id)), 'r').catch(orNullIfMissing);
    if (!handle) return null;
    return { body: handle.createReadStream(), contentType: meta.contentType, bytes: meta.bytes };
  }

  async delete(id: string): Promise<void> {
    const key = attachmentKey(id);
    // Sidecar first: from then on the attachment is gone, even if removing the bytes fails.
    await unlink(this.sidecarPath(key)).catch(orNullIfMissing);
    await unlink(this.dataPath(key)).catch(orNullIfMissing);
  }

  private folder(key: string): string {
    return join(this.dir, key.slice(0, FAN_OUT_CHARS));
  }

  private dataPath(key: string): string {
    return join(this.folder(key), key);
  }

  private sidecarPath(key: string): string {
    return join(this.folder(key), key + SIDECAR);
  }
}

/** Temp file, fsync, rename: the file at `path` is the old one or the whole new one, never part. */
async function writeAtomically(path: string, data: Buffer): Promise<void> {
  const temp = `${path}.${randomUUID()}${TEMP}`;
  const handle = await open(temp, 'wx', FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}

function orNullIfMissing(err: NodeJS.ErrnoException): null {
  if (err.code === 'ENOENT') return null;
  throw err;
}
