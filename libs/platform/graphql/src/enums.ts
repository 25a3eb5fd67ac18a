/**
 * A GraphQL enum whose names are the contract's wire values (for `registerEnumType`), so
 * values pass between client and service unchanged and the contract stays the only list.
 */
export function enumFromValues<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}
