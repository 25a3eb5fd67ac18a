import { describe, expect, it } from 'vitest';
import { caseStateLabel, CASE_STATE_NAMES, CASE_STATES, timelineActionName } from './mediation-labels.js';

describe('mediation labels', () => {
  it('names every case state in Chinese, in lifecycle order', () => {
    expect(CASE_STATES.map((s) => CASE_STATE_NAMES[s])).toEqual(['已受理', '已指派', '调解中', '达成协议', '已结案']);
  });

  it('reads a closed case with its outcome, and other states alone', () => {
    expect(caseStateLabel('closed', 'performed')).toBe('已结案（履行完毕）');
    expect(caseStateLabel('closed', 'referred_litigation')).toBe('已结案（转诉讼）');
    expect(caseStateLabel('mediating', null)).toBe('调解中');
  });

  it('names the timeline’s actions, and shows an action it does not know as written', () => {
    expect(timelineActionName('escalated')).toBe('上交上一级');
    expect(timelineActionName('confirmation_lapsed')).toBe('司法确认逾期');
    expect(timelineActionName('something_new')).toBe('something_new');
  });
});
