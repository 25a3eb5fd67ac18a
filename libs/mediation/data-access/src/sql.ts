/** Small helpers every mediation repository shares. */

/** `like` pattern for every path strictly below `path`. */
export function belowPattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
}

/** em.execute and prepared reads return timestamps as strings or Dates depending on the path. */
export function toDate(v: Date | string | null | undefined): Date | null {
  return v === null || v === undefined ? null : v instanceof Date ? v : new Date(v);
}

/** A `date` column as YYYY-MM-DD, whatever the driver returned. */
export function toDay(v: Date | string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.slice(0, 10);
  const local = new Date(v.getTime() - v.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}
