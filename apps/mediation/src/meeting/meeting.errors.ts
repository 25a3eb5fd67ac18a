import { AppError } from '@gov/kernel';
import { MediationRefusal, type MeetingState } from '@gov/mediation-contracts';

type Field = { path: string; message: string };

/** The refusals of meetings and the committee's lists, each a coded AppError that changes nothing. */
export const MeetingErrors = {
  notAPlace: () => new AppError('VALIDATION', 'a meeting is held by a community or one of its grids', undefined, [{ path: 'region', message: 'must be a community or grid path' }]),
  notACommunity: () => new AppError('VALIDATION', "the four lists are a community's", undefined, [{ path: 'community', message: 'must be a community path' }]),
  notMeetingStaff: () => new AppError('FORBIDDEN', "only grid workers, mediators and admins of the meeting's place (or above) run its meetings"),
  notListStaff: () => new AppError('FORBIDDEN', "only grid workers, mediators and admins of the community (or above) keep its lists"),
  sourceNeeded: () =>
    new AppError('VALIDATION', 'an item from a petition, proposal or list item names it', MediationRefusal.UNKNOWN_SOURCE, [{ path: 'sourceId', message: 'required' }]),
  noSourceForRaised: () =>
    new AppError('VALIDATION', 'an item raised at the meeting names no source', MediationRefusal.UNKNOWN_SOURCE, [{ path: 'sourceId', message: 'must be empty' }]),
  // Another community's list item answers exactly as a missing one.
  unknownListItem: () =>
    new AppError('NOT_FOUND', "no such item on the community's lists", MediationRefusal.UNKNOWN_SOURCE, [{ path: 'sourceId', message: 'no such list item' }]),
  // Another community's (or county's) petition or proposal answers exactly as a missing one.
  unknownSource: (kind: string) => new AppError('NOT_FOUND', `no such ${kind} in the meeting's community`, MediationRefusal.UNKNOWN_SOURCE, [{ path: 'sourceId', message: `no such ${kind}` }]),
  agendaClosed: (state: MeetingState) => new AppError('CONFLICT', `the agenda of a ${state} meeting is closed: its minutes are recorded`, MediationRefusal.WRONG_STATE),
  alreadyRecorded: () => new AppError('CONFLICT', "this meeting's minutes are recorded already", MediationRefusal.ALREADY_RECORDED),
  notHeld: () => new AppError('CONFLICT', 'decisions are recorded once the minutes of the meeting are', MediationRefusal.MEETING_NOT_HELD),
  // Another meeting's (or county's) item answers exactly as a missing one.
  unknownAgendaItem: () =>
    new AppError('NOT_FOUND', 'no such item on the agenda of this meeting', MediationRefusal.UNKNOWN_AGENDA_ITEM, [{ path: 'agendaItemId', message: 'not an item of this meeting' }]),
  missing: (fields: Field[]) => new AppError('VALIDATION', `missing: ${fields.map((f) => f.path).join(', ')}`, undefined, fields),
  fixed: (path: 'community' | 'list') => new AppError('VALIDATION', `an item's ${path} does not change`, undefined, [{ path, message: 'cannot change' }]),
};
