import { AppError } from '@gov/kernel';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque keyset cursors naming the last row of a page (lists resume after it). */
export function encodeIdCursor(id: string): string {
  return Buffer.from(`r:${id}`).toString('base64url');
}

export function decodeIdCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!raw.startsWith('r:') || !UUID.test(raw.slice(2))) {
    throw new AppError('VALIDATION', 'after: not a cursor this list gave out', undefined, [{ path: 'after', message: 'not a cursor this list gave out' }]);
  }
  return raw.slice(2);
}
