import { AppError } from '@gov/kernel';
import { MediationRefusal } from '@gov/mediation-contracts';
import type { DirectoryRepository } from '@gov/mediation-data-access';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Refuses a person id mediation does not know in the county (a steward, a household member or a
 * mediator there): a party, a mediator, a declared relative or an attendee names only those.
 * Another county's person answers exactly as one that exists nowhere.
 */
export async function requireKnownPersons(em: EntityManager, directory: DirectoryRepository, county: string, ids: readonly (string | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const known = await directory.personsKnownIn(em, county, wanted);
  if (wanted.some((id) => !known.has(id))) throw new AppError('NOT_FOUND', 'no such person in this county', MediationRefusal.UNKNOWN_PERSON);
}
