import { createHash, createHmac } from 'node:crypto';
import type { Actor } from '@gov/kernel';
import { countyPathOf, drawWinners, lotteryTicket, mayKeepMerchants, poolDigest, rewardsScope, rewardsVisibleTo, sortedPool } from './rewards-policy.js';

const ids = ['c0000000-0000-4000-8000-000000000003', 'A0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002'];

describe('voucher lottery', () => {
  it('digests the sorted, lower-case pool joined by newlines', () => {
    const pool = sortedPool(ids);
    expect(pool).toEqual(['a0000000-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 'c0000000-0000-4000-8000-000000000003']);
    expect(poolDigest(ids)).toBe(createHash('sha256').update(pool.join('\n')).digest('hex'));
  });

  it('ranks by the HMAC ticket keyed by the seed, reproducibly', () => {
    const expected = sortedPool(ids)
      .map((id) => [createHmac('sha256', 'seed-1').update(id).digest('hex'), id] as const)
      .sort()
      .map(([, id]) => id);
    expect(drawWinners('seed-1', ids, 3)).toEqual(expected);
    expect(drawWinners('seed-1', [...ids].reverse(), 2)).toEqual(expected.slice(0, 2));
    expect(lotteryTicket('seed-1', ids[0]!)).toMatch(/^[0-9a-f]{64}$/);
    expect(drawWinners('seed-1', ids, 10)).toHaveLength(3);
  });

  it('changes with the seed', () => {
    const many = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(drawWinners('a', many, 5)).not.toEqual(drawWinners('b', many, 5));
  });
});

describe('rewards policy', () => {
  const actor = (role: Actor['grants'][number]['role'], region: string): Actor => ({ accountId: 'a', personId: null, username: 'u', grants: [{ role, region }] });

  it('shows a county’s merchants to everyone working in the county, above or below, and to no other county', () => {
    expect(countyPathOf('jingmen/dongbao/longquan/xiangshan')).toBe('jingmen/dongbao');
    expect(rewardsVisibleTo(actor('steward', 'jingmen/dongbao/zipan/g01'), 'jingmen/dongbao/longquan/xiangshan')).toBe(true);
    expect(rewardsVisibleTo(actor('city_admin', 'jingmen'), 'jingmen/duodao/baishipo')).toBe(true);
    expect(rewardsVisibleTo(actor('county_admin', 'jingmen/duodao'), 'jingmen/dongbao/longquan')).toBe(false);
    expect(rewardsScope({ ...actor('steward', 'jingmen/dongbao/zipan/g01'), grants: [{ role: 'steward', region: 'jingmen/dongbao/zipan/g01' }, { role: 'resident', region: 'jingmen/dongbao/longquan' }] })).toEqual(['jingmen/dongbao']);
  });

  it('lets admins of the region or above keep merchants', () => {
    expect(mayKeepMerchants(actor('street_admin', 'jingmen/dongbao/longquan'), 'jingmen/dongbao/longquan/xiangshan')).toBe(true);
    expect(mayKeepMerchants(actor('street_admin', 'jingmen/dongbao/longquan'), 'jingmen/dongbao')).toBe(false);
    expect(mayKeepMerchants(actor('steward', 'jingmen/dongbao'), 'jingmen/dongbao')).toBe(false);
  });
});
