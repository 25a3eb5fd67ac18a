import { AppError } from '@gov/kernel';
import { PetitionRefusal, type PetitionState } from '@gov/petitions-contracts';

/** The petitions refusals, each a coded AppError a frontend shows a sentence for. */
export const PetitionErrors = {
  unknownCategory: (key: string) => new AppError('VALIDATION', `no category ${key}`, PetitionRefusal.UNKNOWN_CATEGORY, [{ path: 'category', message: 'unknown category' }]),
  categoryRetired: (key: string) => new AppError('VALIDATION', `category ${key} is no longer in use`, PetitionRefusal.CATEGORY_RETIRED, [{ path: 'category', message: 'retired' }]),
  anonymousNotAllowed: () => new AppError('VALIDATION', 'this category needs a way to reach the submitter', PetitionRefusal.ANONYMOUS_NOT_ALLOWED),
  contactNeeded: () => new AppError('VALIDATION', 'give a name and phone number, or submit anonymously where the category allows it', PetitionRefusal.CONTACT_NEEDED, [{ path: 'contact', message: 'required' }]),
  channelNeedsSignIn: (channel: string) => new AppError('UNAUTHENTICATED', `the ${channel} channel needs a signed-in caller`, PetitionRefusal.CHANNEL_NEEDS_SIGN_IN),
  channelNeedsStaff: (channel: string) => new AppError('FORBIDDEN', `only staff of the region enter ${channel} petitions`, PetitionRefusal.CHANNEL_NEEDS_STAFF),
  notASentinel: () => new AppError('FORBIDDEN', 'only an enrolled steward reports as a sentinel or from the steward app', PetitionRefusal.NOT_A_SENTINEL),
  sixPreventionNeeded: () => new AppError('VALIDATION', 'a sentinel report names one of the six preventions', PetitionRefusal.NOT_SIX_PREVENTIONS, [{ path: 'sixPrevention', message: 'required' }]),
  noPlace: (what: string) => new AppError('VALIDATION', `give ${what}`, PetitionRefusal.NO_PLACE),
  wrongState: (state: PetitionState, action: string) => new AppError('CONFLICT', `a ${state} petition cannot be ${action}`, PetitionRefusal.WRONG_STATE),
  wrongLevel: (message: string) => new AppError('VALIDATION', message, PetitionRefusal.WRONG_LEVEL),
  // Another county's department answers exactly as a missing one.
  unknownDepartment: () => new AppError('NOT_FOUND', 'no such department in this county', PetitionRefusal.UNKNOWN_DEPARTMENT),
  assigneeOutsideRegion: () => new AppError('VALIDATION', 'a petition is assigned to the node above its own place at that level', PetitionRefusal.ASSIGNEE_OUTSIDE_REGION),
  notTheSubmitter: () => new AppError('FORBIDDEN', 'only the submitter rates a petition', PetitionRefusal.NOT_THE_SUBMITTER),
  alreadyRated: () => new AppError('CONFLICT', 'this result is already rated', PetitionRefusal.ALREADY_RATED),
  duplicateOfItself: () => new AppError('VALIDATION', 'a petition cannot duplicate itself', PetitionRefusal.DUPLICATE_OF_ITSELF),
  duplicateTargetClosed: () => new AppError('CONFLICT', 'merge into an open petition of the same place', PetitionRefusal.DUPLICATE_TARGET_CLOSED),
  whistleNotCommunity: () => new AppError('CONFLICT', 'a community blows the whistle on a petition at grid or community level', PetitionRefusal.WHISTLE_NOT_COMMUNITY),
  alreadyAcknowledged: () => new AppError('CONFLICT', 'the department has already reported', PetitionRefusal.ALREADY_ACKNOWLEDGED),
  alreadyLinked: (kind: string) => new AppError('CONFLICT', `this petition already has a ${kind}`, PetitionRefusal.ALREADY_LINKED),
};
