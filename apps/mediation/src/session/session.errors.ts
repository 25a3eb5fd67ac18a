import { AppError } from '@gov/kernel';
import { MediationRefusal } from '@gov/mediation-contracts';

/** The refusals of sessions, each a coded AppError that changes nothing. */
export const SessionErrors = {
  notConductor: () => new AppError('FORBIDDEN', "only the case's mediator or an admin of its place schedules and records its sessions"),
  inPast: () => new AppError('VALIDATION', 'a session is scheduled for a time to come', MediationRefusal.SESSION_IN_PAST, [{ path: 'startsAt', message: 'in the past' }]),
  onlineNeedsLink: () =>
    new AppError('VALIDATION', 'an online session needs its meeting link', MediationRefusal.ONLINE_NEEDS_LINK, [{ path: 'meetingLink', message: 'required' }]),
  placeNeeded: () => new AppError('VALIDATION', 'a session in person needs its place', undefined, [{ path: 'place', message: 'required' }]),
  // Another county's session answers exactly as a missing one.
  unknownSession: () => new AppError('NOT_FOUND', 'no such session', MediationRefusal.UNKNOWN_SESSION),
  alreadyRecorded: () => new AppError('CONFLICT', 'this session is recorded already', MediationRefusal.ALREADY_RECORDED),
  unknownParty: () =>
    // Another case's (or county's) party answers exactly as a missing one.
    new AppError('NOT_FOUND', 'only parties of the case attend its sessions', MediationRefusal.UNKNOWN_PARTY, [{ path: 'attendedPartyIds', message: 'not a party of this case' }]),
};

/** Answers a NOT_FOUND of the case behind an object as the object's own refusal, so nothing tells that it exists. */
export function missingAs(refusal: () => AppError): (err: unknown) => never {
  return (err) => {
    // Only the case's own NOT_FOUND (no reason): a refusal with a reason of its own passes through.
    throw err instanceof AppError && err.code === 'NOT_FOUND' && !err.reason ? refusal() : err;
  };
}
