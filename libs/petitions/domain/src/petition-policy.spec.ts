import type { Actor } from '@gov/kernel';
import { mayCreatePetition, petitionVisibleTo } from './petition-policy.js';

const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: 'a', personId: null, username: 'u', grants: [{ role, region }] });

describe('petition policy', () => {
  it('lets admins create on their region and below, nobody else', () => {
    expect(mayCreatePetition(actor('county_admin', 'jingmen/dongbao'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(mayCreatePetition(actor('city_admin', 'jingmen'), 'jingmen/duodao')).toBe(true);
    expect(mayCreatePetition(actor('county_admin', 'jingmen/dongbao'), 'jingmen/duodao')).toBe(false);
    expect(mayCreatePetition(actor('county_admin', 'jingmen/dongbao/longquan'), 'jingmen/dongbao')).toBe(false);
    expect(mayCreatePetition(actor('resident', 'jingmen/dongbao'), 'jingmen/dongbao')).toBe(false);
  });

  it('shows a petition to people working above, on or below its region', () => {
    expect(petitionVisibleTo(actor('resident', 'jingmen/dongbao/longquan/xiangshan'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(petitionVisibleTo(actor('city_admin', 'jingmen'), 'jingmen/dongbao/longquan')).toBe(true);
    expect(petitionVisibleTo(actor('county_admin', 'jingmen/duodao'), 'jingmen/dongbao/longquan')).toBe(false);
    expect(petitionVisibleTo(actor('county_admin', 'jingmen/dongbao-x'), 'jingmen/dongbao')).toBe(false);
  });
});
