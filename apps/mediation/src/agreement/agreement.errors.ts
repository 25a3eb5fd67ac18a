import { AppError } from '@gov/kernel';
import { MediationRefusal, type CaseState } from '@gov/mediation-contracts';

/** The refusals of agreements and judicial confirmation, each a coded AppError that changes nothing. */
export const AgreementErrors = {
  notConductor: (what: string) => new AppError('FORBIDDEN', `only the case's mediator or an admin of its place ${what}`),
  notYourParty: () => new AppError('FORBIDDEN', 'a party accepts the agreement only for themself', MediationRefusal.NOT_YOUR_PARTY),
  wrongState: (state: CaseState, action: string) => new AppError('CONFLICT', `a ${state} case cannot ${action}`, MediationRefusal.WRONG_STATE),
  staleVersion: (current: number) => new AppError('CONFLICT', `the agreement is now at version ${current}: read it again before accepting`, MediationRefusal.WRONG_STATE),
  /** Accepting needs a draft: the case is not ready for it (CONFLICT); reading one that does not exist is NOT_FOUND. */
  nothingToAccept: () => new AppError('CONFLICT', 'no agreement has been drafted for this case yet', MediationRefusal.NO_AGREEMENT),
  noAgreement: () => new AppError('NOT_FOUND', 'no agreement has been drafted for this case yet', MediationRefusal.NO_AGREEMENT),
  alreadyAccepted: () => new AppError('CONFLICT', 'this party has accepted this version already', MediationRefusal.ALREADY_ACCEPTED),
  instalmentAfterDeadline: (index: number) =>
    new AppError('VALIDATION', 'every instalment falls due by the performance deadline', undefined, [{ path: `instalments.${index}.dueOn`, message: 'after the performance deadline' }]),
  alreadyRequested: () => new AppError('CONFLICT', 'judicial confirmation has been applied for already', MediationRefusal.ALREADY_REQUESTED),
  deadlinePassed: () =>
    new AppError('CONFLICT', 'the 30 days to apply jointly for judicial confirmation have passed', MediationRefusal.CONFIRMATION_DEADLINE_PASSED),
  notRequested: () => new AppError('CONFLICT', 'no application for judicial confirmation is pending', MediationRefusal.CONFIRMATION_NOT_REQUESTED),
  decidedInFuture: () => new AppError('VALIDATION', 'a ruling is recorded once made', undefined, [{ path: 'decidedAt', message: 'in the future' }]),
  // The server's path stays in its log, not in the answer.
  fontMissing: () => new AppError('UNAVAILABLE', 'the Chinese font agreement PDFs are printed with is not installed; the HTML form is available', MediationRefusal.FONT_MISSING),
};
