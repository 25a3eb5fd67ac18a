import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GrantLike } from '../../auth/roles.js';
import { fakeLive, gqlError, renderPage, signedIn, type Handler } from '../../testing/fake-gateway.js';
import type { PetitionPageFieldsFragment } from './petition.generated.js';
import PetitionPage from './petition-page.js';

const G03 = 'jingmen/dongbao/zijing/xiangshan/g03';
const gridWorker: GrantLike[] = [{ role: 'grid_worker', region: G03 }];

function petition(over: Partial<PetitionPageFieldsFragment> = {}): PetitionPageFieldsFragment {
  return {
    id: 'p1',
    trackingCode: 'ABCD-EFGH-JKLM',
    title: '路灯不亮',
    description: '3栋门口的路灯坏了一周',
    state: 'assigned',
    category: 'municipal.streetlight',
    categoryNameZh: '路灯',
    channel: 'qr',
    region: G03,
    buildingName: '3栋',
    anonymous: false,
    contactMasked: '张** 138****5678',
    createdAt: '2025-03-01T02:00:00.000Z',
    updatedAt: '2025-03-01T03:00:00.000Z',
    deadline: '2025-03-04T02:00:00.000Z',
    levelDeadline: '2025-03-02T02:00:00.000Z',
    overdue: false,
    supervised: false,
    priority: 2,
    escalations: 0,
    reopenCount: 0,
    clusterSize: 1,
    duplicateOf: null,
    result: null,
    resolvedAt: null,
    closedAt: null,
    rating: null,
    ratingComment: null,
    taskId: null,
    mediationCaseId: null,
    attachments: [],
    evidence: [],
    assignee: { level: 'grid', region: G03, departmentId: null, departmentName: null },
    ...over,
  };
}

const entry = (seq: number, action: string, fromState: string | null, toState: string) => ({ seq: String(seq), at: '2025-03-01T02:00:00.000Z', action, actorLabel: 'tester', fromState, toState, level: 'grid', note: null });

/** A small petitions service: its state changes with the mutations, and the timeline grows. */
function service(start: PetitionPageFieldsFragment) {
  let current = start;
  const timeline = [entry(1, 'submitted', null, 'submitted'), entry(2, 'assigned', 'screened', start.state)];
  const move = (action: string, to: PetitionPageFieldsFragment['state'], over: Partial<PetitionPageFieldsFragment> = {}) => {
    timeline.push(entry(timeline.length + 1, action, current.state, to));
    current = { ...current, ...over, state: to, updatedAt: new Date(Date.parse(current.updatedAt) + 60_000).toISOString() };
    return current;
  };
  const handlers: Record<string, Handler> = {
    PetitionPage: () => ({ data: { petition: current } }),
    PetitionPageTimeline: () => ({ data: { petitionTimeline: [...timeline] } }),
    PetitionPageWhistles: () => ({ data: { whistles: [] } }),
    PetitionPageAccept: () => ({ data: { acceptPetition: move('accepted', 'accepted') } }),
    PetitionPageResolve: (v) => ({ data: { resolvePetition: move('resolved', 'resolved', { result: String((v.input as { result: string }).result) }) } }),
    PetitionPageScreen: () => ({ data: { screenPetition: move('screened', 'screened', { assignee: null }) } }),
    PetitionPageAssign: () => ({ data: { assignPetition: move('assigned', 'assigned', { assignee: { level: 'department', region: 'jingmen/dongbao', departmentId: 'd1', departmentName: '城管局' } }) } }),
    PetitionPageDepartments: () => ({ data: { departments: [{ id: 'd1', name: '城管局' }, { id: 'd2', name: '住建局' }] } }),
    PetitionPageContact: () => ({ data: { petitionContact: { name: '张三', phone: '13800005678' } } }),
  };
  return { handlers, move, get: () => current };
}

async function open(grants: GrantLike[], start = petition()) {
  const svc = service(start);
  const { session, gateway } = await signedIn(svc.handlers, grants);
  const live = fakeLive(session.client);
  const view = renderPage(session, `/petitions/${start.id}`, <PetitionPage params={{ id: start.id }} />);
  await screen.findByRole('heading', { level: 2, name: start.title });
  await waitFor(() => expect(within(screen.getByTestId('timeline')).getAllByRole('listitem')).toHaveLength(2));
  return { svc, gateway, live, view };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('petition page', () => {
  it('shows the petition with its tracking code, state and timeline, the contact masked', async () => {
    await open(gridWorker);
    expect(screen.getByTestId('tracking-code').textContent).toBe('ABCD-EFGH-JKLM');
    expect(screen.getByTestId('petition-state').textContent).toBe('已交办');
    expect(screen.getByText('张** 138****5678')).toBeTruthy();
    expect(screen.queryByText(/13800005678/)).toBeNull();
  });

  it('accepts (受理) with one click and shows the new state and timeline', async () => {
    const { gateway } = await open(gridWorker);
    fireEvent.click(screen.getByRole('button', { name: '受理' }));
    await waitFor(() => expect(screen.getByTestId('petition-state').textContent).toBe('已受理'));
    expect(gateway.of('PetitionPageAccept')[0]?.variables).toEqual({ input: { id: 'p1' } });
    await waitFor(() => expect(within(screen.getByTestId('timeline')).getAllByRole('listitem')).toHaveLength(3));
    expect(within(screen.getByTestId('timeline')).getByText('已交办 → 已受理')).toBeTruthy();
    // The actions follow the new state: 受理 is gone, 开始办理 and 办结 are offered.
    expect(screen.queryByRole('button', { name: '受理' })).toBeNull();
    expect(screen.getByRole('button', { name: '办结' })).toBeTruthy();
  });

  it('resolves (办结) through a form with the result note', async () => {
    const { gateway } = await open(gridWorker, petition({ state: 'in_progress' }));
    fireEvent.click(screen.getByRole('button', { name: '办结' }));
    fireEvent.change(screen.getByLabelText('办理结果'), { target: { value: '已更换灯泡' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(screen.getByTestId('petition-state').textContent).toBe('已办结'));
    expect(gateway.of('PetitionPageResolve')[0]?.variables).toEqual({ input: { id: 'p1', result: '已更换灯泡' } });
    expect(screen.getByText('已更换灯泡')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '确定' })).toBeNull();
  });

  it('screens (甄别) and then assigns (分派) to a department chosen from the list', async () => {
    const { gateway } = await open([{ role: 'county_admin', region: 'jingmen/dongbao' }], petition({ state: 'submitted', assignee: null }));
    expect(screen.getByTestId('petition-state').textContent).toBe('待甄别');
    fireEvent.click(screen.getByRole('button', { name: '甄别' }));
    fireEvent.change(screen.getByLabelText('优先级'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(screen.getByTestId('petition-state').textContent).toBe('待交办'));
    expect(gateway.of('PetitionPageScreen')[0]?.variables).toEqual({ input: { id: 'p1', outcome: 'valid', priority: 3, duplicateOf: null, note: null } });

    fireEvent.click(screen.getByRole('button', { name: '分派' }));
    fireEvent.change(screen.getByLabelText('交办层级'), { target: { value: 'department' } });
    await waitFor(() => expect(screen.getByRole('option', { name: '住建局' })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('部门'), { target: { value: 'd2' } });
    fireEvent.change(screen.getByLabelText('说明（可选）'), { target: { value: '涉及供水管网' } });
    fireEvent.click(screen.getByRole('button', { name: '确定' }));
    await waitFor(() => expect(screen.getByTestId('petition-state').textContent).toBe('已交办'));
    expect(gateway.of('PetitionPageAssign')[0]?.variables).toEqual({ input: { id: 'p1', level: 'department', departmentId: 'd2', note: '涉及供水管网' } });
    await waitFor(() => expect(within(screen.getByTestId('timeline')).getAllByRole('listitem')).toHaveLength(4));
  });

  it('shows a refused action’s error and keeps the state', async () => {
    const svc = service(petition());
    svc.handlers.PetitionPageAccept = () => gqlError('CONFLICT', 'WRONG_STATE');
    const { session } = await signedIn(svc.handlers, gridWorker);
    fakeLive(session.client);
    renderPage(session, '/petitions/p1', <PetitionPage params={{ id: 'p1' }} />);
    fireEvent.click(await screen.findByRole('button', { name: '受理' }));
    expect((await screen.findByRole('alert')).textContent).toContain('状态已变化');
    expect(screen.getByTestId('petition-state').textContent).toBe('已交办');
  });

  it('shows a change made elsewhere without reload, and stops listening on leave', async () => {
    const { svc, live, view, gateway } = await open(gridWorker);
    expect(live.variables).toEqual({ id: 'p1' });
    const timelineReads = gateway.of('PetitionPageTimeline').length;
    const changed = svc.move('accepted', 'accepted');
    act(() => live.push({ petitionUpdated: changed }));
    expect(screen.getByTestId('petition-state').textContent).toBe('已受理');
    await waitFor(() => expect(within(screen.getByTestId('timeline')).getAllByRole('listitem')).toHaveLength(3));
    expect(gateway.of('PetitionPageTimeline').length).toBe(timelineReads + 1);
    view.unmount();
    expect(live.stop).toHaveBeenCalledTimes(1);
  });

  it('says the live view has stopped when access ends, and leaves resuming after a token expiry to the client', async () => {
    const { live } = await open(gridWorker);
    act(() => live.fail('NOT_FOUND'));
    expect(screen.getByText(/实时更新已停止（您已不能查看此诉求）/)).toBeTruthy();
    // An expired socket token never reaches the page (api/client.ts resubscribes): the page does not subscribe again itself.
    expect(live.subscriptions).toHaveLength(1);
  });

  it('unmasks the contact only on request, with the reason, saying it is audited', async () => {
    const { gateway } = await open(gridWorker);
    fireEvent.click(screen.getByRole('button', { name: /查看完整联系方式.*审计/ }));
    fireEvent.change(screen.getByLabelText(/查看理由/), { target: { value: '电话回访' } });
    fireEvent.click(screen.getByRole('button', { name: '查看' }));
    expect((await screen.findByTestId('contact-full')).textContent).toContain('13800005678');
    expect(screen.getByTestId('contact-full').textContent).toContain('审计');
    expect(gateway.of('PetitionPageContact')[0]?.variables).toEqual({ id: 'p1', reason: '电话回访' });
  });

  it('offers a department handler nothing on a grid-level petition, and no unmask', async () => {
    await open([{ role: 'department_handler', region: 'jingmen/dongbao' }]);
    expect(screen.queryByRole('button', { name: '受理' })).toBeNull();
    expect(screen.queryByRole('button', { name: /查看完整联系方式/ })).toBeNull();
    expect(screen.getByText('当前状态下您没有可执行的操作。')).toBeTruthy();
  });

  it('says 没有找到，或不在您的辖区内 for another county’s petition', async () => {
    const { session } = await signedIn({ PetitionPage: () => gqlError('NOT_FOUND'), PetitionPageTimeline: () => gqlError('NOT_FOUND') }, gridWorker);
    fakeLive(session.client);
    renderPage(session, '/petitions/nope', <PetitionPage params={{ id: 'nope' }} />);
    expect((await screen.findByRole('alert')).textContent).toBe('没有找到，或不在您的辖区内');
  });
});
