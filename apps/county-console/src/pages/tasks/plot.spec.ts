import { describe, expect, it } from 'vitest';
import { metresFrom, PLOT_MARGIN_PX, plotFrame, scaleBarMetres, spreadByDistance, toSvg } from './plot.js';

const TASK = { lat: 31.03, lng: 112.2 };

describe('metresFrom', () => {
  it('measures north along the meridian and east shrunk by the cosine of the latitude', () => {
    const north = metresFrom(TASK, { lat: TASK.lat + 0.001, lng: TASK.lng });
    expect(north.east).toBeCloseTo(0, 6);
    expect(north.north).toBeCloseTo(111.195, 2);
    const east = metresFrom(TASK, { lat: TASK.lat, lng: TASK.lng + 0.001 });
    expect(east.north).toBeCloseTo(0, 6);
    expect(east.east).toBeCloseTo(111.195 * Math.cos((31.03 * Math.PI) / 180), 2); // ≈ 95.3 m
  });

  it('gives west and south as negative', () => {
    const p = metresFrom(TASK, { lat: TASK.lat - 0.0002, lng: TASK.lng - 0.0002 });
    expect(p.east).toBeLessThan(0);
    expect(p.north).toBeLessThan(0);
    expect(Math.hypot(p.east, p.north)).toBeCloseTo(29.2, 0);
  });
});

describe('the plot', () => {
  it('keeps each check-in at its distance from the task', () => {
    const pts = spreadByDistance([10, 40, 75]);
    expect(pts.map((p) => Math.hypot(p.east, p.north))).toEqual([expect.closeTo(10, 9), expect.closeTo(40, 9), expect.closeTo(75, 9)]);
    expect(pts[0]).toEqual({ east: 0, north: 10 }); // the first points north
  });

  it('fits the radius circle with headroom, and a far point inside the drawing', () => {
    const near = plotFrame(50, [], 240);
    expect(near.radiusPx).toBeCloseTo((120 - PLOT_MARGIN_PX) / 1.25, 6);
    const far = plotFrame(50, [{ east: 300, north: 0 }], 240);
    const p = toSvg(far, { east: 300, north: 0 });
    expect(p.x).toBeLessThanOrEqual(240 - PLOT_MARGIN_PX);
    expect(p.x).toBeGreaterThan(120);
    expect(far.radiusPx).toBeLessThan(near.radiusPx);
  });

  it('draws north up and east right, the task at the centre', () => {
    const f = plotFrame(50, [], 200);
    expect(toSvg(f, { east: 0, north: 0 })).toEqual({ x: 100, y: 100 });
    const ne = toSvg(f, { east: 20, north: 20 });
    expect(ne.x).toBeGreaterThan(100);
    expect(ne.y).toBeLessThan(100);
    // A point on the radius lies on the circle.
    expect(toSvg(f, { east: 50, north: 0 }).x - 100).toBeCloseTo(f.radiusPx, 6);
  });

  it('labels the scale bar with a round length', () => {
    expect(scaleBarMetres(plotFrame(50, [], 240))).toBe(20);
    expect(scaleBarMetres(plotFrame(200, [], 240))).toBe(100);
  });
});
