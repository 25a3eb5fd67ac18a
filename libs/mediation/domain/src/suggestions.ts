import { regionContains } from '@gov/kernel';
import type { DisputeCategory } from '@gov/mediation-contracts';

/** Weights of the suggestion score: speciality first, then nearness, then spare capacity. */
export const SUGGESTION_WEIGHTS = { speciality: 100, nearness: 10, spareCapacity: 5 } as const;

export interface Candidate {
  specialities: readonly DisputeCategory[];
  /** The organisation's region. */
  region: string;
  load: number;
  capacity: number;
}

/**
 * Ranks a mediator for a case: a matching speciality outweighs everything; among equals an
 * organisation closer to the place (deeper path containing it) and then more spare capacity wins.
 * A full mediator scores below every mediator with room.
 */
export function suggestionScore(c: Candidate, category: DisputeCategory, place: string): number {
  const speciality = c.specialities.includes(category) ? SUGGESTION_WEIGHTS.speciality : 0;
  const nearness = regionContains(c.region, place) ? c.region.split('/').length : 0;
  const spare = Math.max(0, c.capacity - c.load) / c.capacity;
  const full = c.load >= c.capacity ? -2 * SUGGESTION_WEIGHTS.speciality : 0;
  return speciality + SUGGESTION_WEIGHTS.nearness * nearness + Math.round(SUGGESTION_WEIGHTS.spareCapacity * spare * 10) / 10 + full;
}
