import { AppError } from '@gov/kernel';
import { MediationRefusal, type OrganisationKind } from '@gov/mediation-contracts';

/** The refusals of organisations and mediators, each a coded AppError that changes nothing. */
export const OrganisationErrors = {
  notANode: () =>
    new AppError('VALIDATION', 'an organisation serves a grid, community, street or county', undefined, [
      { path: 'region', message: 'must be a grid, community, street or county path' },
    ]),
  wrongLevel: (kind: OrganisationKind) =>
    new AppError('VALIDATION', kind === 'county_centre' ? 'the one-stop centre serves a county' : `a ${kind} serves a grid, community or street`, undefined, [
      { path: 'region', message: kind === 'county_centre' ? 'must be a county path' : 'must be a grid, community or street path' },
    ]),
  notAdmin: () => new AppError('FORBIDDEN', "only admins of the organisation's region (or above) manage it and its mediators"),
  // Missing and another county's answer alike.
  unknownOrganisation: (id: string) => new AppError('NOT_FOUND', `organisation ${id} not found`, MediationRefusal.UNKNOWN_ORGANISATION),
  unknownMediator: (id: string) => new AppError('NOT_FOUND', `mediator ${id} not found`, MediationRefusal.UNKNOWN_MEDIATOR),
  alreadyAMediator: () => new AppError('CONFLICT', 'this person mediates for the organisation already', MediationRefusal.ALREADY_A_MEDIATOR),
};
