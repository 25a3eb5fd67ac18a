/**
 * Times and amounts as a county office reads them. Times are China Standard Time (UTC+8, no daylight
 * saving) whatever the PC's zone, written `2026-05-03 14:20`; a missing value is `—`.
 */

/** China Standard Time is UTC+8 all year. */
export const CST_OFFSET_MS = 8 * 3_600_000;
/** The same as an ISO 8601 offset, for instants built from a China date and time. */
export const CST_OFFSET = '+08:00';
/** What a cell shows for a value that is not there. */
export const NO_VALUE = '—';

/** The instant moved by +8 h, so its getUTC* fields are the China wall clock. */
export function cstWallClock(instant: Date | number): Date {
  return new Date((typeof instant === 'number' ? instant : instant.getTime()) + CST_OFFSET_MS);
}

/** `2026-05-03T14:20:00.000` (China wall clock), null for something that is not a time. */
function cst(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : cstWallClock(t).toISOString();
}

/** `2026-05-03`; `—` when missing; the text itself when it is not a time. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return NO_VALUE;
  return cst(iso)?.slice(0, 10) ?? iso;
}

/** `2026-05-03 14:20`; `—` when missing; the text itself when it is not a time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return NO_VALUE;
  const s = cst(iso);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : iso;
}

/** Amounts in fen (分) as yuan: `¥12,345.60`; null (not about money) as —. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return NO_VALUE;
  const yuan = Math.trunc(fen / 100);
  const cents = Math.abs(fen % 100);
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${Math.abs(yuan).toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
}
