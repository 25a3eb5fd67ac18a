/**
 * Times as residents read them: China Standard Time (UTC+8, no daylight saving), whatever zone
 * the phone is set to — a deadline means the same day to the resident and to the grid worker.
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

function chinaTime(iso: string): Date | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + CHINA_OFFSET_MS);
}

/** 2026-11-30 */
export function formatDate(iso: string): string {
  const d = chinaTime(iso);
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : '';
}

/** 2026-11-30 14:05 */
export function formatTime(iso: string): string {
  const d = chinaTime(iso);
  return d ? `${formatDate(iso)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : '';
}

/** ★★★★☆ for 4 of 5. */
export function stars(rating: number, max = 5): string {
  const whole = Math.max(0, Math.min(max, Math.round(rating)));
  return '★'.repeat(whole) + '☆'.repeat(max - whole);
}
