import { CASE_LEVELS, LEVEL_DEPTH, type CaseLevel } from '@gov/mediation-contracts';

/** The level of a region path's node: a county path is county level, a grid path grid level. */
export function levelOfRegion(path: string): CaseLevel | null {
  const depth = path.split('/').length;
  return CASE_LEVELS.find((l) => LEVEL_DEPTH[l] === depth) ?? null;
}

/** The node at `level` above (or at) a place, e.g. the community of a grid; null when the place is above that level. */
export function nodeAt(place: string, level: CaseLevel): string | null {
  const parts = place.split('/');
  const depth = LEVEL_DEPTH[level];
  return parts.length >= depth ? parts.slice(0, depth).join('/') : null;
}

/** The next level up (grid → community → street → county), or null at the county centre. */
export function nextLevel(level: CaseLevel): CaseLevel | null {
  return CASE_LEVELS[CASE_LEVELS.indexOf(level) + 1] ?? null;
}

/** The level a case opens at: the place's own level unless asked higher (never lower than its place allows). */
export function openingLevel(place: string, asked: CaseLevel | null): CaseLevel | null {
  const own = levelOfRegion(place);
  if (!own) return null;
  if (!asked) return own;
  return CASE_LEVELS.indexOf(asked) >= CASE_LEVELS.indexOf(own) ? asked : null;
}

/** The police grid alerted of a criminal risk: the place's community (社区民警's beat, 一村一警). */
export function policeGridOf(place: string): string {
  return nodeAt(place, 'community') ?? place;
}
