/**
 * The dashboard against a fake gateway (canned GraphQL answers through the client's fetch): the on-time
 * figure is the query's onTimeClosureRate, the requests ask for the period the controls show, and 导出CSV
 * downloads exactly the figures behind its chart.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../auth/session.js';
import { renderPage, signedIn, type Call, type FakeGateway } from '../../testing/fake-gateway.js';
import Page from './stats-page.js';

const COUNTY = 'jingmen/dongbao';
const STREETS = [
  { id: 's1', name: '龙泉街道', path: `${COUNTY}/longquan`, level: 'street', archived: false },
  { id: 's2', name: '泉口街道', path: `${COUNTY}/quankou`, level: 'street', archived: false },
  { id: 's3', name: '旧街道', path: `${COUNTY}/old`, level: 'street', archived: true },
];

function petitionStats(region: string, from: string, to: string) {
  const county = region === COUNTY;
  return {
    region,
    from,
    to,
    intake: county ? 8 : 0,
    closed: county ? 8 : 0,
    // 7 of 8 closed by the deadline; a street with nothing closed has no rate at all.
    onTimeClosureRate: county ? 0.875 : null,
    averageHandlingDays: county ? 2.63 : null,
    responseRate: county ? 0.9 : null,
    resolutionRate: county ? 0.9837 : null,
    satisfactionRate: county ? 0.8 : null,
    averageRating: county ? 4.1 : null,
    overdueOpen: 1,
    escalated: 0,
    whistles: 0,
    whistlesLate: 0,
    byChannel: county
      ? [
          { key: 'hotline', labelZh: '12345热线', count: 6 },
          { key: 'qr', labelZh: '扫码反映, 二维码', count: 2 },
        ]
      : [],
    byCategory: county ? [{ key: 'env', labelZh: '环境卫生', count: 8 }] : [],
    departments: county ? [{ departmentId: 'd1', departmentName: '住建局', assigned: 3, closed: 8, onTimeRate: 0.875, satisfactionRate: 0.8, averageHandlingDays: 2.63 }] : [],
  };
}

function answer(call: Call): unknown {
  const v = call.variables as Record<string, string>;
  switch (call.operation) {
    case 'StatsRegion': {
      const node = v.region === COUNTY ? { id: 'c1', name: '东宝区', path: COUNTY, level: 'county' } : STREETS.find((s) => s.path === v.region);
      return { regionByPath: { id: node!.id, name: node!.name, path: node!.path, level: node!.level } };
    }
    case 'StatsRegionChildren':
      return { regionChildren: { items: v.id === 'c1' ? STREETS : [] } };
    case 'StatsPetition':
    case 'StatsRates':
      return { petitionStats: petitionStats(v.region, v.from, v.to) };
    case 'StatsMediation':
      return {
        mediationStats: {
          from: v.from,
          to: v.to,
          groupBy: 'month',
          totals: { taken: 3, resolved: 2, failed: 0, open: 1, successRate: 1 },
          rows: [{ key: '2026-01', label: '2026-01', taken: 3, resolved: 2, failed: 0, open: 1, successRate: 1 }],
        },
      };
    default:
      throw new Error(`unexpected operation ${call.operation}`);
  }
}

/** The operations the dashboard asks, each answered by `answer`. */
const STATS_OPERATIONS = ['StatsRegion', 'StatsRegionChildren', 'StatsPetition', 'StatsRates', 'StatsMediation'];
let gateway: FakeGateway;
/** What the page asked since the test last forgot. */
let calls: Call[];

async function open(search: string) {
  const signed = await signedIn(Object.fromEntries(STATS_OPERATIONS.map((op) => [op, (variables: Record<string, unknown>) => ({ data: answer({ operation: op, variables }) })])), [{ role: 'county_admin', region: COUNTY }], { username: 'dongbao-admin' });
  gateway = signed.gateway;
  calls = gateway.calls;
  renderPage(signed.session, `/stats${search}`, <Page params={{}} />);
  return signed.session;
}

/** Forget the requests so far: the next assertions see only what the page asks from now on. */
const forget = () => gateway.calls.splice(0);

function figure(title: string): HTMLElement {
  return screen.getByText(title, { selector: '.chart-title' }).closest('figure')!;
}

describe('statistics page', () => {
  let session: Session | undefined;
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(async () => {
    cleanup();
    await session?.signOut();
    vi.restoreAllMocks();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  it('shows the on-time closure rate petitionStats answers for the region and period in the URL', async () => {
    session = await open(`?region=${encodeURIComponent(COUNTY)}&from=2026-01-01&to=2026-02-15`);
    const rate = await screen.findByTestId('on-time-rate');
    expect(rate.textContent).toBe('87.5%');
    expect(screen.getByTestId('average-handling-days').textContent).toBe('2.6 天');
    const asked = calls.filter((c) => c.operation === 'StatsPetition');
    expect(asked).toEqual([{ operation: 'StatsPetition', variables: { region: COUNTY, from: '2026-01-01T00:00:00+08:00', to: '2026-02-16T00:00:00+08:00' } }]);

    // One petitionStats per month (clipped to the period) and one per child street, archived ones left out.
    await waitFor(() => expect(within(figure('各街道响应率、解决率、满意率')).queryByText('加载中…')).toBeNull());
    const rateCalls = calls.filter((c) => c.operation === 'StatsRates').map((c) => c.variables);
    expect(rateCalls).toEqual(
      expect.arrayContaining([
        { region: COUNTY, from: '2026-01-01T00:00:00+08:00', to: '2026-02-01T00:00:00+08:00' },
        { region: COUNTY, from: '2026-02-01T00:00:00+08:00', to: '2026-02-16T00:00:00+08:00' },
        { region: `${COUNTY}/longquan`, from: '2026-01-01T00:00:00+08:00', to: '2026-02-16T00:00:00+08:00' },
        { region: `${COUNTY}/quankou`, from: '2026-01-01T00:00:00+08:00', to: '2026-02-16T00:00:00+08:00' },
      ]),
    );
    expect(rateCalls).toHaveLength(4);
    expect(calls.find((c) => c.operation === 'StatsMediation')?.variables).toEqual({ region: COUNTY, from: '2026-01-01', to: '2026-02-16' });

    // Every chart: a figure with a caption, its formula on hover, a CSV button.
    const figures = document.querySelectorAll('figure');
    expect(figures.length).toBe(7);
    for (const f of figures) {
      expect(f.querySelector('figcaption')).not.toBeNull();
      expect(f.getAttribute('title')).toMatch(/=/);
      expect(within(f).getByRole('button', { name: '导出CSV' })).toBeTruthy();
    }
    // The formula is also behind a focusable ⓘ, described by its tooltip.
    const info = within(figure('核心指标')).getByRole('button', { name: '核心指标：计算公式' });
    expect(document.getElementById(info.getAttribute('aria-describedby')!)?.textContent).toContain('按期办结率 = ');
  });

  it('downloads the figures behind a chart as UTF-8 CSV with a BOM and quoted fields', async () => {
    session = await open(`?region=${encodeURIComponent(COUNTY)}&from=2026-01-01&to=2026-02-15`);
    await screen.findByTestId('on-time-rate');
    const created: Blob[] = [];
    // jsdom has no object URLs: record the file the page hands to the browser instead.
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:stats';
    });
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });

    const channels = figure('受理渠道分布');
    fireEvent.click(within(channels).getByRole('button', { name: '导出CSV' }));

    expect(names).toEqual(['受理渠道分布_jingmen-dongbao_2026-01-01_2026-02-15.csv']);
    const bytes = new Uint8Array(await created[0].arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(created[0].type).toBe('text/csv;charset=utf-8');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe('\uFEFF受理渠道,受理量,占比(%)\r\n12345热线,6,75.00\r\n"扫码反映, 二维码",2,25.00\r\n合计,8,100.00\r\n');
    // The same numbers are the chart's text for screen readers.
    const table = within(channels).getByRole('table', { hidden: true });
    expect(within(table).getAllByRole('row', { hidden: true }).map((r) => r.textContent)).toEqual(['受理渠道受理量占比(%)', '12345热线675.00', '扫码反映, 二维码225.00', '合计8100.00']);
  });

  it('offers the user\u2019s county and its streets, keeps the choice in the URL, and shows — when nothing closed', async () => {
    session = await open('');
    await screen.findByTestId('on-time-rate');
    // Defaults are written into the URL so the view can be bookmarked.
    const query = new URLSearchParams(window.location.search);
    expect(query.get('region')).toBe(COUNTY);
    expect(query.get('from')).toMatch(/^\d{4}-\d{2}-01$/);

    const select = screen.getByLabelText('区域') as HTMLSelectElement;
    await waitFor(() => expect(select.querySelectorAll('option')).toHaveLength(3));
    expect([...select.querySelectorAll('option')].map((o) => o.value)).toEqual([COUNTY, `${COUNTY}/longquan`, `${COUNTY}/quankou`]);

    forget();
    await act(async () => {
      fireEvent.change(select, { target: { value: `${COUNTY}/longquan` } });
    });
    await waitFor(() => expect(screen.getByTestId('on-time-rate').textContent).toBe('—'));
    expect(new URLSearchParams(window.location.search).get('region')).toBe(`${COUNTY}/longquan`);
    expect(calls.find((c) => c.operation === 'StatsPetition')?.variables.region).toBe(`${COUNTY}/longquan`);
    expect(screen.queryByText(/NaN/)).toBeNull();
  });

  it('refuses a period that ends before it starts, without asking the gateway', async () => {
    session = await open(`?region=${encodeURIComponent(COUNTY)}&from=2026-03-01&to=2026-03-31`);
    await screen.findByTestId('on-time-rate');
    forget();
    await act(async () => {
      fireEvent.change(screen.getByLabelText('结束'), { target: { value: '2026-02-01' } });
    });
    expect(screen.getByRole('alert').textContent).toBe('结束日期不能早于开始日期');
    expect(screen.queryByTestId('on-time-rate')).toBeNull();
    expect(calls.filter((c) => c.operation.startsWith('Stats') && c.operation !== 'StatsRegion' && c.operation !== 'StatsRegionChildren')).toEqual([]);
  });
});
