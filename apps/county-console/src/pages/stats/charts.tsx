/**
 * The dashboard's charts, drawn as SVG (no chart library in a county office PC's download). Each draws
 * what shape.ts gives it; the numbers for screen readers and CSV are the figure's table (chart-figure.tsx),
 * so the drawings are aria-hidden. Every mark carries a <title> with its value for hover.
 */
import { formatValue, type ValueKind } from './format.js';
import { colour } from './palette.js';
import type { Item, MultiSeries } from './shape.js';
import { arcPath, axisTicks, bandScale, linearScale, tickLabel } from './scale.js';

const WIDTH = 560;
/** Longest label drawn in full; longer ones end in … and keep the full text in their <title>. */
const MAX_LABEL_CHARS = 10;
/** Widest column of a column chart, in viewBox units. */
const MAX_BAR = 40;

export function shortLabel(label: string, max = MAX_LABEL_CHARS): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function Legend({ names }: { names: readonly string[] }) {
  return (
    <ul className="chart-legend" aria-hidden="true">
      {names.map((n, i) => (
        <li key={n}>
          <span className="swatch" style={{ background: colour(i) }} />
          {n}
        </li>
      ))}
    </ul>
  );
}

export function NoData() {
  return <p className="muted chart-empty">暂无数据</p>;
}

/** Horizontal bars, one per item, in the given order (rankings read top-down). */
export function BarChart({ items, kind }: { items: readonly Item[]; kind: ValueKind }) {
  if (items.length === 0) return <NoData />;
  const rowHeight = 26;
  const top = 8;
  const axis = 22;
  const left = 132;
  const right = WIDTH - 64;
  const height = top + items.length * rowHeight + axis;
  const ticks = axisTicks(kind, Math.max(0, ...items.map((i) => i.value ?? 0)));
  const x = linearScale([0, ticks[ticks.length - 1]], [left, right]);
  const band = bandScale(items.length, [top, top + items.length * rowHeight], 0.25);
  const baseline = top + items.length * rowHeight;
  return (
    <svg className="chart" viewBox={`0 0 ${WIDTH} ${height}`} aria-hidden="true" focusable="false">
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={top} y2={baseline} className="grid" />
          <text x={x(t)} y={baseline + 16} textAnchor="middle" className="tick">
            {tickLabel(kind, t)}
          </text>
        </g>
      ))}
      {items.map((item, i) => {
        const y = band.start(i);
        const w = item.value === null ? 0 : x(item.value) - left;
        const text = formatValue(kind, item.value);
        return (
          <g key={item.key}>
            <title>{`${item.label}：${text}`}</title>
            <text x={left - 6} y={y + band.bandwidth / 2 + 4} textAnchor="end" className="label">
              {shortLabel(item.label)}
            </text>
            <rect x={left} y={y} width={Math.max(0, w)} height={band.bandwidth} fill={colour(0)} />
            <text x={left + Math.max(0, w) + 4} y={y + band.bandwidth / 2 + 4} className="value">
              {text}
            </text>
          </g>
        );
      })}
      <line x1={left} x2={left} y1={top} y2={baseline} className="axis" />
    </svg>
  );
}

/** Vertical bars per category: side by side (grouped) or on top of each other (stacked). */
export function ColumnChart({ data, kind, stacked = false }: { data: MultiSeries; kind: ValueKind; stacked?: boolean }) {
  if (data.categories.length === 0) return <NoData />;
  const geometry = frame(data.categories.length);
  const { left, right, top, bottom } = geometry;
  const max = Math.max(
    0,
    ...data.categories.map((_, i) => {
      const vals = data.series.map((s) => s.values[i] ?? 0);
      return stacked ? vals.reduce((a, b) => a + b, 0) : Math.max(0, ...vals);
    }),
  );
  const ticks = axisTicks(kind, max);
  const y = linearScale([0, ticks[ticks.length - 1]], [bottom, top]);
  const band = bandScale(data.categories.length, [left, right], 0.25);
  const bars = stacked ? 1 : data.series.length;
  // A few categories would make slabs of bars: keep each bar at most MAX_BAR wide, centred in its band.
  const groupWidth = Math.min(band.bandwidth, bars * MAX_BAR);
  const inset = (band.bandwidth - groupWidth) / 2;
  const inner = bandScale(bars, [0, groupWidth], 0.1);
  return (
    <>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${geometry.height}`} aria-hidden="true" focusable="false">
        <ValueAxis ticks={ticks} kind={kind} y={y} left={left} right={right} />
        {data.categories.map((cat, i) => {
          let stackTop = 0;
          return (
            <g key={`${cat}-${i}`}>
              {data.series.map((s, k) => {
                const v = s.values[i];
                if (v === null || v === undefined) return null;
                const x0 = band.start(i) + inset + (stacked ? inner.start(0) : inner.start(k));
                const y0 = stacked ? y(stackTop + v) : y(v);
                const h = stacked ? y(stackTop) - y(stackTop + v) : bottom - y(v);
                stackTop += stacked ? v : 0;
                return (
                  <rect key={s.name} x={x0} y={y0} width={inner.bandwidth} height={Math.max(0, h)} fill={colour(k)}>
                    <title>{`${cat} ${s.name}：${formatValue(kind, v)}`}</title>
                  </rect>
                );
              })}
              <CategoryLabel label={cat} x={band.start(i) + band.bandwidth / 2} y={bottom} rotate={geometry.rotate} />
            </g>
          );
        })}
      </svg>
      <Legend names={data.series.map((s) => s.name)} />
    </>
  );
}

/** Lines over categories (months); a missing value breaks the line rather than dropping it to 0. */
export function LineChart({ data, kind }: { data: MultiSeries; kind: ValueKind }) {
  if (data.categories.length === 0) return <NoData />;
  const geometry = frame(data.categories.length);
  const { left, right, top, bottom } = geometry;
  const ticks = axisTicks(kind, Math.max(0, ...data.series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const y = linearScale([0, ticks[ticks.length - 1]], [bottom, top]);
  const band = bandScale(data.categories.length, [left, right], 0);
  const cx = (i: number) => band.start(i) + band.step / 2;
  return (
    <>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${geometry.height}`} aria-hidden="true" focusable="false">
        <ValueAxis ticks={ticks} kind={kind} y={y} left={left} right={right} />
        {data.categories.map((cat, i) => (
          <CategoryLabel key={`${cat}-${i}`} label={cat} x={cx(i)} y={bottom} rotate={geometry.rotate} />
        ))}
        {data.series.map((s, k) => (
          <g key={s.name} stroke={colour(k)} fill={colour(k)}>
            {segments(s.values).map((seg) => (
              <polyline key={seg[0]} fill="none" strokeWidth={2} points={seg.map((i) => `${cx(i)},${y(s.values[i]!)}`).join(' ')} />
            ))}
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={i} cx={cx(i)} cy={y(v)} r={3.5}>
                  <title>{`${data.categories[i]} ${s.name}：${formatValue(kind, v)}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
      </svg>
      <Legend names={data.series.map((s) => s.name)} />
    </>
  );
}

/** Runs of consecutive indexes with a value: the pieces of a line with gaps. */
export function segments(values: readonly (number | null)[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(i);
  });
  if (run.length) runs.push(run);
  return runs;
}

/** A donut of shares of a whole, the total in the middle, a legend with counts and percentages. */
export function DonutChart({ items, totalLabel }: { items: readonly Item[]; totalLabel: string }) {
  const total = items.reduce((n, i) => n + (i.value ?? 0), 0);
  if (total <= 0) return <NoData />;
  const size = 200;
  const c = size / 2;
  let angle = 0;
  return (
    <div className="donut">
      <svg className="chart donut-svg" viewBox={`0 0 ${size} ${size}`} aria-hidden="true" focusable="false">
        {items.map((item, i) => {
          const v = item.value ?? 0;
          if (v <= 0) return null;
          const a0 = angle;
          angle += (v / total) * 2 * Math.PI;
          return (
            <path key={item.key} d={arcPath(c, c, 90, 54, a0, angle)} fill={colour(i)} stroke="#fff" strokeWidth={1}>
              <title>{`${item.label}：${formatValue('count', v)}（${formatValue('rate', v / total)}）`}</title>
            </path>
          );
        })}
        <text x={c} y={c - 4} textAnchor="middle" className="donut-total">
          {formatValue('count', total)}
        </text>
        <text x={c} y={c + 16} textAnchor="middle" className="tick">
          {totalLabel}
        </text>
      </svg>
      <ul className="chart-legend donut-legend" aria-hidden="true">
        {items.map((item, i) => (
          <li key={item.key}>
            <span className="swatch" style={{ background: colour(i) }} />
            {item.label} {formatValue('count', item.value)}（{formatValue('rate', (item.value ?? 0) / total)}）
          </li>
        ))}
      </ul>
    </div>
  );
}

interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
  height: number;
  rotate: boolean;
}

/** Plot area of a category chart; many categories get slanted labels and room below for them. */
function frame(categories: number): Frame {
  const rotate = categories > 6;
  const plot = 200;
  const top = 10;
  const below = rotate ? 84 : 28;
  return { left: 48, right: WIDTH - 12, top, bottom: top + plot, height: top + plot + below, rotate };
}

function ValueAxis({ ticks, kind, y, left, right }: { ticks: number[]; kind: ValueKind; y: (v: number) => number; left: number; right: number }) {
  return (
    <g>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={left} x2={right} y1={y(t)} y2={y(t)} className={t === 0 ? 'axis' : 'grid'} />
          <text x={left - 6} y={y(t) + 4} textAnchor="end" className="tick">
            {tickLabel(kind, t)}
          </text>
        </g>
      ))}
    </g>
  );
}

function CategoryLabel({ label, x, y, rotate }: { label: string; x: number; y: number; rotate: boolean }) {
  const text = shortLabel(label, rotate ? 7 : MAX_LABEL_CHARS);
  return rotate ? (
    <text x={x} y={y + 14} textAnchor="end" className="label" transform={`rotate(-40 ${x} ${y + 14})`}>
      <title>{label}</title>
      {text}
    </text>
  ) : (
    <text x={x} y={y + 18} textAnchor="middle" className="label">
      <title>{label}</title>
      {text}
    </text>
  );
}
