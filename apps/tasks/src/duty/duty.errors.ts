import { AppError } from '@gov/kernel';
import { TaskRefusal } from '@gov/tasks-contracts';

/** Coded refusals of a duty check-in (报到): each changes nothing. */
export const DutyErrors = {
  notAnOffice: () =>
    new AppError('CONFLICT', "duty check-ins count at your home community's office or party-mass service centre", TaskRefusal.NOT_HOME_COMMUNITY),
  notHomeCommunity: (community: string) =>
    new AppError('CONFLICT', `this place is not in your home community (${community}); check in at your own community's office`, TaskRefusal.NOT_HOME_COMMUNITY),
  outsideGeofence: (distanceM: number, radiusM: number) =>
    new AppError('VALIDATION', `location: ${Math.round(distanceM)} m from the office; a check-in counts within ${radiusM} m`, TaskRefusal.OUTSIDE_GEOFENCE, [
      { path: 'location', message: `must lie within ${radiusM} m of the place` },
    ]),
  alreadyCheckedInToday: (day: string) => new AppError('CONFLICT', `you have already checked in on ${day}`, TaskRefusal.ALREADY_CHECKED_IN_TODAY),
};
