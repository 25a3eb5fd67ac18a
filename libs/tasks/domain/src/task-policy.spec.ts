import type { Actor } from '@gov/kernel';
import { cappedPoints, completionPoints, periodsOf, pointsInRange } from './points-rules.js';
import { communityOf, mayPublishTask, mayVerifyTask, taskVisibleTo } from './task-policy.js';

const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: 'a', personId: null, username: 'u', grants: [{ role, region }] });

describe('task policy', () => {
  it('lets stewards, grid workers and admins publish on their region and below; emergencies only grid workers and admins', () => {
    expect(mayPublishTask(actor('steward', 'jingmen/dongbao/longquan'), 'jingmen/dongbao/longquan/xiangshan', false)).toBe(true);
    expect(mayPublishTask(actor('steward', 'jingmen/dongbao/longquan'), 'jingmen/dongbao/longquan/xiangshan', true)).toBe(false);
    expect(mayPublishTask(actor('grid_worker', 'jingmen/dongbao/longquan'), 'jingmen/dongbao/longquan/xiangshan', true)).toBe(true);
    expect(mayPublishTask(actor('county_admin', 'jingmen/dongbao'), 'jingmen/duodao', false)).toBe(false);
    expect(mayPublishTask(actor('resident', 'jingmen/dongbao'), 'jingmen/dongbao', false)).toBe(false);
    expect(mayVerifyTask(actor('steward', 'jingmen/dongbao/longquan'), 'jingmen/dongbao/longquan/xiangshan')).toBe(true);
    expect(mayVerifyTask(actor('resident', 'jingmen/dongbao/longquan'), 'jingmen/dongbao/longquan/xiangshan')).toBe(false);
  });

  it('shows a task to people working above, on or below its region', () => {
    expect(taskVisibleTo(actor('resident', 'jingmen/dongbao/longquan/xiangshan'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(taskVisibleTo(actor('city_admin', 'jingmen'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(taskVisibleTo(actor('county_admin', 'jingmen/duodao'), 'jingmen/dongbao/longquan')).toBe(false);
    expect(taskVisibleTo(actor('county_admin', 'jingmen/dongbao-x'), 'jingmen/dongbao')).toBe(false);
  });

  it('finds the community of a grid or building path', () => {
    expect(communityOf('jingmen/dongbao/longquan/xiangshan/g01/xq1')).toBe('jingmen/dongbao/longquan/xiangshan');
  });
});

describe('points rules', () => {
  it('bounds points per kind: dispatched 5–20, emergency 5–40', () => {
    expect(pointsInRange('dispatched', 4)).toBe(false);
    expect(pointsInRange('dispatched', 20)).toBe(true);
    expect(pointsInRange('dispatched', 21)).toBe(false);
    expect(pointsInRange('emergency', 40)).toBe(true);
    expect(pointsInRange('emergency', 41)).toBe(false);
  });

  it('weighs emergencies by type without passing the emergency maximum', () => {
    expect(completionPoints('emergency', 'flood', 10)).toBe(20);
    expect(completionPoints('emergency', 'flood', 30)).toBe(40);
    expect(completionPoints('emergency', 'epidemic', 10)).toBe(15);
    expect(completionPoints('dispatched', null, 10)).toBe(10);
  });

  it('lets the daily cap through only what remains of it', () => {
    expect(cappedPoints(20, 0)).toBe(20);
    expect(cappedPoints(20, 50)).toBe(10);
    expect(cappedPoints(20, 70)).toBe(0);
  });

  it('counts postings in China Standard Time periods', () => {
    // 2026-12-31 17:00 UTC is already 2027-01-01 01:00 in Jingmen.
    expect(periodsOf(new Date('2026-12-31T17:00:00Z'))).toEqual({ year: '2027', quarter: '2027-Q1', month: '2027-01', day: '2027-01-01' });
    expect(periodsOf(new Date('2026-09-30T15:59:00Z'))).toMatchObject({ quarter: '2026-Q3', month: '2026-09' });
  });
});
