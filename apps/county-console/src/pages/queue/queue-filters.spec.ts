import { describe, expect, it } from 'vitest';
import type { GrantLike } from '../../auth/roles.js';
import { parseQueueFilters, queueContext, queueVariables, serializeQueueFilters, shortRegion, withFilter, QUEUE_PAGE_SIZE, type QueueFilters } from './queue-filters.js';

const DONGBAO = 'jingmen/dongbao';
const XIANGSHAN = 'jingmen/dongbao/zijing/xiangshan';
const G03 = `${XIANGSHAN}/g03`;
const G04 = `${XIANGSHAN}/g04`;

const countyAdmin: GrantLike[] = [{ role: 'county_admin', region: DONGBAO }];
const gridWorker: GrantLike[] = [{ role: 'grid_worker', region: G03 }];
const q = (s: string) => new URLSearchParams(s);

describe('queueContext', () => {
  it('starts a grid worker on their grid and an admin on everything they handle', () => {
    expect(queueContext(gridWorker)).toEqual({ regions: [G03], defaultRegion: G03 });
    expect(queueContext(countyAdmin)).toEqual({ regions: [DONGBAO], defaultRegion: '' });
  });

  it('starts anyone with a wider role than grid worker on everything, and leaves mediator regions out', () => {
    const both: GrantLike[] = [...gridWorker, { role: 'community_admin', region: XIANGSHAN }, { role: 'mediator', region: 'jingmen/duodao' }];
    expect(queueContext(both)).toEqual({ regions: [XIANGSHAN], defaultRegion: '' });
  });

  it('offers each grid of a grid worker with two, starting on the first', () => {
    const two: GrantLike[] = [...gridWorker, { role: 'grid_worker', region: G04 }];
    expect(queueContext(two)).toEqual({ regions: [G03, G04], defaultRegion: G03 });
  });
});

describe('parseQueueFilters', () => {
  const admin = queueContext(countyAdmin);
  it('reads every filter from the URL', () => {
    expect(parseQueueFilters(q('state=open&category=municipal.streetlight&channel=hotline&overdue=1&region=jingmen/dongbao/zijing&after=abc'), admin)).toEqual({
      state: 'open',
      category: 'municipal.streetlight',
      channel: 'hotline',
      overdue: true,
      region: 'jingmen/dongbao/zijing',
      after: 'abc',
    });
  });

  it('falls back to the defaults for values it does not know', () => {
    expect(parseQueueFilters(q('state=lost&channel=fax&category=DROP TABLE&overdue=yes'), admin)).toEqual({ state: '', category: '', channel: '', overdue: false, region: '', after: '' });
  });

  it('ignores a region outside the user’s own (a Dongbao admin never lists Duodao)', () => {
    expect(parseQueueFilters(q('region=jingmen/duodao'), admin).region).toBe('');
    expect(parseQueueFilters(q('region=jingmen/duodao'), queueContext(gridWorker)).region).toBe(G03);
  });

  it('gives a grid worker their grid unless the URL asks for all regions', () => {
    const ctx = queueContext(gridWorker);
    expect(parseQueueFilters(q(''), ctx).region).toBe(G03);
    expect(parseQueueFilters(q('region=all'), ctx).region).toBe('');
  });
});

describe('serializeQueueFilters', () => {
  const admin = queueContext(countyAdmin);
  const none: QueueFilters = { state: '', category: '', channel: '', overdue: false, region: '', after: '' };

  it('keeps plain /queue plain', () => {
    expect(serializeQueueFilters(none, admin)).toBe('');
    expect(serializeQueueFilters({ ...none, region: G03 }, queueContext(gridWorker))).toBe('');
  });

  it('round-trips through the URL', () => {
    const f: QueueFilters = { state: 'assigned', category: 'municipal', channel: 'qr', overdue: true, region: 'jingmen/dongbao/zijing', after: 'cursor-1' };
    expect(parseQueueFilters(q(serializeQueueFilters(f, admin)), admin)).toEqual(f);
  });

  it('writes region=all when a grid worker widens to every region', () => {
    const ctx = queueContext([...gridWorker, { role: 'grid_worker', region: G04 }]);
    const s = serializeQueueFilters({ ...none, region: '' }, ctx);
    expect(s).toBe('region=all');
    expect(parseQueueFilters(q(s), ctx).region).toBe('');
  });
});

describe('queueVariables', () => {
  const none: QueueFilters = { state: '', category: '', channel: '', overdue: false, region: '', after: '' };

  it('asks for one page and nothing else when nothing is filtered', () => {
    expect(queueVariables(none)).toEqual({ first: QUEUE_PAGE_SIZE });
  });

  it('maps each filter to its argument of petitions(...)', () => {
    expect(queueVariables({ state: 'in_progress', category: 'municipal', channel: 'door_knock', overdue: true, region: G03, after: 'c2' })).toEqual({
      first: QUEUE_PAGE_SIZE,
      after: 'c2',
      states: ['in_progress'],
      category: 'municipal',
      channels: ['door_knock'],
      overdue: true,
      region: G03,
    });
  });

  it('turns 未办结 into every state still waiting for someone', () => {
    expect(queueVariables({ ...none, state: 'open' }).states).toEqual(['submitted', 'screened', 'assigned', 'accepted', 'in_progress']);
  });

  it('never sends overdue: false, which would hide the overdue ones', () => {
    expect(queueVariables({ ...none, overdue: false })).not.toHaveProperty('overdue');
  });

  it('goes back to the first page when a filter changes', () => {
    expect(withFilter({ ...none, after: 'c9' }, { channel: 'qr' })).toEqual({ ...none, channel: 'qr', after: '' });
  });
});

describe('shortRegion', () => {
  it('shows a petition’s place below the user’s region', () => {
    expect(shortRegion(G03, [DONGBAO])).toBe('zijing/xiangshan/g03');
    expect(shortRegion(G03, [G03])).toBe(G03);
    expect(shortRegion('jingmen/duodao/x', [DONGBAO])).toBe('jingmen/duodao/x');
  });
});
