import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatFen } from './format.js';

describe('shell formats', () => {
  it('shows amounts in fen as yuan with two decimals', () => {
    expect(formatFen(1234560)).toBe('¥12,345.60');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(-250)).toBe('-¥2.50');
    expect(formatFen(null)).toBe('—');
    // Up to 10^13 fen (a Float in the schema) stays exact.
    expect(formatFen(1e13)).toBe('¥100,000,000,000.00');
  });

  it('shows times in China Standard Time whatever the PC’s zone', () => {
    expect(formatDateTime('2026-05-03T16:30:00.000Z')).toBe('2026-05-04 00:30');
    expect(formatDay('2026-05-03T16:30:00.000Z')).toBe('2026-05-04');
    expect(formatDay(null)).toBe('—');
    expect(formatDateTime('not a time')).toBe('not a time');
  });
});
