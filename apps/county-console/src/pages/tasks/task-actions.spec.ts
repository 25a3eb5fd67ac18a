import { describe, expect, it } from 'vitest';
import type { ClaimStatus } from '../../api/schema-types.js';
import { canPublish, claimActions, publishRegions, reasonError, seesAllClaims, taskActions, type TaskLike, type Viewer } from './task-actions.js';

const XIANGSHAN = 'jingmen/dongbao/longquan/xiangshan';
const TASK: TaskLike = { kind: 'dispatched', region: `${XIANGSHAN}/g03`, status: 'published', publishedBy: 'person-publisher' };

const gridWorker: Viewer = { accountId: 'a1', personId: 'person-gw', grants: [{ role: 'grid_worker', region: `${XIANGSHAN}/g03` }] };
const countyAdmin: Viewer = { accountId: 'a2', personId: 'person-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] };
const duodaoAdmin: Viewer = { accountId: 'a3', personId: 'person-dd', grants: [{ role: 'county_admin', region: 'jingmen/duodao' }] };
const handler: Viewer = { accountId: 'a4', personId: 'person-h', grants: [{ role: 'department_handler', region: 'jingmen/dongbao' }] };
const publisher: Viewer = { accountId: 'a5', personId: 'person-publisher', grants: [{ role: 'community_admin', region: XIANGSHAN }] };

const claim = (status: ClaimStatus, rating: number | null = null) => ({ status, rating });

describe('claimActions', () => {
  it('offers approve and reject on a submitted claim to grid workers and admins of the task’s region or above', () => {
    expect(claimActions(gridWorker, TASK, claim('submitted'))).toEqual(['approve', 'reject']);
    expect(claimActions(countyAdmin, TASK, claim('submitted'))).toEqual(['approve', 'reject']);
  });

  it('offers nothing to another county’s admin or to a department handler', () => {
    expect(claimActions(duodaoAdmin, TASK, claim('submitted'))).toEqual([]);
    expect(claimActions(handler, TASK, claim('submitted'))).toEqual([]);
  });

  it('verifies only submitted claims', () => {
    for (const s of ['claimed', 'checked_in', 'verified', 'rejected', 'withdrawn', 'expired'] as const) expect(claimActions(countyAdmin, TASK, claim(s))).toEqual([]);
  });

  it('lets only the publisher rate a verified completion, once', () => {
    expect(claimActions(publisher, TASK, claim('verified'))).toEqual(['rate']);
    expect(claimActions(publisher, TASK, claim('verified', 4))).toEqual([]);
    expect(claimActions(countyAdmin, TASK, claim('verified'))).toEqual([]);
  });

  it('leaves micro-wishes to the resident who posted them', () => {
    const wish = { ...TASK, kind: 'micro_wish' as const };
    expect(claimActions(countyAdmin, wish, claim('submitted'))).toEqual([]);
    expect(claimActions(publisher, wish, claim('verified'))).toEqual([]);
  });

  it('matches the publisher by account when the user has no person record', () => {
    const byAccount: Viewer = { accountId: 'person-publisher', personId: null, grants: [] };
    expect(claimActions(byAccount, TASK, claim('verified'))).toEqual(['rate']);
  });
});

describe('taskActions', () => {
  it('lets the publisher or a verifier cancel an open task, nobody a finished one', () => {
    expect(taskActions(gridWorker, TASK)).toEqual(['cancel']);
    expect(taskActions({ ...publisher, grants: [] }, TASK)).toEqual(['cancel']);
    expect(taskActions(handler, TASK)).toEqual([]);
    expect(taskActions(countyAdmin, { ...TASK, status: 'closed' })).toEqual([]);
  });

  it('tells who sees every claim', () => {
    expect(seesAllClaims(countyAdmin, TASK)).toBe(true);
    expect(seesAllClaims(handler, TASK)).toBe(false);
  });
});

describe('canPublish', () => {
  it('lets stewards publish ordinary tasks but only grid workers and admins emergencies', () => {
    const steward = [{ role: 'steward' as const, region: `${XIANGSHAN}/g03` }];
    expect(canPublish(steward, `${XIANGSHAN}/g03/b12`, 'dispatched')).toBe(true);
    expect(canPublish(steward, `${XIANGSHAN}/g03/b12`, 'emergency')).toBe(false);
    expect(canPublish(gridWorker.grants, `${XIANGSHAN}/g03/b12`, 'emergency')).toBe(true);
    expect(canPublish(gridWorker.grants, `${XIANGSHAN}/g04`, 'dispatched')).toBe(false);
    expect(canPublish(handler.grants, 'jingmen/dongbao', 'dispatched')).toBe(false);
  });

  it('suggests the widest regions where the user may publish', () => {
    expect(publishRegions([...countyAdmin.grants, ...gridWorker.grants, ...handler.grants])).toEqual(['jingmen/dongbao']);
    expect(publishRegions(handler.grants)).toEqual([]);
  });
});

describe('reasonError', () => {
  it('needs a reason of at most 500 characters', () => {
    expect(reasonError('  ')).toBe('请填写理由');
    expect(reasonError('x'.repeat(501))).toBe('理由不超过 500 个字');
    expect(reasonError('照片与任务地点不符')).toBeNull();
  });
});
