import { formatStewardNumber, numberChanges, parseStewardNumber, stewardNumberPrefix } from './steward-number.js';
import { expectedSuperior, mayGrant } from './policy.js';

describe('steward number', () => {
  const parts = { class: 6 as const, unitCode: 'DBWJ', grid: 'jingmen/dongbao/longquan/xiangshan/g03', building: '12' };

  it('encodes class, unit, grid and building and parses back', () => {
    const n = formatStewardNumber(stewardNumberPrefix(parts), 7);
    expect(n).toBe('6-DBWJ-G03-12-0007');
    expect(parseStewardNumber(n)).toEqual({ class: 6, unitCode: 'DBWJ', gridCode: 'G03', building: '12', seq: 7 });
  });

  it('uses 0 for a steward without a building', () => {
    const n = formatStewardNumber(stewardNumberPrefix({ ...parts, class: 1, building: null }), 1);
    expect(n).toBe('1-DBWJ-G03-0-0001');
    expect(parseStewardNumber(n)?.building).toBeNull();
  });

  it('needs a new number when any encoded part changes, not otherwise', () => {
    expect(numberChanges(parts, { ...parts })).toBe(false);
    expect(numberChanges(parts, { ...parts, class: 5 })).toBe(true);
    expect(numberChanges(parts, { ...parts, unitCode: 'DBXX' })).toBe(true);
    expect(numberChanges(parts, { ...parts, grid: 'jingmen/dongbao/longquan/xiangshan/g04' })).toBe(true);
    expect(numberChanges(parts, { ...parts, building: '13' })).toBe(true);
  });

  it('rejects malformed numbers', () => {
    expect(parseStewardNumber('7-DBWJ-G03-12-0007')).toBeNull();
    expect(parseStewardNumber('6-dbwj-G03-12-0007')).toBeNull();
  });
});

describe('policy', () => {
  it('lets admins grant only below their rank, city admins anything', () => {
    expect(mayGrant('county_admin', 'community_admin')).toBe(true);
    expect(mayGrant('county_admin', 'county_admin')).toBe(false);
    expect(mayGrant('county_admin', 'city_admin')).toBe(false);
    expect(mayGrant('city_admin', 'city_admin')).toBe(true);
    expect(mayGrant('grid_worker', 'resident')).toBe(false);
  });

  it('knows the sentinel chain', () => {
    expect(expectedSuperior('sentinel')).toBe('group_leader');
    expect(expectedSuperior('group_leader')).toBe('squad_leader');
    expect(expectedSuperior('squad_leader')).toBeNull();
  });
});
