// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { arcPath, axisTicks, bandScale, linearScale, niceStep, niceTicks, tickLabel } from './scale.js';

describe('scales', () => {
  it('maps a domain onto a range, inverted for a y axis', () => {
    const y = linearScale([0, 100], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(25)).toBe(150);
    expect(y(100)).toBe(0);
    expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
  });

  it('picks steps of 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(0.3)).toBe(0.5);
    expect(niceStep(1.2)).toBe(2);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(7)).toBe(10);
    expect(niceStep(230)).toBe(500);
  });

  it('ticks from 0 to a nice value covering the maximum', () => {
    expect(niceTicks(87)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(0.33)).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
  });

  it('counts get whole-number ticks; rates always the whole 0–100 % axis', () => {
    expect(niceTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(axisTicks('count', 2)).toEqual([0, 1, 2]);
    expect(axisTicks('rate', 0.3)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(axisTicks('rate', 0.3).map((t) => tickLabel('rate', t))).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
  });

  it('splits a range into padded bands', () => {
    const band = bandScale(4, [0, 400], 0.2);
    expect(band.step).toBe(100);
    expect(band.bandwidth).toBe(80);
    expect(band.start(0)).toBe(10);
    expect(band.start(3)).toBe(310);
  });

  it('draws donut slices; a whole circle as two halves', () => {
    expect(arcPath(100, 100, 90, 50, 0, Math.PI / 2)).toBe('M 100 10 A 90 90 0 0 1 190 100 L 150 100 A 50 50 0 0 0 100 50 Z');
    expect(arcPath(100, 100, 90, 50, 0, 2 * Math.PI).match(/M /g)).toHaveLength(2);
  });
});
