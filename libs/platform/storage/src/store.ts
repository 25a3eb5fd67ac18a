import { AppError, idSchema } from '@gov/kernel';
import type { Readable } from 'node:stream';

/** What the store keeps beside an attachment's bytes. */
export interface AttachmentMeta {
  /** The type the bytes were sniffed as at upload (image/jpeg, image/png, image/webp). */
  contentType: string;
  bytes: number;
  createdAt: Date;
}

/** An attachment's bytes, streamed: a 5 MB photo never sits in memory whole on the way out. */
export interface AttachmentContent {
  body: Readable;
  contentType: string;
  bytes: number;
}

/**
 * Where uploaded photos live (附件): a local directory in development, an S3-compatible bucket in
 * production. Files never travel over NATS (1 MB message limit): the gateway writes them here,
 * the petitions service checks them here (`stat`) before binding their ids to a petition.
 *
 * Ids are UUIDs chosen by the writer; any other id is refused (VALIDATION) before the store is
 * touched, so an id can never name a path outside the store.
 */
export interface AttachmentStore {
  /** Stores the bytes under `id` (replacing what was there); readers see all of it or nothing. */
  put(id: string, bytes: Buffer, meta: { contentType: string }): Promise<void>;
  /** The attachment's metadata, or null when there is none under `id`. */
  stat(id: string): Promise<AttachmentMeta | null>;
  /** The attachment's bytes as a stream, or null when there is none under `id`. */
  get(id: string): Promise<AttachmentContent | null>;
  /** Removes the attachment; removing a missing one is not an error. */
  delete(id: string): Promise<void>;
}

/**
 * The id as the store names it (lowercase, so `A…` and `a…` are one attachment), or VALIDATION
 * when it is not a UUID — `../`, slashes and every other path trick included.
 */
export function attachmentKey(id: string): string {
  if (!idSchema.safeParse(id).success) throw new AppError('VALIDATION', 'an attachment id must be a UUID', undefined, [{ path: 'id', message: 'must be an id' }]);
  return id.toLowerCase();
}
