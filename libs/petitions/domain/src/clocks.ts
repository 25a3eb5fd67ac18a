import type { Level } from '@gov/petitions-contracts';

/**
 * Each level's own clock, from the moment a petition reaches it: a breach raises supervision
 * (督办) and escalates to the next level (小事不出网格、大事不出社区, then the street, then a
 * department). A department's breach is supervised again every SUPERVISION_REPEAT_HOURS.
 */
export const LEVEL_CLOCK_HOURS: Record<Level, number> = { grid: 72, community: 120, street: 168, department: 240 };
export const SUPERVISION_REPEAT_HOURS = 24;
/** A resolved petition nobody rated closes by itself after this many days. */
export const RATING_WINDOW_DAYS = 7;
/** Duplicates: same category, same building or within this distance, submitted within the window. */
export const DUPLICATE_RADIUS_M = 100;
export const DUPLICATE_WINDOW_DAYS = 7;
export const MAX_DUPLICATE_CANDIDATES = 20;
/** How far up a sentinel's report travels (哨兵 → 组长 → 班长). */
export const SENTINEL_CHAIN_DEPTH = 2;
/** Petitions one sweep pass handles per transaction. */
export const SWEEP_BATCH = 100;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export function levelDeadline(level: Level, from: Date): Date {
  return new Date(from.getTime() + LEVEL_CLOCK_HOURS[level] * HOUR_MS);
}

export function categoryDeadline(timeLimitDays: number, from: Date): Date {
  return new Date(from.getTime() + timeLimitDays * DAY_MS);
}

export function hoursFrom(from: Date, hours: number): Date {
  return new Date(from.getTime() + hours * HOUR_MS);
}

export function daysBefore(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
