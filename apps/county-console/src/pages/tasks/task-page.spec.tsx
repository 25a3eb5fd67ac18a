/**
 * The task page with a fake gateway (a unit test of the browser code): a grid worker verifies a
 * submitted claim — approve, reject with a reason, a refusal shown — and a live push updates the page.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../auth/session.js';
import { Router } from '../../shell/router.js';
import { SessionProvider } from '../../shell/session-context.js';
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

interface Call {
  operation: string;
  variables: Record<string, unknown>;
}

type Answer = { data?: unknown; errors?: { message: string; extensions: { code: string; reason?: string } }[] };

/** A gateway that answers by operation name; `answers[op]` may be a body or a function of the variables. */
function fakeGateway(answers: Record<string, Answer | ((v: Record<string, unknown>) => Answer)>) {
  const calls: Call[] = [];
  const impl: typeof fetch = async (_url, init) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables?: Record<string, unknown> };
    const operation = /(?:query|mutation)\s+(\w+)/.exec(body.query)?.[1] ?? '?';
    calls.push({ operation, variables: body.variables ?? {} });
    const a = answers[operation];
    const answer = typeof a === 'function' ? a(body.variables ?? {}) : (a ?? { errors: [{ message: `unexpected ${operation}`, extensions: { code: 'INTERNAL' } }] });
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { impl, calls };
}

const storage = (): Storage => {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k), clear: () => m.clear(), key: () => null, length: 0 };
};

async function renderAs(grants: { role: string; region: string }[], answers: Parameters<typeof fakeGateway>[0]) {
  const gateway = fakeGateway({
    Login: { data: { login: { accessToken: 'at', refreshToken: 'rt', expiresIn: 900 } } },
    Me: { data: { me: { accountId: 'acc-gw', personId: 'person-gw', username: 'wangwu', grants } } },
    ...answers,
  });
  const session = new Session(storage(), gateway.impl);
  await session.signIn('wangwu', 'secret');
  // Live updates are driven by the test instead of a socket.
  let push: ((data: { taskUpdated: TaskDetailFieldsFragment }) => void) | undefined;
  const subscribe = vi.spyOn(session.client, 'subscribe').mockImplementation((_doc, _vars, onData) => {
    push = onData as typeof push;
    return () => undefined;
  });
  render(
    <SessionProvider session={session}>
      <Router>
        <TaskPage params={{ id: 't1' }} />
      </Router>
    </SessionProvider>,
  );
  await screen.findByRole('heading', { level: 2, name: '清理楼道杂物' });
  return { gateway, subscribe, push: (t: TaskDetailFieldsFragment) => act(() => push!({ taskUpdated: t })) };
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
    const { gateway, subscribe, push } = await renderAs([{ role: 'grid_worker', region: REGION }], {
      TaskDetail: { data: { task: TASK, taskClaims: [claim({})] } },
      TaskClaims: { data: { taskClaims: [claim({ status: 'verified', pointsAwarded: 10 })] } },
    });
    expect(subscribe).toHaveBeenCalledWith(expect.anything(), { id: 't1' }, expect.any(Function), expect.any(Function));
    push(TASK); // the first push repeats the task as it is
    expect(gateway.calls.some((c) => c.operation === 'TaskClaims')).toBe(false);
    push({ ...TASK, status: 'closed' });
    expect(screen.getByTestId('task-status').textContent).toBe('已完成');
    await waitFor(() => expect(screen.getByTestId('claim-status').textContent).toBe('已核验'));
    expect(screen.getByText('实时更新中')).toBeTruthy();
  });
});
