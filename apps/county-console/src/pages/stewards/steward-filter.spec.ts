import { describe, expect, it } from 'vitest';
import { EMPTY_STEWARD_FILTER, findInPage, readStewardFilter, regionProblem, STEWARD_PAGE_SIZE, stewardVariables, writeStewardFilter } from './steward-filter.js';

describe('steward directory filters', () => {
  it('asks for every steward of the user’s regions when nothing is set', () => {
    expect(stewardVariables(EMPTY_STEWARD_FILTER, null)).toEqual({ first: STEWARD_PAGE_SIZE });
  });

  it('sends only the filters that are set, the class as a number, and the cursor of the page asked for', () => {
    const vars = stewardVariables({ region: ' jingmen/dongbao/longquan ', unitId: 'u-7', stewardClass: '6' }, 'cur-2');
    expect(vars).toEqual({ filter: { region: 'jingmen/dongbao/longquan', unitId: 'u-7', class: 6 }, first: STEWARD_PAGE_SIZE, after: 'cur-2' });
    expect(stewardVariables({ ...EMPTY_STEWARD_FILTER, stewardClass: '2' }, null)).toEqual({ filter: { class: 2 }, first: STEWARD_PAGE_SIZE });
  });

  it('keeps the filter in the address bar and reads it back the same', () => {
    const form = { region: 'jingmen/dongbao', unitId: 'u-1', stewardClass: '3' };
    const qs = writeStewardFilter(form);
    expect(qs).toBe('?region=jingmen%2Fdongbao&unit=u-1&class=3');
    expect(readStewardFilter(new URLSearchParams(qs))).toEqual(form);
    expect(writeStewardFilter(EMPTY_STEWARD_FILTER)).toBe('');
  });

  it('ignores a class in the address that is not one of the six number classes', () => {
    expect(readStewardFilter(new URLSearchParams('class=9')).stewardClass).toBe('');
    expect(readStewardFilter(new URLSearchParams('class=abc')).stewardClass).toBe('');
  });

  it('refuses a region outside the user’s regions or not shaped like a path, before asking the gateway', () => {
    const mine = ['jingmen/dongbao'];
    expect(regionProblem('', mine)).toBeNull();
    expect(regionProblem('jingmen/dongbao/longquan/xiangshan', mine)).toBeNull();
    expect(regionProblem('jingmen/duodao', mine)).toBe('该区域不在您的辖区内');
    // A prefix of a segment is not the region itself.
    expect(regionProblem('jingmen/dongbaox', mine)).toBe('该区域不在您的辖区内');
    expect(regionProblem('Jingmen/Dongbao', mine)).toMatch(/格式不正确/);
  });

  it('finds rows of the loaded page by name or number, ignoring case', () => {
    const rows = [
      { number: '6-DB01-G03-12-0001', card: { name: '张三' } },
      { number: '5-DB01-G03-0-0002', card: { name: null } },
    ];
    expect(findInPage(rows, '张')).toEqual([rows[0]]);
    expect(findInPage(rows, 'g03-0-')).toEqual([rows[1]]);
    expect(findInPage(rows, '  ')).toEqual(rows);
  });
});
