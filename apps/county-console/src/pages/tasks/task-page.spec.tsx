/**
 * The task page with a fake gateway (a unit test of the browser code): a grid worker verifies a
 * submitted claim — approve, reject with a reason, a refusal shown — and a live push updates the page.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GrantLike } from '../../auth/roles.js';
import { fakeLive, renderPage, signedIn, type Handlers } from '../../testing/fake-gateway.js';
import type { TaskClaimFieldsFragment, TaskDetailFieldsFragment } from './task.generated.js';
import TaskPage from './task-page.js';

const REGION = 'jingmen/dongbao/longquan/xiangshan/g03';

const TASK: TaskDetailFieldsFragment = {
  id: 't1',
  title: '清理楼道杂物',
  description: '三栋一单元',
  kind: 'dispatched',
  emergencyType: null,
  status: 'published',
  region: REGION,
  location: { lat: 31.03, lng: 112.2 },
  checkinRadiusM: 50,
  placeId: null,
  points: 10,
  capacity: 2,
  claimed: 2,
  deadline: '2026-05-02T10:00:00.000Z',
  createdAt: '2026-04-30T02:00:00.000Z',
  publishedBy: 'person-publisher',
  requiredClasses: [],
  sourcePetitionId: null,
};

const claim = (over: Partial<TaskClaimFieldsFragment>): TaskClaimFieldsFragment => ({
  id: 'c1',
  taskId: 't1',
  stewardId: 's1',
  status: 'submitted',
  claimedAt: '2026-04-30T03:00:00.000Z',
  checkedInAt: '2026-04-30T04:00:00.000Z',
  checkinDistanceM: 12.4,
  submittedAt: '2026-04-30T05:00:00.000Z',
  decidedAt: null,
  note: '已清理完毕',
  photos: ['p/1.jpg'],
  pointsAwarded: null,
  rating: null,
  rejectionReason: null,
  ...over,
});

async function renderAs(grants: GrantLike[], answers: Handlers) {
  const { session, gateway } = await signedIn(answers, grants, { accountId: 'acc-gw', personId: 'person-gw', username: 'wangwu' });
  const live = fakeLive(session.client);
  renderPage(session, '/tasks/t1', <TaskPage params={{ id: 't1' }} />);
  await screen.findByRole('heading', { level: 2, name: '清理楼道杂物' });
  return { gateway, live, push: (t: TaskDetailFieldsFragment) => act(() => live.push({ taskUpdated: t })) };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('verifying a claim on the task page', () => {
  it('approves a submitted claim: sends approve for that claim and shows it verified with its points', async () => {
    const { gateway } = await renderAs([{ role: 'grid_worker', region: REGION }], {
      TaskDetail: { data: { task: TASK, taskClaims: [claim({})] } },
      TaskVerify: { data: { verifyTask: claim({ status: 'verified', pointsAwarded: 10, decidedAt: '2026-04-30T06:00:00.000Z' }) } },
    });
    const row = screen.getByTestId('claim-row');
    expect(within(row).getByTestId('claim-status').textContent).toBe('待核验');
    expect(within(row).getByText('半径内')).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '核验通过' }));
    await waitFor(() => expect(within(row).getByTestId('claim-status').textContent).toBe('已核验'));
    expect(within(row).getByText('积分 +10')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: '核验通过' })).toBeNull();
    expect(gateway.calls.filter((c) => c.operation === 'TaskVerify')).toEqual([{ operation: 'TaskVerify', variables: { claimId: 'c1', approve: true, reason: null } }]);
  });

  it('rejects only with a reason, and shows the reason on the claim', async () => {
    const { gateway } = await renderAs([{ role: 'grid_worker', region: REGION }], {
      TaskDetail: { data: { task: TASK, taskClaims: [claim({})] } },
      TaskVerify: (v) => ({ data: { verifyTask: claim({ status: 'rejected', rejectionReason: String(v.reason) }) } }),
    });
    const row = screen.getByTestId('claim-row');
    fireEvent.click(within(row).getByRole('button', { name: '驳回' }));
    fireEvent.click(within(row).getByRole('button', { name: '确定' }));
    expect(within(row).getByText('请填写理由')).toBeTruthy();
    expect(gateway.calls.some((c) => c.operation === 'TaskVerify')).toBe(false);
    fireEvent.change(within(row).getByLabelText('驳回理由'), { target: { value: '  照片与任务地点不符 ' } });
    fireEvent.click(within(row).getByRole('button', { name: '确定' }));
    await waitFor(() => expect(within(row).getByTestId('claim-status').textContent).toBe('已驳回'));
    expect(within(row).getByText('驳回：照片与任务地点不符')).toBeTruthy();
    expect(gateway.calls.find((c) => c.operation === 'TaskVerify')?.variables).toEqual({ claimId: 'c1', approve: false, reason: '照片与任务地点不符' });
  });

  it('shows the gateway’s refusal and keeps the claim as it was', async () => {
    await renderAs([{ role: 'grid_worker', region: REGION }], {
      TaskDetail: { data: { task: TASK, taskClaims: [claim({})] } },
      TaskVerify: { errors: [{ message: 'nobody verifies their own work', extensions: { code: 'FORBIDDEN', reason: 'SELF_VERIFICATION' } }] },
    });
    const row = screen.getByTestId('claim-row');
    fireEvent.click(within(row).getByRole('button', { name: '核验通过' }));
    expect((await within(row).findByRole('alert')).textContent).toBe('没有权限执行此操作');
    expect(within(row).getByTestId('claim-status').textContent).toBe('待核验');
  });

  it('offers no verify buttons to a role that may not verify (a department handler)', async () => {
    await renderAs([{ role: 'department_handler', region: 'jingmen/dongbao' }], {
      TaskDetail: { data: { task: TASK, taskClaims: [claim({})] } },
    });
    expect(screen.queryByRole('button', { name: '核验通过' })).toBeNull();
    expect(screen.queryByRole('button', { name: '驳回' })).toBeNull();
    expect(screen.queryByRole('button', { name: '取消任务' })).toBeNull();
  });

  it('draws each check-in inside or outside the radius on the plot', async () => {
    await renderAs([{ role: 'grid_worker', region: REGION }], {
      TaskDetail: { data: { task: TASK, taskClaims: [claim({}), claim({ id: 'c2', stewardId: 's2', status: 'checked_in', checkinDistanceM: 61, submittedAt: null }), claim({ id: 'c3', stewardId: 's3', status: 'claimed', checkedInAt: null, checkinDistanceM: null, submittedAt: null })] } },
    });
    const points = screen.getAllByTestId('plot-point');
    expect(points.map((p) => p.getAttribute('data-inside'))).toEqual(['true', 'false']);
    expect(screen.getByTestId('checkin-plot').getAttribute('aria-label')).toBe('签到示意图：半径 50 米，2 次签到，其中 1 次在半径内');
  });

  it('follows taskUpdated: a pushed change updates the task and reads the claims again', async () => {
    const { gateway, live, push } = await renderAs([{ role: 'grid_worker', region: REGION }], {
      TaskDetail: { data: { task: TASK, taskClaims: [claim({})] } },
      TaskClaims: { data: { taskClaims: [claim({ status: 'verified', pointsAwarded: 10 })] } },
    });
    expect(live.variables).toEqual({ id: 't1' });
    push(TASK); // the first push repeats the task as it is
    expect(gateway.calls.some((c) => c.operation === 'TaskClaims')).toBe(false);
    push({ ...TASK, status: 'closed' });
    expect(screen.getByTestId('task-status').textContent).toBe('已完成');
    await waitFor(() => expect(screen.getByTestId('claim-status').textContent).toBe('已核验'));
    expect(screen.getByText('实时更新中')).toBeTruthy();
  });
});
