// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { buildCsv } from './csv.js';
import { monthBuckets } from './period.js';
import { counts, departments, hasValues, maxOf, mediationOutcomes, monthlyRates, regionRates, summary, type MediationStats, type PetitionStats, type RateStats } from './shape.js';
import { segments, shortLabel } from './charts.js';

const rates = (r: Partial<RateStats>): RateStats => ({ region: 'r', from: 'f', to: 't', intake: 0, closed: 0, responseRate: null, resolutionRate: null, satisfactionRate: null, ...r });

describe('chart data shaping', () => {
  it('turns intake per channel into bars and a table with shares and a total', () => {
    const shaped = counts(
      [
        { key: 'hotline', labelZh: '12345热线', count: 6 },
        { key: 'qr', labelZh: '扫码反映', count: 2 },
        { key: 'mailbox', labelZh: '红色信箱', count: 0 },
      ],
      '受理渠道',
    );
    expect(shaped.data).toEqual([
      { key: 'hotline', label: '12345热线', value: 6 },
      { key: 'qr', label: '扫码反映', value: 2 },
      { key: 'mailbox', label: '红色信箱', value: 0 },
    ]);
    expect(shaped.table.rows).toEqual([
      ['12345热线', 6, '75.00'],
      ['扫码反映', 2, '25.00'],
      ['红色信箱', 0, '0.00'],
      ['合计', 8, '100.00'],
    ]);
    // Nothing submitted: no shares rather than NaN.
    expect(counts([{ key: 'qr', labelZh: '扫码反映', count: 0 }], '受理渠道').table.rows).toEqual([
      ['扫码反映', 0, ''],
      ['合计', 0, ''],
    ]);
  });

  it('lines up the per-month rates with their months, keeping a month without a rate as a gap', () => {
    const buckets = monthBuckets({ from: '2026-01-01', to: '2026-02-10' });
    const shaped = monthlyRates(buckets, [rates({ responseRate: 0.9, resolutionRate: 0.8, satisfactionRate: 0.95 }), rates({ responseRate: 0.5 })]);
    expect(shaped.data.categories).toEqual(['2026-01', '2026-02']);
    expect(shaped.data.series).toEqual([
      { name: '响应率', values: [0.9, 0.5] },
      { name: '解决率', values: [0.8, null] },
      { name: '满意率', values: [0.95, null] },
    ]);
    expect(shaped.table.rows[1]).toEqual(['2026-02', '2026-02-01T00:00:00+08:00', '2026-02-11T00:00:00+08:00', '50.00', '', '']);
    expect(segments(shaped.data.series[1].values)).toEqual([[0]]);
    expect(segments([1, null, 2, 3, null])).toEqual([[0], [2, 3]]);
  });

  it('puts each child region\u2019s rates side by side', () => {
    const shaped = regionRates(
      [
        { path: 'c/d/a', name: '龙泉街道' },
        { path: 'c/d/b', name: '泉口街道' },
      ],
      [rates({ intake: 10, responseRate: 1, resolutionRate: 0.5 }), rates({ intake: 0 })],
    );
    expect(shaped.data.categories).toEqual(['龙泉街道', '泉口街道']);
    expect(shaped.data.series[0]).toEqual({ name: '响应率', values: [1, null] });
    expect(shaped.table.rows).toEqual([
      ['龙泉街道', 'c/d/a', 10, '100.00', '50.00', ''],
      ['泉口街道', 'c/d/b', 0, '', '', ''],
    ]);
    expect(maxOf(shaped.data)).toBe(1);
    expect(hasValues(shaped.data.series[2].values)).toBe(false);
    expect(hasValues([0])).toBe(true);
  });

  it('keeps the gateway\u2019s department order and numbers them', () => {
    const shaped = departments([
      { departmentId: 'd1', departmentName: '住建局', assigned: 5, closed: 4, onTimeRate: 1, satisfactionRate: 0.75, averageHandlingDays: 2.5 },
      { departmentId: 'd2', departmentName: '城管局', assigned: 3, closed: 0, onTimeRate: null, satisfactionRate: null, averageHandlingDays: null },
    ]);
    expect(shaped.data.map((d) => [d.label, d.value])).toEqual([
      ['住建局', 1],
      ['城管局', null],
    ]);
    expect(shaped.table.rows).toEqual([
      [1, '住建局', '100.00', '75.00', 4, 5, '2.50'],
      [2, '城管局', '', '', 0, 3, ''],
    ]);
  });

  it('stacks mediation outcomes per month in month order, with the totals row', () => {
    const m: MediationStats = {
      from: '2026-01-01',
      to: '2026-03-01',
      groupBy: 'month',
      totals: { taken: 9, resolved: 5, failed: 1, open: 3, successRate: 0.8333 },
      rows: [
        { key: '2026-02', label: '2026-02', taken: 4, resolved: 2, failed: 0, open: 2, successRate: 1 },
        { key: '2026-01', label: '2026-01', taken: 5, resolved: 3, failed: 1, open: 1, successRate: 0.75 },
      ],
    };
    const shaped = mediationOutcomes(m);
    expect(shaped.data.categories).toEqual(['2026-01', '2026-02']);
    expect(shaped.data.series.map((s) => s.values)).toEqual([
      [3, 2],
      [1, 0],
      [1, 2],
    ]);
    expect(maxOf(shaped.data, true)).toBe(5);
    expect(buildCsv(shaped.table)).toBe('\uFEFF月份,受理,调解成功,未成功,在办,调解成功率(%)\r\n2026-01,5,3,1,1,75.00\r\n2026-02,4,2,0,2,100.00\r\n合计,9,5,1,3,83.33\r\n');
  });

  it('lists the headline figures, "no rate" as an empty cell', () => {
    const s = { onTimeClosureRate: 0.875, averageHandlingDays: 3.2, intake: 40, closed: 8, overdueOpen: 2, responseRate: null, resolutionRate: 0.9837, satisfactionRate: 1 } as PetitionStats;
    expect(summary(s).rows).toEqual([
      ['按期办结率', '87.50', '%'],
      ['平均办理时长', '3.20', '天'],
      ['受理量', 40, '件'],
      ['办结量', 8, '件'],
      ['超期未办结', 2, '件'],
      ['响应率', '', '%'],
      ['解决率', '98.37', '%'],
      ['满意率', '100.00', '%'],
    ]);
  });

  it('shortens long labels with an ellipsis', () => {
    expect(shortLabel('东宝区住房和城乡建设局', 10)).toBe('东宝区住房和城乡建…');
    expect(shortLabel('城管局', 10)).toBe('城管局');
  });
});
