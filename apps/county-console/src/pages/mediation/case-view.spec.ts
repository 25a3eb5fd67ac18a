import { describe, expect, it } from 'vitest';
import type { MediationCaseDetailQuery } from './case.generated.js';
import { agreementStatus, attendeeNames, followUpStatus, signatures } from './case-view.js';
import { caseDetail } from './case-fixture.test-support.js';

type FollowUp = MediationCaseDetailQuery['mediationFollowUps'][number];
const followUp = (patch: Partial<FollowUp>): FollowUp => ({ id: 'f', kind: 'visit', dueOn: '2026-06-01', amountFen: null, paidFen: null, done: null, overdue: false, note: null, recordedAt: null, ...patch });

describe('case detail shaping', () => {
  it('counts only signatures of the current agreement version', () => {
    const d = caseDetail();
    // p-1 accepted version 2 (current), p-2 only version 1.
    expect(signatures(d).map((s) => [s.party.name, s.signed])).toEqual([
      ['张某', true],
      ['李某', false],
    ]);
    expect(agreementStatus(d)).toBe('第 2 版待签字（已签 1/2）');
  });

  it('says when the agreement is in effect, or not drafted yet', () => {
    const d = caseDetail();
    expect(agreementStatus({ ...d, mediationAgreement: { ...d.mediationAgreement!, effective: true } })).toBe('第 2 版已生效（各方均已签字确认）');
    const none = { ...d, mediationAgreement: null };
    expect(agreementStatus(none)).toBe('尚未起草协议');
    expect(signatures(none).every((s) => !s.signed)).toBe(true);
  });

  it('words each follow-up by kind and record, flagging the ones a leader must chase', () => {
    expect(followUpStatus(followUp({}))).toEqual({ text: '待办', overdue: false });
    expect(followUpStatus(followUp({ overdue: true }))).toEqual({ text: '已逾期未记录', overdue: true });
    expect(followUpStatus(followUp({ kind: 'payment', done: false }))).toEqual({ text: '未足额履行', overdue: true });
    expect(followUpStatus(followUp({ kind: 'payment', done: true }))).toEqual({ text: '已足额履行', overdue: false });
    expect(followUpStatus(followUp({ done: true }))).toEqual({ text: '已回访', overdue: false });
  });

  it('names the parties present at a session, skipping ids the case does not know', () => {
    expect(attendeeNames(caseDetail(), ['p-2', 'ghost', 'p-1'])).toEqual(['张某', '李某']);
  });
});
