/** Small helpers every mediation repository shares. */

/** `like` pattern for every path strictly below `path`. */
export function belowPattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
}

/** em.execute and prepared reads return timestamps as strings or Dates depending on the path. */
export function toDate(v: Date | string | null | undefined): Date | null {
  return v === null || v === undefined ? null : v instanceof Date ? v : new Date(v);
}
