import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import CasePage from './case-page.js';
import { caseDetail } from './case-fixture.test-support.js';
import { renderWithApi } from '../../testing/fake-gateway.js';

afterEach(cleanup);

describe('case page', () => {
  it('shows the case, masked parties, timeline, sessions, agreement signatures and follow-ups', async () => {
    const api = await renderWithApi(<CasePage params={{ id: 'c-1' }} />, '/mediation/cases/c-1', { MediationCaseDetail: () => ({ data: caseDetail() }) });
    expect((await screen.findByRole('heading', { level: 2 })).textContent).toBe('楼上漏水纠纷');
    expect(screen.getByTestId('case-state').textContent).toBe('调解中');
    expect(api.of('MediationCaseDetail')[0]!.variables).toEqual({ id: 'c-1' });

    const parties = within(screen.getByTestId('parties')).getAllByTestId('party-row');
    expect(parties.map((p) => p.textContent)).toEqual(['张某申请人138****5678420802********1234已签字', '李某被申请人139****0000—未签字']);

    const timeline = within(screen.getByTestId('case-timeline')).getAllByRole('listitem');
    expect(timeline).toHaveLength(4);
    expect(timeline[1]!.textContent).toContain('通报公安网格');
    expect(timeline[1]!.textContent).toContain('系统');
    expect(timeline[2]!.textContent).toContain('（已受理 → 已指派）');

    expect(screen.getByTestId('sessions').textContent).toContain('张某、李某');
    expect(screen.getByTestId('agreement-status').textContent).toBe('第 2 版待签字（已签 1/2）');
    const followUp = within(screen.getByTestId('follow-ups')).getByTestId('follow-up-row');
    expect(followUp.textContent).toContain('¥3,500.00');
    expect(followUp.textContent).toContain('已逾期未记录');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows the gateway’s NOT_FOUND for another county’s case', async () => {
    await renderWithApi(<CasePage params={{ id: 'c-x' }} />, '/mediation/cases/c-x', {
      MediationCaseDetail: () => ({ errors: [{ message: 'case not found', extensions: { code: 'NOT_FOUND' } }] }),
    });
    expect((await screen.findByRole('alert')).textContent).toBe('没有找到，或不在您的辖区内');
  });
});
