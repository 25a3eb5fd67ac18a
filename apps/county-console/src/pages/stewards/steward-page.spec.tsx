import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApi } from '../../testing/fake-gateway.js';
import StewardPage from './steward-page.js';

const steward = {
  id: 's-1',
  number: '6-DB01-G03-12-0007',
  class: 6,
  grid: 'jingmen/dongbao/longquan/xiangshan/g03',
  building: '12',
  enrolledAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-03-01T02:00:00.000Z',
  // As the gateway gives it: oldest first, the last one in use.
  numberHistory: [
    { number: '5-DB01-G03-0-0002', issuedAt: '2026-01-05T02:00:00.000Z', retiredAt: '2026-03-01T02:00:00.000Z' },
    { number: '6-DB01-G03-12-0007', issuedAt: '2026-03-01T02:00:00.000Z', retiredAt: null },
  ],
  sentinelRole: 'sentinel',
  deliberationRole: null,
  card: {
    name: '李桂兰',
    number: '6-DB01-G03-12-0007',
    classTitle: 'Building head (楼栋长)',
    unitName: '东宝区住建局',
    grid: 'jingmen/dongbao/longquan/xiangshan/g03',
    building: '12',
    duties: ['熟悉楼栋每一户', '收集反映群众诉求'],
  },
  person: { name: '李桂兰', phone: '138****5678', idCardNumber: '420802********1234', masked: true },
  unit: { code: 'DB01', name: '东宝区住建局' },
  reportsTo: { id: 's-9', number: '3-DB01-G03-0-0001', card: { name: '王组长' } },
};

const backAnswer = () => ({
  data: {
    dutyCheckIns: { count: 5, target: 12 },
    pointsLedger: { items: [{ amount: 10 }, { amount: 20 }], pageInfo: { hasNextPage: false } },
    excellentStewards: { items: [] },
  },
});

afterEach(cleanup);

describe('steward page', () => {
  it('shows both faces of the card, the masked personal data as given, and the back’s figures for the steward’s county', async () => {
    const api = await renderWithApi(<StewardPage params={{ id: 's-1' }} />, '/stewards/s-1', {
      StewardDetail: () => ({ data: { steward } }),
      StewardBack: backAnswer,
    });
    const card = await screen.findByTestId('steward-card');
    const front = within(card).getByLabelText('红管家证 正面');
    expect(front.textContent).toContain('李桂兰');
    expect(front.textContent).toContain('6-DB01-G03-12-0007');
    expect(front.textContent).toContain('6号段 · 楼栋长');
    const back = within(card).getByLabelText('红管家证 背面');
    expect(within(back).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['熟悉楼栋每一户', '收集反映群众诉求', '哨兵链：哨兵']);
    expect((await within(card).findByTestId('card-figures')).textContent).toContain('30 分');
    expect(screen.getByText('138****5678')).toBeTruthy();
    expect(screen.getByText('420802********1234')).toBeTruthy();
    expect(screen.getByRole('link', { name: '王组长' }).getAttribute('href')).toBe('/stewards/s-9');
    const vars = api.of('StewardBack')[0]!.variables;
    expect(vars.county).toBe('jingmen/dongbao');
    expect(vars.yearText).toBe(String(vars.year));
  });

  it('lists the numbers the steward held, newest first, in China time, the current one 在用', async () => {
    await renderWithApi(<StewardPage params={{ id: 's-1' }} />, '/stewards/s-1', {
      StewardDetail: () => ({ data: { steward } }),
      StewardBack: backAnswer,
    });
    const table = await screen.findByTestId('number-history');
    expect(within(table).getByText('按启用时间排列，最新在前').tagName).toBe('CAPTION');
    const [head, ...rows] = within(table).getAllByRole('row');
    expect(within(head!).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['编号', '启用时间', '停用时间']);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((td) => td.textContent))).toEqual([
      ['6-DB01-G03-12-0007', '2026-03-01 10:00', '在用'],
      ['5-DB01-G03-0-0002', '2026-01-05 10:00', '2026-03-01 10:00'],
    ]);
  });

  it('gives a grid worker the same full history, asking only for the steward (no audit log)', async () => {
    const api = await renderWithApi(
      <StewardPage params={{ id: 's-1' }} />,
      '/stewards/s-1',
      {
        StewardDetail: () => ({ data: { steward } }),
        StewardBack: backAnswer,
      },
      [{ role: 'grid_worker', region: 'jingmen/dongbao/longquan/xiangshan/g03' }],
    );
    const table = await screen.findByTestId('number-history');
    expect(within(table).getAllByRole('row').slice(1)).toHaveLength(2);
    expect(screen.queryByText(/仅管理员/)).toBeNull();
    await screen.findByTestId('card-figures');
    expect([...new Set(api.calls.map((c) => c.operation))].sort()).toEqual(['Login', 'Me', 'StewardBack', 'StewardDetail']);
  });

  it('shows the gateway’s NOT_FOUND for a steward outside the user’s regions', async () => {
    await renderWithApi(<StewardPage params={{ id: 's-x' }} />, '/stewards/s-x', {
      StewardDetail: () => ({ errors: [{ message: 'steward not found', extensions: { code: 'NOT_FOUND' } }] }),
    });
    expect((await screen.findByRole('alert')).textContent).toBe('没有找到，或不在您的辖区内');
    expect(screen.queryByTestId('steward-card')).toBeNull();
  });
});
