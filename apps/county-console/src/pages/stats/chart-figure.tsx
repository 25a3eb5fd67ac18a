/**
 * One chart of the dashboard: a <figure> whose caption names it, with its formula on hover (the figure's
 * title) and behind a keyboard-reachable ⓘ, the numbers as a visually hidden table (what a screen reader
 * reads), and 导出CSV of exactly that table.
 */
import { useId, type KeyboardEvent, type ReactNode } from 'react';
import type { ApiError } from '../../api/client.js';
import { ErrorNotice, Loading } from '../../shell/messages.js';
import { buildCsv, downloadText, type FigureTable } from './csv.js';

export interface ChartFigureProps {
  title: string;
  formula: string;
  /** The figures behind the chart; absent while they load or when they failed. */
  table: FigureTable | undefined;
  fileName: string;
  loading?: boolean;
  error?: ApiError;
  className?: string;
  children?: ReactNode;
}

export function ChartFigure({ title, formula, table, fileName, loading, error, className, children }: ChartFigureProps) {
  const tipId = useId();
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    // WCAG 1.4.13: a tooltip shown on focus can be dismissed without moving focus elsewhere first.
    if (e.key === 'Escape') e.currentTarget.blur();
  };
  return (
    <figure className={`chart-figure ${className ?? ''}`} title={formula}>
      <figcaption>
        <span className="chart-title">{title}</span>
        <span className="formula">
          <button type="button" className="formula-button" aria-label={`${title}：计算公式`} aria-describedby={tipId} onKeyDown={onKeyDown}>
            ⓘ
          </button>
          <span role="tooltip" id={tipId} className="formula-tip">
            {formula}
          </span>
        </span>
        <button type="button" className="csv-button" disabled={!table} onClick={() => table && downloadText(fileName, buildCsv(table))}>
          导出CSV
        </button>
      </figcaption>
      <ErrorNotice error={error} />
      {loading && !table ? <Loading /> : null}
      {table && !error ? (
        <>
          {children}
          <FigureDataTable title={title} table={table} />
        </>
      ) : null}
    </figure>
  );
}

export function FigureDataTable({ title, table }: { title: string; table: FigureTable }) {
  // The wrapper, not the table, is clipped: a table never shrinks below its content's width.
  return (
    <div className="visually-hidden">
      <table>
        <caption>{title}（数据）</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>{cell === null || cell === undefined || cell === '' ? '—' : String(cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
