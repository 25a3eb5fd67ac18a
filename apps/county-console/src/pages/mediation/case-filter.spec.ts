import { describe, expect, it } from 'vitest';
import { CASE_PAGE_SIZE, caseVariables, EMPTY_CASE_FILTER, OPEN_STATES, readCaseFilter, regionProblem, writeCaseFilter } from './case-filter.js';

describe('mediation case filters', () => {
  it('asks for every case of the user’s regions when nothing is set', () => {
    expect(caseVariables(EMPTY_CASE_FILTER, null)).toEqual({ first: CASE_PAGE_SIZE });
  });

  it('turns 未结案 into every state before closed, and one state into a list of one', () => {
    expect(caseVariables({ ...EMPTY_CASE_FILTER, state: 'open' }, null).states).toEqual(['opened', 'assigned', 'mediating', 'agreed']);
    expect(OPEN_STATES).not.toContain('closed');
    expect(caseVariables({ ...EMPTY_CASE_FILTER, state: 'mediating' }, null).states).toEqual(['mediating']);
  });

  it('maps the three-way criminal-risk choice: all sends nothing, 无风险 sends false', () => {
    expect(caseVariables({ ...EMPTY_CASE_FILTER, criminalRisk: '' }, null)).not.toHaveProperty('criminalRisk');
    expect(caseVariables({ ...EMPTY_CASE_FILTER, criminalRisk: 'yes' }, null).criminalRisk).toBe(true);
    expect(caseVariables({ ...EMPTY_CASE_FILTER, criminalRisk: 'no' }, null).criminalRisk).toBe(false);
  });

  it('sends category, level, region, confirmation due and the cursor when set', () => {
    const form = { state: 'agreed', category: 'neighbours', level: 'street', region: ' jingmen/dongbao/longquan ', confirmationDue: true, criminalRisk: '' } as const;
    expect(caseVariables(form, 'c2')).toEqual({
      first: CASE_PAGE_SIZE,
      states: ['agreed'],
      category: 'neighbours',
      level: 'street',
      region: 'jingmen/dongbao/longquan',
      confirmationDue: true,
      after: 'c2',
    });
    // Unticked means no filter, not "only cases outside the window".
    expect(caseVariables({ ...form, confirmationDue: false }, null)).not.toHaveProperty('confirmationDue');
  });

  it('keeps the filter in the address bar and reads back only values the schema knows', () => {
    const form = { state: 'open', category: 'consumer', level: 'grid', region: 'jingmen/dongbao', confirmationDue: true, criminalRisk: 'no' } as const;
    const qs = writeCaseFilter(form);
    expect(readCaseFilter(new URLSearchParams(qs))).toEqual(form);
    expect(readCaseFilter(new URLSearchParams('state=lost&category=theft&level=city&risk=maybe&due=yes'))).toEqual(EMPTY_CASE_FILTER);
    expect(writeCaseFilter(EMPTY_CASE_FILTER)).toBe('');
  });

  it('refuses a region outside the user’s regions before asking the gateway', () => {
    expect(regionProblem('jingmen/duodao', ['jingmen/dongbao'])).toBe('该区域不在您的辖区内');
    expect(regionProblem('jingmen/dongbao/longquan', ['jingmen/dongbao'])).toBeNull();
    expect(regionProblem('a//b', ['jingmen'])).toMatch(/格式不正确/);
  });
});
