/** Scales and axis ticks for the dashboard's SVG charts. */

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1] linearly; a degenerate domain maps everything to r0. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** The "nice" step (1, 2 or 5 × 10^k) at or above `rough`. */
export function niceStep(rough: number): number {
  if (!(rough > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const m = rough / power;
  const factor = m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10;
  return Number((factor * power).toPrecision(12));
}

/**
 * Ticks from 0 to a nice value at or above `max`, about `count` intervals. Counts want whole steps
 * (no "2.5 件"); an empty or zero series still gets an axis 0–1.
 */
export function niceTicks(max: number, { count = 5, integer = false }: { count?: number; integer?: boolean } = {}): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  let step = niceStep(max / count);
  if (integer) step = Math.max(1, Math.ceil(step));
  const n = Math.ceil(Number((max / step).toPrecision(12)));
  return Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/** Rates are shares: always the whole 0–100 % axis, so two charts compare at a glance. */
export const RATE_TICKS: readonly number[] = [0, 0.2, 0.4, 0.6, 0.8, 1];

/** The ticks of a value axis for the kind of figure shown. */
export function axisTicks(kind: 'count' | 'rate' | 'days', max: number): number[] {
  if (kind === 'rate') return [...RATE_TICKS];
  return niceTicks(max, { integer: kind === 'count' });
}

export function tickLabel(kind: 'count' | 'rate' | 'days', v: number): string {
  return kind === 'rate' ? `${Math.round(v * 100)}%` : String(v);
}

export interface Band {
  /** Distance between the starts of two bands. */
  step: number;
  /** Width of one band (step less its padding). */
  bandwidth: number;
  /** Start of band i. */
  start: (i: number) => number;
}

/** `count` equal bands across [r0, r1], `padding` (0–1) of each step left empty, half on each side. */
export function bandScale(count: number, [r0, r1]: readonly [number, number], padding = 0.2): Band {
  const step = count > 0 ? (r1 - r0) / count : 0;
  const bandwidth = step * (1 - padding);
  return { step, bandwidth, start: (i) => r0 + i * step + (step - bandwidth) / 2 };
}

/** SVG path of a donut slice from angle a0 to a1 (radians, 0 at twelve o'clock, clockwise). */
export function arcPath(cx: number, cy: number, outer: number, inner: number, a0: number, a1: number): string {
  // A full circle cannot be one arc (start = end): draw it as two halves.
  if (a1 - a0 >= 2 * Math.PI - 1e-9) {
    const mid = a0 + Math.PI;
    return `${arcPath(cx, cy, outer, inner, a0, mid)} ${arcPath(cx, cy, outer, inner, mid, a0 + 2 * Math.PI)}`;
  }
  const pt = (r: number, a: number) => `${round2(cx + r * Math.sin(a))} ${round2(cy - r * Math.cos(a))}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M ${pt(outer, a0)} A ${outer} ${outer} 0 ${large} 1 ${pt(outer, a1)} L ${pt(inner, a1)} A ${inner} ${inner} 0 ${large} 0 ${pt(inner, a0)} Z`;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
