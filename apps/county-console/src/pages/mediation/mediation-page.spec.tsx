import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithApi } from '../../testing/fake-gateway.js';
import MediationPage from './mediation-page.js';

const caseRow = {
  id: 'c-1',
  number: '东宝调〔2026〕0001号',
  title: '楼上漏水纠纷',
  category: 'neighbours',
  categoryZh: '邻里纠纷',
  level: 'community',
  state: 'agreed',
  risk: 'high',
  criminalRisk: true,
  mediatorName: '王调解',
  openedAt: '2026-04-01T01:00:00.000Z',
  confirmationState: 'none',
  confirmationDeadline: '2026-05-06',
  region: 'jingmen/dongbao/longquan/xiangshan/g03',
};
const meeting = { id: 'm-1', title: '停车难议事', kind: 'red_bench', place: '象山社区党群服务中心', region: 'jingmen/dongbao/longquan/xiangshan', startsAt: '2026-04-10T11:00:00.000Z', state: 'held', agendaItems: 2, decisions: 1, attendees: 9 };

afterEach(cleanup);

describe('mediation page', () => {
  it('lists cases of the filter in the address bar and the region’s meetings, read-only', async () => {
    const api = await renderWithApi(<MediationPage params={{}} />, '/mediation?state=open&risk=yes&due=1', {
      MediationCasesList: () => ({ data: { mediationCases: { items: [caseRow], pageInfo: { endCursor: null, hasNextPage: false } } } }),
      MediationMeetingsList: () => ({ data: { mediationMeetings: [meeting] } }),
    });
    const rows = await screen.findAllByTestId('case-row');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.querySelector('a')!.getAttribute('href')).toBe('/mediation/cases/c-1');
    expect(rows[0]!.textContent).toContain('达成协议');
    expect(rows[0]!.textContent).toContain('民转刑');
    expect(rows[0]!.textContent).toContain('截止 2026-05-06');
    expect(api.of('MediationCasesList')[0]!.variables).toEqual({ first: 20, states: ['opened', 'assigned', 'mediating', 'agreed'], confirmationDue: true, criminalRisk: true });
    const meetings = await screen.findAllByTestId('meeting-row');
    expect(meetings[0]!.textContent).toContain('红板凳议事会');
    expect(meetings[0]!.textContent).toContain('2 / 1 / 9');
    // Read-only: nothing on the page changes a case.
    expect(api.calls.some((c) => /^(Open|Assign|Close|Escalate|Record|Draft|Accept)/.test(c.operation))).toBe(false);
  });

  it('asks again with the form’s filters on 查询, the region for both lists', async () => {
    const api = await renderWithApi(<MediationPage params={{}} />, '/mediation', {
      MediationCasesList: () => ({ data: { mediationCases: { items: [], pageInfo: { endCursor: null, hasNextPage: false } } } }),
      MediationMeetingsList: () => ({ data: { mediationMeetings: [] } }),
    });
    await screen.findByText('没有符合条件的案件');
    fireEvent.change(screen.getByLabelText('类别'), { target: { value: 'labour_injury' } });
    fireEvent.change(screen.getByLabelText('层级'), { target: { value: 'county' } });
    fireEvent.change(screen.getByLabelText('民转刑风险'), { target: { value: 'no' } });
    fireEvent.change(screen.getByLabelText('区域'), { target: { value: 'jingmen/dongbao/longquan' } });
    fireEvent.click(screen.getByRole('button', { name: '查询' }));
    await waitFor(() =>
      expect(api.of('MediationCasesList').at(-1)!.variables).toEqual({ first: 20, category: 'labour_injury', level: 'county', region: 'jingmen/dongbao/longquan', criminalRisk: false }),
    );
    await waitFor(() => expect(api.of('MediationMeetingsList').at(-1)!.variables).toEqual({ region: 'jingmen/dongbao/longquan', first: 50 }));
  });
});
