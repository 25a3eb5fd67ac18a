import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GrantLike } from '../../auth/roles.js';
import { renderPage, signedIn, type Handler } from '../../testing/fake-gateway.js';
import QueuePage from './queue-page.js';
import { QUEUE_PAGE_SIZE } from './queue-filters.js';

const G03 = 'jingmen/dongbao/zijing/xiangshan/g03';

function row(id: string, over: Record<string, unknown> = {}) {
  return {
    id,
    trackingCode: `CODE-${id}`,
    title: `诉求 ${id}`,
    categoryNameZh: '路灯',
    channel: 'qr',
    region: G03,
    createdAt: '2025-03-01T02:00:00.000Z',
    deadline: '2025-03-04T02:00:00.000Z',
    overdue: false,
    state: 'assigned',
    supervised: false,
    ...over,
  };
}

const handlers: Record<string, Handler> = {
  QueueCategories: () => ({ data: { categories: [{ key: 'municipal', nameZh: '市政设施', categories: [{ key: 'municipal.streetlight', nameZh: '路灯' }] }] } }),
  QueuePetitions: (v) => ({
    data: {
      petitions: v.after
        ? { items: [row('p3')], pageInfo: { endCursor: 'c2', hasNextPage: false } }
        : { items: [row('p1', { overdue: true, state: 'in_progress' }), row('p2', { channel: 'hotline' })], pageInfo: { endCursor: 'c1', hasNextPage: true } },
    },
  }),
};

async function show(grants: GrantLike[], path = '/queue') {
  const { session, gateway } = await signedIn(handlers, grants);
  renderPage(session, path, <QueuePage params={{}} />);
  await screen.findAllByTestId('petition-row');
  return gateway;
}

const lastList = (gateway: Awaited<ReturnType<typeof show>>) => gateway.of('QueuePetitions').at(-1)?.variables;

afterEach(cleanup);

describe('queue page', () => {
  it('lists petitions as rows linking to their page, overdue ones badged 超期', async () => {
    await show([{ role: 'county_admin', region: 'jingmen/dongbao' }]);
    const rows = screen.getAllByTestId('petition-row');
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['p1', 'p2']);
    expect(within(rows[0]!).getByRole('link', { name: 'CODE-p1' }).getAttribute('href')).toBe('/petitions/p1');
    expect(rows[0]!.querySelector('span.badge.overdue')?.textContent).toBe('超期');
    expect(rows[1]!.querySelector('span.badge.overdue')).toBeNull();
    expect(within(rows[0]!).getByText('办理中')).toBeTruthy();
    expect(within(rows[1]!).getByText('热线电话')).toBeTruthy();
  });

  it('opens a grid worker on their grid’s queue', async () => {
    const gateway = await show([{ role: 'grid_worker', region: G03 }]);
    expect(lastList(gateway)).toEqual({ first: QUEUE_PAGE_SIZE, region: G03 });
    expect((screen.getByLabelText('区域') as HTMLSelectElement).value).toBe(G03);
  });

  it('reads the filters from the URL and sends them as query variables', async () => {
    const gateway = await show([{ role: 'county_admin', region: 'jingmen/dongbao' }], '/queue?state=open&channel=hotline&overdue=1&category=municipal');
    expect(lastList(gateway)).toEqual({ first: QUEUE_PAGE_SIZE, states: ['submitted', 'screened', 'assigned', 'accepted', 'in_progress'], channels: ['hotline'], overdue: true, category: 'municipal' });
    expect((screen.getByLabelText('只看超期') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('渠道') as HTMLSelectElement).value).toBe('hotline');
  });

  it('puts a changed filter into the URL and asks again', async () => {
    const gateway = await show([{ role: 'county_admin', region: 'jingmen/dongbao' }]);
    fireEvent.change(screen.getByLabelText('状态'), { target: { value: 'resolved' } });
    fireEvent.click(screen.getByLabelText('只看超期'));
    await waitFor(() => expect(lastList(gateway)).toEqual({ first: QUEUE_PAGE_SIZE, states: ['resolved'], overdue: true }));
    expect(window.location.search).toBe('?state=resolved&overdue=1');
    await waitFor(() => expect(screen.getByLabelText('分类').querySelectorAll('option').length).toBe(3));
    fireEvent.change(screen.getByLabelText('分类'), { target: { value: 'municipal.streetlight' } });
    await waitFor(() => expect(lastList(gateway)).toMatchObject({ category: 'municipal.streetlight' }));
  });

  it('pages forward by cursor and back, a filter change starting over', async () => {
    const gateway = await show([{ role: 'county_admin', region: 'jingmen/dongbao' }]);
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(screen.getAllByTestId('petition-row').map((r) => r.getAttribute('data-id'))).toEqual(['p3']));
    expect(lastList(gateway)).toEqual({ first: QUEUE_PAGE_SIZE, after: 'c1' });
    expect((screen.getByRole('button', { name: '下一页' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '上一页' }));
    await waitFor(() => expect(screen.getAllByTestId('petition-row')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: '下一页' }));
    await waitFor(() => expect(window.location.search).toBe('?after=c1'));
    fireEvent.change(screen.getByLabelText('渠道'), { target: { value: 'qr' } });
    await waitFor(() => expect(lastList(gateway)).toEqual({ first: QUEUE_PAGE_SIZE, channels: ['qr'] }));
  });
});
