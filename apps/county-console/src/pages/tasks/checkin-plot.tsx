/**
 * The check-ins around the task's point: the check-in radius to scale, each check-in at its distance
 * (the gateway gives distance, not bearing: plot.ts spreads them on distinct bearings). A light SVG,
 * no map library, so the task page stays a small chunk.
 */
import { plotFrame, scaleBarMetres, spreadByDistance, toSvg } from './plot.js';

export interface PlotCheckin {
  id: string;
  label: string;
  distanceM: number;
}

const SIZE = 240;

export function CheckinPlot({ radiusM, checkins }: { radiusM: number; checkins: readonly PlotCheckin[] }) {
  const offsets = spreadByDistance(checkins.map((c) => c.distanceM));
  const frame = plotFrame(radiusM, offsets, SIZE);
  const centre = SIZE / 2;
  const within = checkins.filter((c) => c.distanceM <= radiusM).length;
  const bar = scaleBarMetres(frame);
  const barPx = bar * frame.scale;
  return (
    <figure className="checkin-plot">
      <svg
        width={SIZE}
        height={SIZE}
        viewBox={`0 0 ${SIZE} ${SIZE}`}
        role="img"
        aria-label={`签到示意图：半径 ${radiusM} 米，${checkins.length} 次签到，其中 ${within} 次在半径内`}
        data-testid="checkin-plot"
      >
        <rect x={0} y={0} width={SIZE} height={SIZE} className="plot-bg" />
        <circle cx={centre} cy={centre} r={frame.radiusPx} className="plot-radius" data-testid="plot-radius" />
        <line x1={centre - 6} y1={centre} x2={centre + 6} y2={centre} className="plot-centre" />
        <line x1={centre} y1={centre - 6} x2={centre} y2={centre + 6} className="plot-centre" />
        <text x={SIZE - 14} y={16} className="plot-north" textAnchor="middle">
          北
        </text>
        {checkins.map((c, i) => {
          const p = toSvg(frame, offsets[i]);
          const inside = c.distanceM <= radiusM;
          return (
            <circle key={c.id} cx={p.x} cy={p.y} r={5} className={inside ? 'plot-point inside' : 'plot-point outside'} data-testid="plot-point" data-inside={inside}>
              <title>{`${c.label}：${Math.round(c.distanceM)} 米，${inside ? '半径内' : '半径外'}`}</title>
            </circle>
          );
        })}
        <line x1={10} y1={SIZE - 12} x2={10 + barPx} y2={SIZE - 12} className="plot-bar" />
        <text x={10} y={SIZE - 16} className="plot-bar-label">
          {bar} 米
        </text>
      </svg>
      <figcaption className="muted">
        十字为任务地点，圆为 {radiusM} 米签到半径；点到中心的距离即签到距离，方位仅用于区分各点（接口不提供签到方位）。
      </figcaption>
    </figure>
  );
}
