/**
 * Geometry of the check-in plot: points around the task by metres east and north of it, scaled into
 * a square SVG with the check-in radius drawn to the same scale. Distances of a few hundred metres
 * make a local flat projection (equirectangular about the task's latitude) exact to well under a metre.
 */

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

export interface LatLngLike {
  lat: number;
  lng: number;
}

export interface Offset {
  east: number;
  north: number;
}

/** Metres east and north of `origin`. */
export function metresFrom(origin: LatLngLike, point: LatLngLike): Offset {
  return {
    east: (point.lng - origin.lng) * DEG * EARTH_RADIUS_M * Math.cos(origin.lat * DEG),
    north: (point.lat - origin.lat) * DEG * EARTH_RADIUS_M,
  };
}

/**
 * The gateway gives a check-in's distance from the task, not its bearing: such points are spread on
 * evenly spaced bearings (clockwise from north, in claim order) so each stays distinguishable; the
 * distance — what decides within the radius or not — is exact.
 */
export function spreadByDistance(distancesM: readonly number[]): Offset[] {
  const n = distancesM.length;
  return distancesM.map((d, i) => {
    const bearing = (2 * Math.PI * i) / Math.max(n, 1);
    return { east: d * Math.sin(bearing), north: d * Math.cos(bearing) };
  });
}

export interface PlotFrame {
  /** Side of the square drawing, px. */
  size: number;
  /** Pixels per metre. */
  scale: number;
  /** The circle's radius, px. */
  radiusPx: number;
  /** Metres from the centre to the drawing's edge (inside its margin). */
  extentM: number;
}

/** Room around the radius circle, so a point just outside it is still seen as outside. */
export const RADIUS_HEADROOM = 1.25;
/** Room around the farthest point. */
export const POINT_HEADROOM = 1.1;
export const PLOT_MARGIN_PX = 12;

/** The scale that fits the radius circle and every point. */
export function plotFrame(radiusM: number, points: readonly Offset[], size: number): PlotFrame {
  const farthest = points.reduce((m, p) => Math.max(m, Math.hypot(p.east, p.north)), 0);
  const extentM = Math.max(radiusM * RADIUS_HEADROOM, farthest * POINT_HEADROOM, 1);
  const scale = (size / 2 - PLOT_MARGIN_PX) / extentM;
  return { size, scale, radiusPx: radiusM * scale, extentM };
}

/** SVG coordinates of an offset: the task at the centre, north up. */
export function toSvg(frame: PlotFrame, p: Offset): { x: number; y: number } {
  const c = frame.size / 2;
  return { x: c + p.east * frame.scale, y: c - p.north * frame.scale };
}

/** A round length for the scale bar: about a quarter of the drawing (1, 2 or 5 × 10ⁿ metres). */
export function scaleBarMetres(frame: PlotFrame): number {
  const target = frame.extentM / 2;
  const pow = 10 ** Math.floor(Math.log10(target));
  const steps = [1, 2, 5, 10];
  let best = pow;
  for (const s of steps) if (s * pow <= target) best = s * pow;
  return best;
}
