import { AppError } from '@gov/kernel';

/** `(col = ? or col like ?)` for each region: the region itself and everything below it. */
export function regionFilterSql(column: string, regions: string[], params: unknown[]): string {
  const parts = regions.map((r) => {
    params.push(r, `${r.replace(/[\\%_]/g, (c) => '\\' + c)}/%`);
    return `(${column} = ? or ${column} like ?)`;
  });
  return `(${parts.join(' or ')})`;
}

/** Opaque keyset cursors: clients pass back what they were given. */
export function encodeCursor(seq: string | number): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^s:\d{1,18}$/.test(raw)) throw new AppError('VALIDATION', 'after: not a cursor this list gave out');
  return raw.slice(2);
}
