import type { ConflictView } from '@gov/mediation-contracts';

/** Where a person lives, from grids' household registry. */
export interface Residence {
  householdId: string;
  buildingId: string;
}

export interface PartyForCheck {
  id: string;
  name: string;
  personId: string | null;
  relatedPersonIds: readonly string[];
  residences: readonly Residence[];
}

/**
 * 回避: a mediator may not mediate for a party they are, live with, live in the same building as,
 * or are declared related to. Returns every conflict found (empty: free to assign).
 */
export function findConflicts(mediator: { personId: string; residences: readonly Residence[] }, parties: readonly PartyForCheck[]): ConflictView[] {
  const out: ConflictView[] = [];
  const households = new Set(mediator.residences.map((r) => r.householdId));
  const buildings = new Set(mediator.residences.map((r) => r.buildingId));
  for (const p of parties) {
    const add = (kind: ConflictView['kind']) => out.push({ kind, partyId: p.id, partyName: p.name });
    if (p.personId === mediator.personId) add('is_party');
    if (p.relatedPersonIds.includes(mediator.personId)) add('declared_relation');
    if (p.residences.some((r) => households.has(r.householdId))) add('same_household');
    else if (p.residences.some((r) => buildings.has(r.buildingId))) add('same_building');
  }
  return out;
}
