/** Times as a county office reads them: China Standard Time (UTC+8, no daylight saving), whatever the PC's zone. */
const CST_OFFSET_MS = 8 * 3600 * 1000;

function cst(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + CST_OFFSET_MS).toISOString();
}

/** `2026-05-03` */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  return cst(iso)?.slice(0, 10) ?? iso;
}

/** `2026-05-03 14:20` */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const s = cst(iso);
  return s ? `${s.slice(0, 10)} ${s.slice(11, 16)}` : iso;
}
