import type { EmergencyType, TaskKind } from '@gov/tasks-contracts';

/**
 * Points rules (积分规则) from the steward programme: dispatched tasks 5–20 points, emergency
 * tasks 5–40, a 1,000-point annual task load. Annual duties and micro-wishes are small steady
 * work, bounded like dispatched tasks.
 */
export const POINTS_RANGE: Record<TaskKind, { min: number; max: number }> = {
  annual_duty: { min: 1, max: 20 },
  dispatched: { min: 5, max: 20 },
  emergency: { min: 5, max: 40 },
  micro_wish: { min: 1, max: 10 },
};

/** Emergency duties weigh more the more dangerous they are; applied to the published points, capped at the kind's max. */
export const EMERGENCY_MULTIPLIER: Record<EmergencyType, number> = { epidemic: 1.5, flood: 2, fire: 2, earthquake: 2 };

/** Task points one steward may earn on one day: a day of emergency duty counts in full, farming does not. */
export const DAILY_POINTS_CAP = 60;
/** The yearly task load every steward is measured against. */
export const ANNUAL_POINTS_TARGET = 1000;
/** A five-star rating adds a bonus and a lottery voucher (积分奖券). */
export const FIVE_STAR_BONUS = 2;
export const VOUCHER_STARS = 5;
/** Duty check-ins a cadre owes their home community per year (双报到). */
export const DUTY_CHECKINS_PER_YEAR = 12;

export function pointsInRange(kind: TaskKind, points: number): boolean {
  const r = POINTS_RANGE[kind];
  return points >= r.min && points <= r.max;
}

/** Points a verified completion posts before the daily cap. */
export function completionPoints(kind: TaskKind, emergencyType: EmergencyType | null, published: number): number {
  if (kind !== 'emergency' || !emergencyType) return published;
  return Math.min(POINTS_RANGE.emergency.max, Math.round(published * EMERGENCY_MULTIPLIER[emergencyType]));
}

/** What the daily cap lets through, given what the steward already earned that day. */
export function cappedPoints(points: number, earnedToday: number): number {
  return Math.max(0, Math.min(points, DAILY_POINTS_CAP - earnedToday));
}

/** The periods a posting at `at` (China Standard Time) counts in: year, quarter, month. */
export const PERIOD_TIME_ZONE_OFFSET_H = 8;
export function periodsOf(at: Date): { year: string; quarter: string; month: string; day: string } {
  const local = new Date(at.getTime() + PERIOD_TIME_ZONE_OFFSET_H * 3600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth() + 1;
  return {
    year: String(y),
    quarter: `${y}-Q${Math.ceil(m / 3)}`,
    month: `${y}-${String(m).padStart(2, '0')}`,
    day: local.toISOString().slice(0, 10),
  };
}
