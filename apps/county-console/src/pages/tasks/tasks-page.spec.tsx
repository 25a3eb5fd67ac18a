/**
 * The tasks page with a fake gateway: the publish form stops a bad draft before sending, sends a good
 * one, and puts the gateway's VALIDATION refusal next to the field it names.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { GrantLike } from '../../auth/roles.js';
import { gqlError, renderPage, signedIn, type Answer } from '../../testing/fake-gateway.js';
import TasksPage from './tasks-page.js';

const GRID = 'jingmen/dongbao/longquan/xiangshan/g03';

const GRID_WORKER: GrantLike[] = [{ role: 'grid_worker', region: GRID }];

async function openPublishForm(publish: (input: Record<string, unknown>) => Answer) {
  const { session, gateway } = await signedIn(
    {
      TasksList: { data: { tasksNear: [] } },
      TasksRegionByPath: (v) => ({ data: { regionByPath: { id: 'r1', path: v.region, name: '三网格' } } }),
      TasksChildRegions: { data: { regionChildren: { items: [] } } },
      TasksPublish: (v) => publish(v.input as Record<string, unknown>),
    },
    GRID_WORKER,
    { accountId: 'acc', personId: 'person-gw', username: 'wangwu' },
  );
  renderPage(session, '/tasks', <TasksPage params={{}} />);
  fireEvent.click(screen.getByRole('button', { name: '发布任务' }));
  return gateway;
}

function fill(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function fillValidDraft() {
  fill('标题', '清理楼道杂物');
  fill(/^积分/, '10');
  fill(/^人数/, '2');
  fill('截止时间（北京时间）', '2099-05-02T18:00');
  fill('纬度', '31.03');
  fill('经度', '112.2');
}

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

describe('publishing a task', () => {
  it('shows what is missing next to each field and sends nothing', async () => {
    const gw = await openPublishForm(() => ({ data: null }));
    fill(/^积分/, '30');
    fireEvent.click(screen.getByRole('button', { name: '发布' }));
    expect(screen.getByText('请填写任务标题')).toBeTruthy();
    expect(screen.getByText('该类任务积分须在 5–20 之间')).toBeTruthy();
    expect(screen.getByText('请填写截止时间')).toBeTruthy();
    expect(screen.getByLabelText('标题').getAttribute('aria-invalid')).toBe('true');
    expect(gw.calls.some((c) => c.operation === 'TasksPublish')).toBe(false);
  });

  it('sends a good draft for the user’s grid and links the new task', async () => {
    const gw = await openPublishForm((input) => ({ data: { publishTask: { id: 't9', title: input.title, status: 'published' } } }));
    fillValidDraft();
    fireEvent.click(screen.getByRole('button', { name: '发布' }));
    const link = await screen.findByRole('link', { name: '清理楼道杂物' });
    expect(link.getAttribute('href')).toBe('/tasks/t9');
    expect(gw.calls.find((c) => c.operation === 'TasksPublish')?.variables.input).toMatchObject({
      title: '清理楼道杂物',
      kind: 'dispatched',
      points: 10,
      capacity: 2,
      region: GRID,
      deadline: '2099-05-02T18:00:00+08:00',
      location: { lat: 31.03, lng: 112.2 },
    });
  });

  it('puts the gateway’s VALIDATION refusal next to the field it names', async () => {
    await openPublishForm(() => gqlError('VALIDATION', 'deadline: must lie in the future', { reason: 'DEADLINE_PASSED', fields: [{ path: 'deadline', message: 'must lie in the future' }] }));
    fillValidDraft();
    fireEvent.click(screen.getByRole('button', { name: '发布' }));
    await waitFor(() => expect(screen.getByLabelText('截止时间（北京时间）').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('截止时间须晚于现在')).toBeTruthy();
  });
});
