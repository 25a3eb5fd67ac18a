/** `(col = ? or col like ?)` for each region: the region itself and everything below it. */
export function regionFilterSql(column: string, regions: string[], params: unknown[]): string {
  const parts = regions.map((r) => {
    params.push(r, `${r.replace(/[\\%_]/g, (c) => '\\' + c)}/%`);
    return `(${column} = ? or ${column} like ?)`;
  });
  return `(${parts.join(' or ')})`;
}
