/**
 * CSV export of the figures behind a chart. Excel on a county office PC opens a CSV as GBK unless it
 * starts with a UTF-8 byte-order mark, so every file starts with one; fields are quoted as RFC 4180 says,
 * lines end CRLF.
 */
export type Cell = string | number | null | undefined;

/** The numbers of one chart, as its hidden table and its CSV show them. */
export interface FigureTable {
  columns: string[];
  rows: Cell[][];
}

export const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
/** A text cell starting like a formula would run in Excel (CSV injection): it is kept as text. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function buildCsv(table: FigureTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** e.g. 诉求渠道_jingmen-dongbao_2026-01-01_2026-06-30.csv */
export function csvFileName(title: string, region: string, from: string, to: string): string {
  const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, '-');
  return `${safe(title)}_${safe(region)}_${from}_${to}.csv`;
}

/** Saves `text` as a file through a temporary link (the browser's download). */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the click; the URL is no longer needed once this task ends.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
