import type { Actor } from '@gov/kernel';
import { mayCreateMediationCase, mediationCaseVisibleTo } from './mediation-case-policy.js';

const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: 'a', personId: null, username: 'u', grants: [{ role, region }] });

describe('mediation case policy', () => {
  it('lets admins create on their region and below, nobody else', () => {
    expect(mayCreateMediationCase(actor('county_admin', 'jingmen/dongbao'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(mayCreateMediationCase(actor('city_admin', 'jingmen'), 'jingmen/duodao')).toBe(true);
    expect(mayCreateMediationCase(actor('county_admin', 'jingmen/dongbao'), 'jingmen/duodao')).toBe(false);
    expect(mayCreateMediationCase(actor('county_admin', 'jingmen/dongbao/longquan'), 'jingmen/dongbao')).toBe(false);
    expect(mayCreateMediationCase(actor('resident', 'jingmen/dongbao'), 'jingmen/dongbao')).toBe(false);
  });

  it('shows a mediation case to people working above, on or below its region', () => {
    expect(mediationCaseVisibleTo(actor('resident', 'jingmen/dongbao/longquan/xiangshan'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(mediationCaseVisibleTo(actor('city_admin', 'jingmen'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(mediationCaseVisibleTo(actor('county_admin', 'jingmen/duodao'), 'jingmen/dongbao/longquan')).toBe(false);
    expect(mediationCaseVisibleTo(actor('county_admin', 'jingmen/dongbao-x'), 'jingmen/dongbao')).toBe(false);
  });
});
