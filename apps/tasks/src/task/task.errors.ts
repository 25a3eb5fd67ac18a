import { AppError } from '@gov/kernel';
import { TaskRefusal } from '@gov/tasks-contracts';

function invalid(path: string, message: string, reason?: string): AppError {
  return new AppError('VALIDATION', `${path}: ${message}`, reason, [{ path, message }]);
}

/** Coded refusals of the task lifecycle: each changes nothing. */
export const TaskErrors = {
  pointsOutOfRange: (kind: string, min: number, max: number) => invalid('points', `a ${kind} task is worth ${min}–${max} points`, TaskRefusal.POINTS_OUT_OF_RANGE),
  emergencyTypeNeeded: () => invalid('emergencyType', 'an emergency task names its emergency (epidemic, flood, fire, earthquake), other kinds none'),
  deadlinePassed: () => invalid('deadline', 'must lie in the future', TaskRefusal.DEADLINE_PASSED),
  placeOutsideRegion: () => invalid('placeId', "the place is not in the task's region"),
  full: () => new AppError('CONFLICT', 'every place on this task is taken', TaskRefusal.TASK_FULL),
  closed: (status: string) => new AppError('CONFLICT', `the task is ${status}`, TaskRefusal.TASK_CLOSED),
  expired: () => new AppError('CONFLICT', 'the task is past its deadline', TaskRefusal.TASK_EXPIRED),
  alreadyClaimed: () => new AppError('CONFLICT', 'you have already claimed this task', TaskRefusal.ALREADY_CLAIMED),
  classNotAllowed: (classes: number[]) => new AppError('CONFLICT', `this task is for stewards of class ${classes.join(', ')}`, TaskRefusal.CLASS_NOT_ALLOWED),
  wrongState: (status: string, action: string) => new AppError('CONFLICT', `cannot ${action} a claim that is ${status}`, TaskRefusal.WRONG_STATE),
  outsideGeofence: (distanceM: number, radiusM: number) =>
    invalid('location', `${Math.round(distanceM)} m from the task; check-in counts within ${radiusM} m`, TaskRefusal.OUTSIDE_GEOFENCE),
  selfVerification: () => new AppError('FORBIDDEN', 'nobody verifies their own work', TaskRefusal.SELF_VERIFICATION),
  chainVerification: () =>
    new AppError('FORBIDDEN', 'the claimant reports to you in the sentinel chain: another verifier must decide', TaskRefusal.CHAIN_VERIFICATION),
  alreadyRated: () => new AppError('CONFLICT', 'this completion is already rated', TaskRefusal.ALREADY_RATED),
};
