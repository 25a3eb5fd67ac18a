/** em.execute returns timestamps as strings or Dates depending on the path. */
export function toDate(v: Date | string | null | undefined): Date | null {
  return v === null || v === undefined ? null : v instanceof Date ? v : new Date(v);
}

/** A text[] literal for a bound parameter (em.execute would spread a JS array). */
export function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}
