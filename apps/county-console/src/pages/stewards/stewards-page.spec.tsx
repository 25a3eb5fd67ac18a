import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApi } from '../../testing/fake-gateway.js';
import StewardsPage from './stewards-page.js';

const row = (n: number) => ({
  id: `s-${n}`,
  number: `6-DB01-G03-12-${String(n).padStart(4, '0')}`,
  class: 6,
  grid: 'jingmen/dongbao/longquan/xiangshan/g03',
  building: '12',
  enrolledAt: '2026-01-05T02:00:00.000Z',
  card: { name: n === 2 ? null : `管家${n}`, unitName: '东宝区住建局', classTitle: 'Building head (楼栋长)' },
});

const units = () => ({ data: { units: { items: [{ id: 'u-1', code: 'DB01', name: '东宝区住建局' }] } } });

afterEach(cleanup);

describe('stewards page', () => {
  it('lists the stewards of the filter in the address bar, each row linking to its card', async () => {
    const api = await renderWithApi(<StewardsPage params={{}} />, '/stewards?class=6&unit=u-1', {
      StewardsDirectory: () => ({ data: { stewards: { items: [row(1), row(2)], pageInfo: { endCursor: null, hasNextPage: false } } } }),
      StewardsUnits: units,
    });
    const rows = await screen.findAllByTestId('steward-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('/stewards/s-1');
    expect(rows[0]!.textContent).toContain('6号段 · 楼栋长');
    expect(rows[1]!.textContent).toContain('（辖区外人员）');
    expect(api.of('StewardsDirectory')[0]!.variables).toEqual({ filter: { class: 6, unitId: 'u-1' }, first: 20 });
    expect((screen.getByLabelText('号段') as HTMLSelectElement).value).toBe('6');
  });

  it('pages forward with the cursor the server gave and back without one', async () => {
    const api = await renderWithApi(<StewardsPage params={{}} />, '/stewards', {
      StewardsDirectory: (v) =>
        v.after === 'c1'
          ? { data: { stewards: { items: [row(21)], pageInfo: { endCursor: null, hasNextPage: false } } } }
          : { data: { stewards: { items: [row(1)], pageInfo: { endCursor: 'c1', hasNextPage: true } } } },
      StewardsUnits: units,
    });
    await screen.findByText('6-DB01-G03-12-0001');
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await screen.findByText('6-DB01-G03-12-0021');
    expect(api.of('StewardsDirectory').map((c) => c.variables.after ?? null)).toEqual([null, 'c1']);
    expect(screen.getByRole('button', { name: '下一页' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    await screen.findByText('6-DB01-G03-12-0001');
  });

  it('applies the form on 查询 and refuses a region outside the user’s regions without asking', async () => {
    const api = await renderWithApi(<StewardsPage params={{}} />, '/stewards', {
      StewardsDirectory: () => ({ data: { stewards: { items: [row(1)], pageInfo: { endCursor: null, hasNextPage: false } } } }),
      StewardsUnits: units,
    });
    await screen.findAllByTestId('steward-row');
    fireEvent.change(screen.getByLabelText('区域'), { target: { value: 'jingmen/duodao' } });
    expect(screen.getByRole('alert').textContent).toBe('该区域不在您的辖区内');
    expect(screen.getByRole('button', { name: '查询' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('区域'), { target: { value: 'jingmen/dongbao/longquan' } });
    fireEvent.change(screen.getByLabelText('号段'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    await waitFor(() => expect(api.of('StewardsDirectory').at(-1)!.variables).toEqual({ filter: { region: 'jingmen/dongbao/longquan', class: 3 }, first: 20 }));
    expect(window.location.search).toBe('?region=jingmen%2Fdongbao%2Flongquan&class=3');
  });
});
