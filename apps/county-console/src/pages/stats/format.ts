/**
 * How figures are written. Rates come from the gateway as shares 0–1 with four decimals, null when their
 * denominator is 0 ("no petition closed has no on-time rate"): shown as a percentage with one decimal, or
 * "—" — never "NaN%" or a misleading "0.0%".
 */
export const NO_VALUE = '—';

/** Rounds half away from zero at `decimals`, after removing binary noise (0.8755 × 1000 = 875.4999…). */
export function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((x * f).toPrecision(12));
  return (Math.sign(scaled) * Math.round(Math.abs(scaled))) / f;
}

function isNumber(x: number | null | undefined): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/** A share 0–1 as `87.5%`; "—" when there is none. */
export function formatRate(share: number | null | undefined): string {
  return isNumber(share) ? `${roundTo(share * 100, 1).toFixed(1)}%` : NO_VALUE;
}

/** A share 0–1 as a percentage number with two decimals (exact for the gateway's four-decimal shares), for tables and CSV; '' when none. */
export function percentCell(share: number | null | undefined): string {
  return isNumber(share) ? roundTo(share * 100, 2).toFixed(2) : '';
}

/** numerator ÷ denominator, null when the denominator is 0 (a share of nothing is no share). */
export function shareOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function formatCount(n: number | null | undefined): string {
  return isNumber(n) ? n.toLocaleString('zh-CN') : NO_VALUE;
}

/** Days as `3.2 天`; "—" when none closed. */
export function formatDays(days: number | null | undefined): string {
  return isNumber(days) ? `${roundTo(days, 1).toFixed(1)} 天` : NO_VALUE;
}

/** Days for tables and CSV: the gateway's two decimals; '' when none. */
export function daysCell(days: number | null | undefined): string {
  return isNumber(days) ? roundTo(days, 2).toFixed(2) : '';
}

export type ValueKind = 'count' | 'rate' | 'days';

export function formatValue(kind: ValueKind, value: number | null | undefined): string {
  if (kind === 'rate') return formatRate(value);
  if (kind === 'days') return formatDays(value);
  return formatCount(value);
}
