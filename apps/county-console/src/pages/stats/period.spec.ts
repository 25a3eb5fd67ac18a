// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { defaultPeriod, isDay, mediationDays, monthBuckets, periodError, periodInstants, readView, todayCst, viewHref } from './period.js';

describe('period', () => {
  it('takes today in China Standard Time, not UTC', () => {
    // 2026-03-31 17:00 UTC is already 1 April in Beijing.
    expect(todayCst(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04-01');
    expect(todayCst(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
  });

  it('defaults to the last six months: this month and the five before it, up to today', () => {
    expect(defaultPeriod(new Date('2026-06-15T04:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-06-15' });
    expect(defaultPeriod(new Date('2026-02-10T04:00:00Z'))).toEqual({ from: '2025-09-01', to: '2026-02-10' });
  });

  it('asks petitionStats for [from 00:00, the day after to 00:00) at +08:00, the end day included', () => {
    expect(periodInstants({ from: '2026-01-01', to: '2026-06-30' })).toEqual({ from: '2026-01-01T00:00:00+08:00', to: '2026-07-01T00:00:00+08:00' });
    expect(periodInstants({ from: '2025-12-31', to: '2025-12-31' })).toEqual({ from: '2025-12-31T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' });
    expect(mediationDays({ from: '2026-02-01', to: '2026-02-28' })).toEqual({ from: '2026-02-01', to: '2026-03-01' });
  });

  it('accepts only calendar days that exist', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-6-1')).toBe(false);
    expect(isDay('')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it('refuses a reversed period and one longer than the gateway allows (366 days)', () => {
    expect(periodError({ from: '2026-01-01', to: '2026-06-30' })).toBeNull();
    expect(periodError({ from: '2026-02-01', to: '2026-01-31' })).toBe('结束日期不能早于开始日期');
    expect(periodError({ from: '2024-01-01', to: '2024-12-31' })).toBeNull(); // 366 days (leap year)
    expect(periodError({ from: '2025-01-01', to: '2026-01-01' })).toBeNull(); // 366 days
    expect(periodError({ from: '2025-01-01', to: '2026-01-02' })).toBe('统计区间最长 366 天');
    expect(periodError({ from: 'x', to: '2026-01-01' })).toBe('请输入有效的开始和结束日期');
  });

  it('splits the period into calendar months, the first and last clipped to it', () => {
    expect(monthBuckets({ from: '2026-01-15', to: '2026-03-10' })).toEqual([
      { label: '2026-01', from: '2026-01-15T00:00:00+08:00', to: '2026-02-01T00:00:00+08:00' },
      { label: '2026-02', from: '2026-02-01T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' },
      { label: '2026-03', from: '2026-03-01T00:00:00+08:00', to: '2026-03-11T00:00:00+08:00' },
    ]);
    expect(monthBuckets({ from: '2025-12-01', to: '2025-12-31' })).toEqual([{ label: '2025-12', from: '2025-12-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' }]);
    expect(monthBuckets({ from: '2025-01-01', to: '2025-12-31' })).toHaveLength(12);
  });

  it('reads region and period from the URL, falling back to the first work region and the default period', () => {
    const now = new Date('2026-06-15T04:00:00Z');
    const regions = ['jingmen/dongbao', 'jingmen/duodao/x'];
    expect(readView(new URLSearchParams('region=jingmen/dongbao/longquan&from=2026-02-01&to=2026-02-28'), regions, now)).toEqual({
      region: 'jingmen/dongbao/longquan',
      from: '2026-02-01',
      to: '2026-02-28',
    });
    // Another county (or a prefix look-alike) is not within the user's regions.
    expect(readView(new URLSearchParams('region=jingmen/duodao&from=bad'), regions, now)).toEqual({ region: 'jingmen/dongbao', from: '2026-01-01', to: '2026-06-15' });
    expect(readView(new URLSearchParams('region=jingmen/dongbaoxx'), regions, now)?.region).toBe('jingmen/dongbao');
    expect(readView(new URLSearchParams(''), [], now)).toBeNull();
  });

  it('writes the view back into a /stats link', () => {
    const href = viewHref({ region: 'jingmen/dongbao', from: '2026-01-01', to: '2026-06-30' });
    expect(href).toBe('/stats?region=jingmen%2Fdongbao&from=2026-01-01&to=2026-06-30');
    expect(readView(new URL(href, 'http://x').searchParams, ['jingmen/dongbao'], new Date())).toEqual({ region: 'jingmen/dongbao', from: '2026-01-01', to: '2026-06-30' });
  });
});
