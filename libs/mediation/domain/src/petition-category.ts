import type { DisputeCategory } from '@gov/mediation-contracts';

/** Petition minor categories that name a dispute kind directly; other minors go by their major. */
const BY_MINOR: Record<string, DisputeCategory> = {
  'dispute.family_conflict': 'marriage_family',
  'dispute.homestead_boundary': 'land_boundary',
};
const BY_MAJOR: Record<string, DisputeCategory> = {
  dispute: 'neighbours',
  property: 'property_management',
  employment: 'labour_injury',
  market: 'consumer',
};

/** The dispute category of a petition handed on for mediation, from its category key (e.g. `dispute.noise`). */
export function disputeCategoryOfPetition(categoryKey: string): DisputeCategory {
  return BY_MINOR[categoryKey] ?? BY_MAJOR[categoryKey.split('.')[0] ?? ''] ?? 'other';
}
