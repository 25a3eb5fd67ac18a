import type { Actor } from '@gov/kernel';
import { caseNumber } from './case-number.js';
import { caseVisibleTo, mayConduct } from './case-policy.js';
import { confirmationDeadline, remindersDue } from './confirmation.js';
import { findConflicts } from './conflicts.js';
import { levelOfRegion, nextLevel, nodeAt, openingLevel, policeGridOf } from './levels.js';
import { disputeCategoryOfPetition } from './petition-category.js';
import { suggestionScore } from './suggestions.js';

const GRID = 'jingmen/dongbao/longquan/xiangshan/g03';
const COMMUNITY = 'jingmen/dongbao/longquan/xiangshan';
const DAY_MS = 86_400_000;
const actor = (role: Actor['grants'][number]['role'], region: string, personId: string | null = null): Actor => ({ accountId: 'a', personId, username: 'u', grants: [{ role, region }] });

describe('levels', () => {
  it('reads a level from a path and climbs grid → community → street → county', () => {
    expect(levelOfRegion(GRID)).toBe('grid');
    expect(levelOfRegion('jingmen/dongbao')).toBe('county');
    expect(levelOfRegion('jingmen')).toBeNull();
    expect(nodeAt(GRID, 'street')).toBe('jingmen/dongbao/longquan');
    expect(nodeAt(COMMUNITY, 'grid')).toBeNull();
    expect(['grid', 'community', 'street', 'county'].map((l) => nextLevel(l as never))).toEqual(['community', 'street', 'county', null]);
  });

  it('opens a case at its place or above, never below, and alerts the community as the police grid', () => {
    expect(openingLevel(GRID, null)).toBe('grid');
    expect(openingLevel(GRID, 'street')).toBe('street');
    expect(openingLevel(COMMUNITY, 'grid')).toBeNull();
    expect(policeGridOf(GRID)).toBe(COMMUNITY);
  });
});

describe('who sees and conducts a case', () => {
  const c = { region: GRID, mediatorPersonId: 'm1', partyPersonIds: ['p1'] };
  it('shows a case to staff of its place or above, its mediator and its parties only', () => {
    expect(caseVisibleTo(actor('grid_worker', GRID), c)).toBe(true);
    expect(caseVisibleTo(actor('county_admin', 'jingmen/dongbao'), c)).toBe(true);
    expect(caseVisibleTo(actor('county_admin', 'jingmen/duodao'), c)).toBe(false);
    expect(caseVisibleTo(actor('grid_worker', `${COMMUNITY}/g01`), c)).toBe(false);
    expect(caseVisibleTo(actor('resident', GRID, 'p1'), c)).toBe(true);
    expect(caseVisibleTo(actor('resident', GRID, 'p2'), c)).toBe(false);
    expect(caseVisibleTo(actor('mediator', 'jingmen/duodao', 'm1'), c)).toBe(true);
  });

  it('lets only its mediator or an admin of its place conduct it', () => {
    expect(mayConduct(actor('mediator', GRID, 'm1'), c)).toBe(true);
    expect(mayConduct(actor('mediator', GRID, 'm2'), c)).toBe(false);
    expect(mayConduct(actor('community_admin', COMMUNITY), c)).toBe(true);
    expect(mayConduct(actor('grid_worker', GRID), c)).toBe(false);
  });
});

describe('conflicts of interest (回避)', () => {
  const party = (over: object = {}) => ({ id: 'party-1', name: '王秀兰', personId: 'p1', relatedPersonIds: [] as string[], residences: [{ householdId: 'h1', buildingId: 'b1' }], ...over });
  it('finds the party themself, a declared relative, the same household, or else the same building', () => {
    expect(findConflicts({ personId: 'p1', residences: [] }, [party()]).map((x) => x.kind)).toEqual(['is_party']);
    expect(findConflicts({ personId: 'm1', residences: [] }, [party({ relatedPersonIds: ['m1'] })]).map((x) => x.kind)).toEqual(['declared_relation']);
    expect(findConflicts({ personId: 'm1', residences: [{ householdId: 'h1', buildingId: 'b1' }] }, [party()]).map((x) => x.kind)).toEqual(['same_household']);
    expect(findConflicts({ personId: 'm1', residences: [{ householdId: 'h9', buildingId: 'b1' }] }, [party()]).map((x) => x.kind)).toEqual(['same_building']);
    expect(findConflicts({ personId: 'm1', residences: [{ householdId: 'h9', buildingId: 'b9' }] }, [party()])).toEqual([]);
  });
});

describe('suggestions', () => {
  const m = (over: object = {}) => ({ specialities: ['neighbours'] as never[], region: GRID, load: 0, capacity: 8, ...over });
  it('puts speciality first, then nearness, then spare capacity, and a full mediator below any free one', () => {
    expect(suggestionScore(m(), 'neighbours', GRID)).toBeGreaterThan(suggestionScore(m({ specialities: ['consumer'] }), 'neighbours', GRID));
    expect(suggestionScore(m(), 'neighbours', GRID)).toBeGreaterThan(suggestionScore(m({ region: COMMUNITY }), 'neighbours', GRID));
    expect(suggestionScore(m({ load: 1 }), 'neighbours', GRID)).toBeLessThan(suggestionScore(m(), 'neighbours', GRID));
    expect(suggestionScore(m({ load: 8 }), 'neighbours', GRID)).toBeLessThan(suggestionScore(m({ specialities: ['consumer'], load: 7 }), 'neighbours', GRID));
  });
});

describe('judicial confirmation window', () => {
  it('closes 30 days after the agreement takes effect, with reminders at 7 and 2 days left', () => {
    const agreed = new Date('2026-12-01T02:00:00Z');
    const deadline = confirmationDeadline(agreed);
    expect(deadline.getTime() - agreed.getTime()).toBe(30 * DAY_MS);
    const at = (daysLeft: number) => new Date(deadline.getTime() - daysLeft * DAY_MS);
    expect([10, 7, 3, 2, 1, 0].map((d) => remindersDue(deadline, at(d)))).toEqual([0, 1, 1, 2, 2, 2]);
  });
});

describe('case numbers and petitions handed on', () => {
  it('numbers cases per county and year, and files a petition under its dispute category', () => {
    expect(caseNumber('dongbao', 2026, 42)).toBe('东宝调〔2026〕0042号');
    expect(caseNumber('other', 2027, 1)).toBe('other调〔2027〕0001号');
    expect(disputeCategoryOfPetition('dispute.homestead_boundary')).toBe('land_boundary');
    expect(disputeCategoryOfPetition('dispute.noise')).toBe('neighbours');
    expect(disputeCategoryOfPetition('property.fee_dispute')).toBe('property_management');
    expect(disputeCategoryOfPetition('municipal.streetlight')).toBe('other');
  });
});
