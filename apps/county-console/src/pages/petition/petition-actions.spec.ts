import { describe, expect, it } from 'vitest';
import type { PetitionState } from '../../api/schema-types.js';
import type { GrantLike } from '../../auth/roles.js';
import { assignableLevels, availableActions, mayReadContact, type PetitionRef, type WhistleRef } from './petition-actions.js';

const CITY = 'jingmen';
const DONGBAO = 'jingmen/dongbao';
const DUODAO = 'jingmen/duodao';
const ZIJING = 'jingmen/dongbao/zijing';
const XIANGSHAN = 'jingmen/dongbao/zijing/xiangshan';
const G03 = `${XIANGSHAN}/g03`;
const G04 = `${XIANGSHAN}/g04`;

const grid: GrantLike[] = [{ role: 'grid_worker', region: G03 }];
const otherGrid: GrantLike[] = [{ role: 'grid_worker', region: G04 }];
const community: GrantLike[] = [{ role: 'community_admin', region: XIANGSHAN }];
const street: GrantLike[] = [{ role: 'street_admin', region: ZIJING }];
const county: GrantLike[] = [{ role: 'county_admin', region: DONGBAO }];
const otherCounty: GrantLike[] = [{ role: 'county_admin', region: DUODAO }];
const city: GrantLike[] = [{ role: 'city_admin', region: CITY }];
const department: GrantLike[] = [{ role: 'department_handler', region: DONGBAO }];
const mediator: GrantLike[] = [{ role: 'mediator', region: XIANGSHAN }];

function petition(state: PetitionState, assignee: PetitionRef['assignee'] = null, extra: Partial<PetitionRef> = {}): PetitionRef {
  return { id: 'p1', state, region: G03, assignee, taskId: null, mediationCaseId: null, contactMasked: '张** 138****5678', ...extra };
}
const atGrid = { level: 'grid', region: G03 } as const;
const atCommunity = { level: 'community', region: XIANGSHAN } as const;
const atStreet = { level: 'street', region: ZIJING } as const;
const atDepartment = { level: 'department', region: DONGBAO } as const;

const labels = (grants: GrantLike[], p: PetitionRef, whistles: WhistleRef[] = []) => availableActions(grants, p, whistles).map((a) => a.label);

describe('screening a submitted petition (甄别)', () => {
  it('is for grid workers and admins of its region', () => {
    for (const g of [grid, community, street, county, city]) expect(labels(g, petition('submitted'))).toEqual(['甄别']);
  });

  it('is not for another grid, another county, a department or a mediator', () => {
    for (const g of [otherGrid, otherCounty, department, mediator]) expect(labels(g, petition('submitted'))).toEqual([]);
  });

  it('opens a form', () => {
    expect(availableActions(grid, petition('submitted'))[0]).toMatchObject({ kind: 'screen', needsInput: true });
  });
});

describe('assigning (分派)', () => {
  it('lets the screener send a screened petition to any level', () => {
    expect(labels(grid, petition('screened'))).toEqual(['分派']);
    expect(assignableLevels(grid, petition('screened'))).toEqual(['grid', 'community', 'street', 'department']);
  });

  it('lets a department handler holding it only pass it up — and there is nothing above a department', () => {
    const p = petition('accepted', atDepartment);
    expect(assignableLevels(department, p)).toEqual([]);
    expect(labels(department, p)).not.toContain('分派');
  });

  it('is not offered once the petition is resolved or ended by screening', () => {
    for (const s of ['resolved', 'closed', 'merged', 'invalid', 'not_responsible', 'referred'] as const) expect(labels(county, petition(s, atGrid))).not.toContain('分派');
  });
});

describe('handling (受理, 开始办理, 办结)', () => {
  it('lets the grid worker of the assigned grid accept', () => {
    expect(labels(grid, petition('assigned', atGrid))).toEqual(['受理', '分派', '转为任务', '转为调解']);
  });

  it('does not let a grid worker accept what was assigned to the community', () => {
    expect(labels(grid, petition('assigned', atCommunity))).not.toContain('受理');
    expect(labels(community, petition('assigned', atCommunity))).toContain('受理');
  });

  it('lets an admin above a level act for it, but not one below', () => {
    expect(labels(county, petition('assigned', atStreet))).toContain('受理');
    expect(labels(community, petition('assigned', atStreet))).not.toContain('受理');
  });

  it('gives a department petition to the county’s department handlers', () => {
    expect(labels(department, petition('assigned', atDepartment))).toEqual(['受理', '转为任务', '转为调解']);
    expect(labels(department, petition('assigned', atGrid))).toEqual([]);
  });

  it('offers 开始办理 and 办结 on an accepted petition, 办结 alone in progress', () => {
    expect(labels(grid, petition('accepted', atGrid))).toEqual(['开始办理', '办结', '分派', '转为任务', '转为调解']);
    expect(labels(grid, petition('in_progress', atGrid))).toEqual(['办结', '分派', '转为任务', '转为调解']);
  });

  it('asks for the result before resolving', () => {
    expect(availableActions(grid, petition('in_progress', atGrid)).find((a) => a.kind === 'resolve')).toMatchObject({ label: '办结', needsInput: true });
    expect(availableActions(grid, petition('assigned', atGrid)).find((a) => a.kind === 'accept')).toMatchObject({ needsInput: false });
  });

  it('offers nothing to another county’s admin', () => {
    for (const s of ['assigned', 'accepted', 'in_progress', 'resolved'] as const) expect(labels(otherCounty, petition(s, atGrid))).toEqual([]);
  });
});

describe('whistle (吹哨) and report (报到)', () => {
  it('lets the community (or above) summon a department while a grid or community level handles it', () => {
    expect(labels(community, petition('accepted', atGrid))).toContain('吹哨');
    expect(labels(county, petition('in_progress', atCommunity))).toContain('吹哨');
  });

  it('is not for grid workers, nor above community level, nor before it is assigned or after it is resolved', () => {
    expect(labels(grid, petition('accepted', atGrid))).not.toContain('吹哨');
    expect(labels(county, petition('accepted', atStreet))).not.toContain('吹哨');
    expect(labels(county, petition('screened'))).not.toContain('吹哨');
    expect(labels(county, petition('resolved', atGrid))).not.toContain('吹哨');
  });

  const open: WhistleRef = { id: 'w1', petitionId: 'p1', acknowledgedAt: null, departmentName: '城管局' };
  it('gives a department handler of the county one 报到 per open whistle of this petition', () => {
    const acts = availableActions(department, petition('accepted', atGrid), [open, { ...open, id: 'w2', acknowledgedAt: '2025-01-01T00:00:00Z' }, { ...open, id: 'w3', petitionId: 'other' }]);
    expect(acts).toEqual([{ kind: 'acknowledge', label: '报到', needsInput: false, whistleId: 'w1', hint: '城管局向社区报到' }]);
  });

  it('does not let a grid worker or another county report', () => {
    expect(labels(grid, petition('accepted', atGrid), [open])).not.toContain('报到');
    expect(labels([{ role: 'department_handler', region: DUODAO }], petition('accepted', atGrid), [open])).toEqual([]);
  });
});

describe('supervision (督办) and hand-ons', () => {
  it('lets community, street, county and city admins reopen a resolved or closed petition', () => {
    for (const g of [community, street, county, city]) {
      expect(labels(g, petition('resolved', atGrid))).toEqual(['督办']);
      expect(labels(g, petition('closed', atGrid))).toEqual(['督办']);
    }
  });

  it('does not let the grid worker reopen what they resolved', () => {
    expect(labels(grid, petition('resolved', atGrid))).toEqual([]);
  });

  it('hands a petition on once per kind', () => {
    expect(labels(grid, petition('in_progress', atGrid, { taskId: 't1' }))).not.toContain('转为任务');
    expect(labels(grid, petition('in_progress', atGrid, { taskId: 't1' }))).toContain('转为调解');
    expect(labels(grid, petition('in_progress', atGrid, { mediationCaseId: 'm1' }))).not.toContain('转为调解');
  });
});

describe('unmasking the contact', () => {
  it('is for the handler, the screener or a supervisor', () => {
    expect(mayReadContact(grid, petition('submitted'))).toBe(true);
    expect(mayReadContact(department, petition('accepted', atDepartment))).toBe(true);
    expect(mayReadContact(county, petition('closed', atGrid))).toBe(true);
  });

  it('is not for a department handler who does not hold it, nor when there is no contact', () => {
    expect(mayReadContact(department, petition('submitted'))).toBe(false);
    expect(mayReadContact(grid, petition('submitted', null, { contactMasked: null }))).toBe(false);
  });
});
