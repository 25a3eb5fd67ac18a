import { AppError } from '@gov/kernel';
import { MediationRefusal, type CaseState, type ConflictView } from '@gov/mediation-contracts';

/** The case refusals, each a coded AppError a frontend shows a sentence for. */
export const CaseErrors = {
  wrongState: (state: CaseState, action: string) => new AppError('CONFLICT', `a ${state} case cannot be ${action}`, MediationRefusal.WRONG_STATE),
  sourceNeeded: (what: string) => new AppError('VALIDATION', `a case from this source names its ${what}`, MediationRefusal.SOURCE_NEEDED, [{ path: what, message: 'required' }]),
  petitionAlreadyOpened: () => new AppError('CONFLICT', 'a case is already open for this petition', MediationRefusal.PETITION_ALREADY_OPENED),
  wrongLevel: (message: string) => new AppError('VALIDATION', message, MediationRefusal.MEDIATOR_WRONG_LEVEL, [{ path: 'level', message }]),
  topLevel: () => new AppError('CONFLICT', 'the county centre is the last level: refer the case or close it', MediationRefusal.TOP_LEVEL),
  outcomeNeedsAgreement: () => new AppError('CONFLICT', 'only an agreed case is closed as performed', MediationRefusal.OUTCOME_NEEDS_AGREEMENT),
  unknownParty: () => new AppError('NOT_FOUND', 'no such party in this case', MediationRefusal.UNKNOWN_PARTY),
  // Another county's mediator answers exactly as a missing one.
  unknownMediator: () => new AppError('NOT_FOUND', 'no such mediator for this case', MediationRefusal.UNKNOWN_MEDIATOR),
  mediatorUnavailable: () => new AppError('CONFLICT', 'the mediator is not taking cases now, or is at capacity', MediationRefusal.MEDIATOR_UNAVAILABLE),
  mediatorWrongLevel: () => new AppError('VALIDATION', "the mediator's organisation does not serve this case's place at its level", MediationRefusal.MEDIATOR_WRONG_LEVEL),
  conflictOfInterest: (conflicts: ConflictView[]) =>
    new AppError(
      'CONFLICT',
      `the mediator has a conflict of interest (${conflicts.map((c) => `${c.kind}: ${c.partyName}`).join('; ')}); give an override reason to assign anyway`,
      MediationRefusal.CONFLICT_OF_INTEREST,
    ),
};
