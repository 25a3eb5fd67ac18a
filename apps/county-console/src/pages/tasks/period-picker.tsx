/** A ranking period: month, quarter or year, and which one. */
import { cstCalendar, parsePeriod, periodString, PERIOD_KIND_NAMES, type PeriodKind } from './periods.js';

/** Years offered: this one and a few before (points started with the platform). */
const YEARS_BACK = 4;

export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const { kind, year, index } = parsePeriod(value);
  const now = cstCalendar(new Date());
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => now.year - i);
  const emit = (k: PeriodKind, y: number, i: number) => {
    const n = k === 'quarter' ? Math.min(Math.max(i, 1), 4) : k === 'month' ? Math.min(Math.max(i, 1), 12) : 1;
    onChange(periodString(k, y, n));
  };
  return (
    <>
      <label>
        周期
        <select value={kind} onChange={(e) => emit(e.target.value as PeriodKind, year, e.target.value === 'quarter' ? now.quarter : now.month)}>
          {(Object.keys(PERIOD_KIND_NAMES) as PeriodKind[]).map((k) => (
            <option key={k} value={k}>
              {PERIOD_KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </label>
      <label>
        年份
        <select value={year} onChange={(e) => emit(kind, Number(e.target.value), index)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y} 年
            </option>
          ))}
        </select>
      </label>
      {kind === 'month' ? (
        <label>
          月份
          <select value={index} onChange={(e) => emit(kind, year, Number(e.target.value))}>
            {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
              <option key={m} value={m}>
                {m} 月
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {kind === 'quarter' ? (
        <label>
          季度
          <select value={index} onChange={(e) => emit(kind, year, Number(e.target.value))}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                第 {q} 季度
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </>
  );
}
