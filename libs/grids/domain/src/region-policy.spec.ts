import type { Actor } from '@gov/kernel';
import { mayCreateRegion, regionVisibleTo } from './region-policy.js';

const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: 'a', personId: null, username: 'u', grants: [{ role, region }] });

describe('region policy', () => {
  it('lets admins create on their region and below, nobody else', () => {
    expect(mayCreateRegion(actor('county_admin', 'jingmen/dongbao'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(mayCreateRegion(actor('city_admin', 'jingmen'), 'jingmen/duodao')).toBe(true);
    expect(mayCreateRegion(actor('county_admin', 'jingmen/dongbao'), 'jingmen/duodao')).toBe(false);
    expect(mayCreateRegion(actor('county_admin', 'jingmen/dongbao/longquan'), 'jingmen/dongbao')).toBe(false);
    expect(mayCreateRegion(actor('resident', 'jingmen/dongbao'), 'jingmen/dongbao')).toBe(false);
  });

  it('shows a region to people working above, on or below its region', () => {
    expect(regionVisibleTo(actor('resident', 'jingmen/dongbao/longquan/xiangshan'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(regionVisibleTo(actor('city_admin', 'jingmen'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(regionVisibleTo(actor('county_admin', 'jingmen/duodao'), 'jingmen/dongbao/longquan')).toBe(false);
    expect(regionVisibleTo(actor('county_admin', 'jingmen/dongbao-x'), 'jingmen/dongbao')).toBe(false);
  });
});
