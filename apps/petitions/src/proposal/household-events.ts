import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * grids' household events petitions keeps its household registry with (gov.grids.household.<event>.v1).
 * Each `@EventPattern` gets its own durable JetStream consumer named `petitions__<type>`; the
 * inbox keys on it. Module boundaries keep @gov/grids-contracts out of petitions: the payloads are
 * described here, as grids publishes them (apps/grids/src/household/household.service.ts).
 */
export const HOUSEHOLD_REGISTERED = eventType('grids', 'household', 'registered');
export const HOUSEHOLD_MOVED = eventType('grids', 'household', 'moved');
export const HOUSEHOLD_MEMBER_ADDED = eventType('grids', 'household', 'member-added');

/** How a member relates to the household's head (户主); kept as grids names it. */
const relation = z.string().min(1).max(32);

const MemberData = z.object({ personId: id, relation });

/**
 * What petitions reads of grids' HouseholdView (the payload of `registered` and `moved`, which
 * adds the previous building); other fields are ignored. A payload that does not parse throws:
 * the event is retried, then dead-lettered.
 */
export const HouseholdData = z.object({
  id,
  buildingId: id,
  number: z.string().min(1).max(20),
  /** The building's region path. */
  region: regionPath,
  members: z.array(MemberData).default([]),
});

/** `member-added` carries the one new member: `{ householdId, personId, relation, since }`. */
export const HouseholdMemberAddedData = MemberData.extend({ householdId: id });

export type HouseholdData = z.input<typeof HouseholdData>;
export type HouseholdMemberAddedData = z.input<typeof HouseholdMemberAddedData>;
