// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { daysCell, formatCount, formatDays, formatRate, formatValue, percentCell, roundTo, shareOf } from './format.js';

describe('format', () => {
  it('writes a share as a percentage with one decimal', () => {
    expect(formatRate(0.875)).toBe('87.5%');
    expect(formatRate(0.9986)).toBe('99.9%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(0)).toBe('0.0%');
    // Half rounds up despite binary noise (0.8755 × 1000 = 875.4999…).
    expect(formatRate(0.8755)).toBe('87.6%');
    expect(formatRate(0.1015)).toBe('10.2%');
  });

  it('shows "—", never NaN% or 0.0%, when there is no rate (denominator 0)', () => {
    expect(formatRate(null)).toBe('—');
    expect(formatRate(undefined)).toBe('—');
    expect(formatRate(Number.NaN)).toBe('—');
    expect(formatRate(shareOf(3, 0))).toBe('—');
    expect(shareOf(0, 0)).toBeNull();
    expect(shareOf(1, 4)).toBe(0.25);
  });

  it('keeps the gateway\u2019s four decimals of a share as two decimals of percent for tables and CSV', () => {
    expect(percentCell(0.9837)).toBe('98.37');
    expect(percentCell(0.875)).toBe('87.50');
    expect(percentCell(null)).toBe('');
  });

  it('writes days and counts', () => {
    expect(formatDays(3.2)).toBe('3.2 天');
    expect(formatDays(2.63)).toBe('2.6 天');
    expect(formatDays(null)).toBe('—');
    expect(daysCell(5.65)).toBe('5.65');
    expect(daysCell(null)).toBe('');
    expect(formatCount(237900)).toBe('237,900');
    expect(formatValue('rate', 0.5)).toBe('50.0%');
    expect(formatValue('count', 7)).toBe('7');
    expect(roundTo(-1.25, 1)).toBe(-1.3);
  });
});
