import { CATEGORY_KEY, LEVELS, MAX_TIME_LIMIT_DAYS, SIX_PREVENTIONS } from '@gov/petitions-contracts';
import { MAJOR_CATEGORY_COUNT, MINOR_CATEGORY_COUNT, TAXONOMY, findMinor } from './taxonomy.js';

/** Any CJK unified ideograph: a name residents read must be Chinese, not a leftover key. */
const CJK = /\p{Script=Han}/u;
/** UpdateCategoryInput's limit on a category name. */
const MAX_NAME_LENGTH = 40;

const minors = TAXONOMY.flatMap((major) => major.minors.map((minor) => ({ major, minor })));

describe('seeded taxonomy', () => {
  it('has 19 major and 117 minor categories, every major with some minors', () => {
    expect(TAXONOMY).toHaveLength(MAJOR_CATEGORY_COUNT);
    expect(minors).toHaveLength(MINOR_CATEGORY_COUNT);
    expect(MAJOR_CATEGORY_COUNT).toBe(19);
    expect(MINOR_CATEGORY_COUNT).toBe(117);
    for (const major of TAXONOMY) expect(major.minors.length).toBeGreaterThan(0);
  });

  it('gives every category a unique valid key, a minor key being `<major>.<minor>`', () => {
    const majorKeys = TAXONOMY.map((m) => m.key);
    const minorKeys = minors.map(({ minor }) => minor.key);
    expect(new Set(majorKeys).size).toBe(majorKeys.length);
    expect(new Set(minorKeys).size).toBe(minorKeys.length);
    for (const key of majorKeys) expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    for (const { major, minor } of minors) {
      expect(minor.key).toMatch(CATEGORY_KEY);
      expect(minor.key.startsWith(`${major.key}.`)).toBe(true);
      expect(minor.key.split('.')).toHaveLength(2);
    }
  });

  it('names every category in Chinese, within the editable length', () => {
    const names = [...TAXONOMY.map((m) => m.nameZh), ...minors.map(({ minor }) => minor.nameZh)];
    for (const name of names) {
      expect(name.trim()).toBe(name);
      expect(name.length).toBeGreaterThan(0);
      expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      expect(name).toMatch(CJK);
    }
    expect(new Set(minors.map(({ minor }) => minor.nameZh)).size).toBe(MINOR_CATEGORY_COUNT);
  });

  it('keeps time limits between a day and MAX_TIME_LIMIT_DAYS, a day for urgent safety hazards', () => {
    for (const { minor } of minors) {
      expect(Number.isInteger(minor.timeLimitDays)).toBe(true);
      expect(minor.timeLimitDays).toBeGreaterThanOrEqual(1);
      expect(minor.timeLimitDays).toBeLessThanOrEqual(MAX_TIME_LIMIT_DAYS);
    }
    for (const key of ['municipal.manhole_cover', 'safety.ebike_charging', 'utilities.gas_safety', 'municipal.waterlogging']) {
      expect(findMinor(key)?.timeLimitDays).toBe(1);
    }
  });

  it('names a department exactly for department-level categories, without a county prefix', () => {
    for (const { minor } of minors) {
      expect(LEVELS).toContain(minor.defaultLevel);
      if (minor.defaultLevel === 'department') {
        expect(minor.defaultDepartment).toMatch(CJK);
        expect(minor.defaultDepartment).not.toMatch(/^(荆门|东宝|掇刀)/);
      } else {
        expect(minor.defaultDepartment).toBeNull();
      }
    }
  });

  it('covers each of the six preventions so a sentinel can always file a report', () => {
    const covered = new Set(minors.map(({ minor }) => minor.sixPrevention).filter((p) => p !== undefined));
    expect([...covered].sort()).toEqual([...SIX_PREVENTIONS].sort());
  });

  it('asks for a named petitioner where handling needs the person, not for public-space issues', () => {
    for (const key of ['employment.wage_arrears', 'social_security.pension', 'social_security.medical_insurance', 'civil_affairs.subsistence_allowance']) {
      expect(findMinor(key)?.anonymousAllowed).toBe(false);
    }
    for (const key of ['municipal.streetlight', 'sanitation.garbage_overflow', 'urban.street_vending', 'safety.ebike_charging']) {
      expect(findMinor(key)?.anonymousAllowed).toBe(true);
    }
  });

  it('finds a minor category with its major by key, and nothing for a major or unknown key', () => {
    expect(findMinor('municipal.streetlight')).toEqual({
      key: 'municipal.streetlight',
      nameZh: '路灯不亮',
      majorKey: 'municipal',
      majorNameZh: '市政设施',
      defaultLevel: 'department',
      defaultDepartment: '城市管理执法局',
      timeLimitDays: 3,
      anonymousAllowed: true,
    });
    expect(findMinor('safety.ebike_charging')).toMatchObject({ majorNameZh: '治安消防', defaultLevel: 'grid', sixPrevention: 'fire' });
    expect(findMinor('municipal')).toBeUndefined();
    expect(findMinor('municipal.teleporter')).toBeUndefined();
  });
});
