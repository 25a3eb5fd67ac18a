/** Ids, paging and batch reads: the same shapes for every service's lists. */
import { z } from 'zod';
import { AppError } from './errors.js';

export const idSchema = z.uuid({ message: 'must be an id' });
/** Page size a list returns when the caller does not say. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Ids one batch read may ask for (the gateway's DataLoaders stay below it). */
export const MAX_BATCH_IDS = 500;
export const pageSizeSchema = z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE);
export const cursorSchema = z.string().max(200).optional();

/** The batch form of reads: many ids in, the visible ones out (order and misses handled by the caller). */
export const GetManyInput = z.object({ ids: z.array(idSchema).max(MAX_BATCH_IDS) });
export type GetManyInput = z.infer<typeof GetManyInput>;

export interface Page<T> {
  items: T[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** Opaque keyset cursors over a sequence column: clients pass back what they were given. */
export function encodeCursor(seq: string | number): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^s:\d{1,18}$/.test(raw)) throw new AppError('VALIDATION', 'after: not a cursor this list gave out');
  return raw.slice(2);
}
