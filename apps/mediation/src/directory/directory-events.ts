import { eventType, idSchema as id, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * identity's and grids' events mediation keeps its read models with (gov.<service>.<aggregate>.<event>.v1).
 * Each `@EventPattern` gets its own durable JetStream consumer named `mediation__<type>`; the inbox
 * keys on it. Module boundaries keep @gov/identity-contracts and @gov/grids-contracts out of
 * mediation: the payloads are described here, as those services publish them.
 */
export const STEWARD_ENROLLED = eventType('identity', 'steward', 'enrolled');
export const STEWARD_UPDATED = eventType('identity', 'steward', 'updated');
export const HOUSEHOLD_REGISTERED = eventType('grids', 'household', 'registered');
export const HOUSEHOLD_MOVED = eventType('grids', 'household', 'moved');
export const HOUSEHOLD_MEMBER_ADDED = eventType('grids', 'household', 'member-added');
export const PETITION_SUBMITTED = eventType('petitions', 'petition', 'submitted');
export const PROPOSAL_CREATED = eventType('petitions', 'proposal', 'created');
export const DIRECTORY_EVENT_TYPES = [STEWARD_ENROLLED, STEWARD_UPDATED, HOUSEHOLD_REGISTERED, HOUSEHOLD_MOVED, HOUSEHOLD_MEMBER_ADDED, PETITION_SUBMITTED, PROPOSAL_CREATED] as const;

/**
 * What mediation reads of identity's StewardView; other fields are ignored. A payload that does
 * not parse throws: the event is retried, then dead-lettered.
 */
export const StewardData = z.object({
  id,
  personId: id,
  number: z.string().min(1).max(64),
  class: z.number().int().min(1).max(6),
  grid: regionPath,
  /** The five-member deliberation seat (五员议事), kept as identity names it. */
  deliberationRole: z.string().min(1).max(64).nullish().transform((v) => v ?? null),
});

/** How a member relates to the household's head (户主); kept as grids names it. */
const MemberData = z.object({ personId: id, relation: z.string().min(1).max(32) });

/** What mediation reads of grids' HouseholdView (the payload of `registered` and `moved`). */
export const HouseholdData = z.object({
  id,
  buildingId: id,
  /** The building's region path. */
  region: regionPath,
  members: z.array(MemberData).default([]),
});

/** `member-added` carries the one new member: `{ householdId, personId, relation, since }`. */
export const HouseholdMemberAddedData = MemberData.extend({ householdId: id });

export type StewardData = z.input<typeof StewardData>;
export type HouseholdData = z.input<typeof HouseholdData>;
export type HouseholdMemberAddedData = z.input<typeof HouseholdMemberAddedData>;

/** What mediation reads of petitions' `petition.submitted` (no text of the petition travels in it). */
export const PetitionSubmittedData = z.object({
  id,
  trackingCode: z.string().min(1).max(40),
  category: z.string().min(1).max(64),
  region: regionPath,
});
/** What mediation reads of petitions' ProposalView in `proposal.created`. */
export const ProposalCreatedData = z.object({ id, title: z.string().min(1).max(200), region: regionPath });
