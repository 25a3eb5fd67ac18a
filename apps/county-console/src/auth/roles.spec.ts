// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { canOpen, hasRoleOn, homeRegion, isStaff, isWithin, pagesFor, workRegions, type GrantLike } from './roles.js';

const DONGBAO = 'jingmen/dongbao';
const DUODAO = 'jingmen/duodao';

describe('pagesFor: the sections a role sees', () => {
  it.each<[string, GrantLike[], string[]]>([
    ['city admin', [{ role: 'city_admin', region: 'jingmen' }], ['queue', 'map', 'tasks', 'stats', 'stewards', 'mediation']],
    ['county admin (县区领导)', [{ role: 'county_admin', region: DONGBAO }], ['queue', 'map', 'tasks', 'stats', 'stewards', 'mediation']],
    ['street admin', [{ role: 'street_admin', region: `${DONGBAO}/zijing` }], ['queue', 'map', 'tasks', 'stats', 'stewards']],
    ['community admin', [{ role: 'community_admin', region: `${DONGBAO}/zijing/xiangshan` }], ['queue', 'map', 'tasks', 'stats', 'stewards']],
    ['department handler', [{ role: 'department_handler', region: DONGBAO }], ['queue', 'map', 'stats']],
    ['grid worker', [{ role: 'grid_worker', region: `${DONGBAO}/zijing/xiangshan/g1` }], ['queue', 'map', 'tasks', 'stewards']],
    ['mediator', [{ role: 'mediator', region: DONGBAO }], ['map', 'mediation']],
    ['resident', [{ role: 'resident', region: DONGBAO }], []],
    ['steward', [{ role: 'steward', region: DONGBAO }], []],
    ['integrator', [{ role: 'integrator', region: DONGBAO }], []],
    ['no grants', [], []],
  ])('%s', (_name, grants, pages) => {
    expect(pagesFor(grants)).toEqual(pages);
  });

  it('joins the sections of several grants, in the side bar’s order', () => {
    const grants: GrantLike[] = [
      { role: 'mediator', region: DONGBAO },
      { role: 'department_handler', region: DUODAO },
    ];
    expect(pagesFor(grants)).toEqual(['queue', 'map', 'stats', 'mediation']);
    expect(canOpen(grants, 'tasks')).toBe(false);
  });

  it('the console is for staff only', () => {
    expect(isStaff([{ role: 'resident', region: DONGBAO }, { role: 'steward', region: DONGBAO }])).toBe(false);
    expect(isStaff([{ role: 'resident', region: DONGBAO }, { role: 'grid_worker', region: `${DONGBAO}/g1` }])).toBe(true);
  });
});

describe('regions', () => {
  it('isWithin: a region covers itself and everything below, never a sibling that merely shares a prefix', () => {
    expect(isWithin(DONGBAO, DONGBAO)).toBe(true);
    expect(isWithin(`${DONGBAO}/zijing`, DONGBAO)).toBe(true);
    expect(isWithin('jingmen/dongbaox', DONGBAO)).toBe(false);
    expect(isWithin('jingmen/dongbaox/a', DONGBAO)).toBe(false);
    expect(isWithin('jingmen', DONGBAO)).toBe(false);
    expect(isWithin(DUODAO, DONGBAO)).toBe(false);
  });

  it('workRegions: staff regions only, widest first, nested ones folded into their ancestor', () => {
    const grants: GrantLike[] = [
      { role: 'grid_worker', region: `${DONGBAO}/zijing/xiangshan/g1` },
      { role: 'street_admin', region: `${DONGBAO}/zijing` },
      { role: 'community_admin', region: `${DUODAO}/a/b` },
      { role: 'resident', region: 'jingmen' },
      { role: 'mediator', region: 'jingmen/dongbaox' },
      { role: 'department_handler', region: `${DONGBAO}/zijing` },
    ];
    expect(workRegions(grants)).toEqual(['jingmen/dongbaox', 'jingmen/dongbao/zijing', 'jingmen/duodao/a/b']);
    expect(workRegions(grants, ['grid_worker'])).toEqual([`${DONGBAO}/zijing/xiangshan/g1`]);
  });

  it('homeRegion: the widest staff region; none for a resident', () => {
    expect(homeRegion([{ role: 'grid_worker', region: `${DONGBAO}/z/x/g1` }, { role: 'county_admin', region: DONGBAO }])).toBe(DONGBAO);
    expect(homeRegion([{ role: 'resident', region: 'jingmen' }])).toBeNull();
  });

  it('hasRoleOn: a Dongbao admin acts on Dongbao’s streets, never on Duodao or on dongbaox', () => {
    const admin: GrantLike[] = [{ role: 'county_admin', region: DONGBAO }];
    expect(hasRoleOn(admin, ['county_admin'], `${DONGBAO}/zijing/xiangshan`)).toBe(true);
    expect(hasRoleOn(admin, ['county_admin'], DUODAO)).toBe(false);
    expect(hasRoleOn(admin, ['county_admin'], 'jingmen/dongbaox')).toBe(false);
    // Above the grant is not covered either: a county admin is not a city admin.
    expect(hasRoleOn(admin, ['county_admin'], 'jingmen')).toBe(false);
    // The role must match too.
    expect(hasRoleOn(admin, ['grid_worker'], `${DONGBAO}/zijing`)).toBe(false);
  });
});
