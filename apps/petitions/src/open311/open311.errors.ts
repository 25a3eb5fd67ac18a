import { AppError } from '@gov/kernel';
import { OPEN311_WINDOW_DAYS, PetitionRefusal } from '@gov/petitions-contracts';

/**
 * Open311 refusals, each a coded AppError that changes nothing. Field paths name the input's
 * fields (the gateway writes them as the specification's parameters: serviceCode → service_code).
 */
export const Open311Errors = {
  apiKeyRequired: () => new AppError('UNAUTHENTICATED', 'give the api_key issued to you: every answer is about its county only', PetitionRefusal.API_KEY_INVALID),
  // One answer for an unknown and a revoked key: a guesser learns nothing from the difference.
  apiKeyInvalid: () => new AppError('UNAUTHENTICATED', 'this api_key is unknown or revoked', PetitionRefusal.API_KEY_INVALID),
  notKeyAdmin: () => new AppError('FORBIDDEN', "only the county's admins (or the city's) issue and revoke its Open311 keys"),
  alreadyRevoked: () => new AppError('CONFLICT', 'this key is revoked already', PetitionRefusal.WRONG_STATE),
  unknownService: (code: string) => new AppError('NOT_FOUND', `no service ${code}`),
  outsideCounty: () =>
    new AppError('VALIDATION', 'the place lies outside the county of this api_key', PetitionRefusal.OUTSIDE_TERRITORY, [{ path: 'addressId', message: 'outside the county of the api_key' }]),
  halfPoint: () => new AppError('VALIDATION', 'give both lat and long', undefined, [{ path: 'long', message: 'lat and long go together' }]),
  addressConflict: () => new AppError('VALIDATION', 'address_id and attribute[building_qr_token] name different buildings', undefined, [{ path: 'addressId', message: 'differs from attribute[building_qr_token]' }]),
  contactIncomplete: () =>
    new AppError('VALIDATION', 'a contact needs a name (last_name, first_name) and a phone; or set attribute[anonymous] to true', PetitionRefusal.CONTACT_NEEDED, [{ path: 'phone', message: 'name and phone go together' }]),
  badContact: (fields: { path: string; message: string }[]) => new AppError('VALIDATION', 'the contact is not a name and a mobile or landline number', PetitionRefusal.CONTACT_NEEDED, fields),
  unknownAttribute: (code: string) => new AppError('VALIDATION', `this service has no attribute ${code}`, undefined, [{ path: `attribute[${code}]`, message: 'unknown attribute' }]),
  badAttribute: (code: string, message: string) => new AppError('VALIDATION', `attribute[${code}]: ${message}`, undefined, [{ path: `attribute[${code}]`, message }]),
  windowReversed: () => new AppError('VALIDATION', 'end_date is before start_date', undefined, [{ path: 'endDate', message: 'before start_date' }]),
  windowTooLong: () =>
    new AppError('VALIDATION', `start_date and end_date may span at most ${OPEN311_WINDOW_DAYS} days`, undefined, [{ path: 'endDate', message: `more than ${OPEN311_WINDOW_DAYS} days after start_date` }]),
};
