import { CONFIRMATION_REMINDER_DAYS, CONFIRMATION_WINDOW_DAYS } from '@gov/mediation-contracts';

const DAY_MS = 86_400_000;

/** The last moment to apply jointly for judicial confirmation: 30 days after the agreement took effect. */
export function confirmationDeadline(agreedAt: Date): Date {
  return new Date(agreedAt.getTime() + CONFIRMATION_WINDOW_DAYS * DAY_MS);
}

/**
 * How many reminders should have gone out by `now` (one at 7 days left, one at 2 days left).
 * The sweeper sends the difference to what was sent, so each goes out once.
 */
export function remindersDue(deadline: Date, now: Date): number {
  const left = (deadline.getTime() - now.getTime()) / DAY_MS;
  if (left <= 0) return CONFIRMATION_REMINDER_DAYS.length;
  return CONFIRMATION_REMINDER_DAYS.filter((d) => left <= d).length;
}
