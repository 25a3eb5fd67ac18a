import type { StewardClass } from '@gov/identity-contracts';

/**
 * Steward number (红管家编号): `C-UNIT-GRID-BLDG-NNNN`, so the number itself tells role, unit,
 * grid and building ("见号知身份、知单位、知网格、知楼栋"):
 *   C     class 1–6
 *   UNIT  the unit's code (2–12 capitals/digits)
 *   GRID  the grid's own code: the last segment of its region path, upper-cased
 *   BLDG  building number, or 0 when the steward has no building
 *   NNNN  sequence within that prefix, from 0001
 * e.g. `6-DBWJ-G03-12-0007`. Any change of class, unit, grid or building reissues the number.
 */
export interface StewardNumberParts {
  class: StewardClass;
  unitCode: string;
  grid: string;
  building: string | null;
}

export function stewardNumberPrefix(p: StewardNumberParts): string {
  const gridCode = p.grid.split('/').pop()!.toUpperCase();
  return [p.class, p.unitCode, gridCode, p.building ?? '0'].join('-');
}

export function formatStewardNumber(prefix: string, seq: number): string {
  return `${prefix}-${String(seq).padStart(4, '0')}`;
}

const NUMBER = /^([1-6])-([A-Z0-9]{2,12})-([A-Z0-9-]+?)-([0-9A-Z]{1,4})-(\d{4,})$/;

export function parseStewardNumber(n: string): { class: StewardClass; unitCode: string; gridCode: string; building: string | null; seq: number } | null {
  const m = NUMBER.exec(n);
  if (!m) return null;
  return { class: Number(m[1]) as StewardClass, unitCode: m[2]!, gridCode: m[3]!, building: m[4] === '0' ? null : m[4]!, seq: Number(m[5]) };
}

/** True when a change to these parts needs a new number. */
export function numberChanges(before: StewardNumberParts, after: StewardNumberParts): boolean {
  return stewardNumberPrefix(before) !== stewardNumberPrefix(after);
}
