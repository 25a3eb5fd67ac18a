/**
 * A PostgreSQL array literal for a bound parameter (`?::text[]`): MikroORM's `execute` would
 * expand a JS array into a list of parameters.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => (typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}
