/** Households (户), their members and central-household heads (中心户长, 十户一联): inputs and views. */
import { cursorSchema, idSchema as id, pageSizeSchema as first } from '@gov/kernel';
import { z } from 'zod';

/** A cursor that may also be sent as null (GraphQL clients send `after: null` for the first page). */
const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);

/** How a member relates to the household's head (户主). A household has at most one `head`. */
export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'other'] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];

/** A head who looks after more households than this is flagged (十户一联: about ten each). */
export const CENTRAL_HEAD_MAX_HOUSEHOLDS = 15;
/** Households one link request may name. */
export const MAX_LINK_HOUSEHOLDS = 50;
/** Uncovered households a coverage report lists (the counts are complete). */
export const COVERAGE_UNCOVERED_LIST = 50;

/** A room number within its building, e.g. "2-301" (unit 2, room 301), "301", "A-1203", "3单元301"; letters are stored in capitals. */
export const householdNumber = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[0-9A-Za-z\u4e00-\u9fff]+(-[0-9A-Za-z\u4e00-\u9fff]+)*$/, { message: 'letters, digits or Chinese characters, parts joined by single dashes, e.g. 2-301' })
  .transform((s) => s.toUpperCase());

export const RegisterHouseholdInput = z.object({ buildingId: id, number: householdNumber });
export const MoveHouseholdInput = z.object({ id, buildingId: id });
export const AddHouseholdMemberInput = z.object({ householdId: id, personId: id, relation: z.enum(HOUSEHOLD_RELATIONS) });
export const ListHouseholdsInput = z.object({ regionId: id, first, after: cursor });
export const AppointCentralHeadInput = z.object({ personId: id, householdId: id, partyMember: z.boolean().default(false) });
export const LinkToCentralHeadInput = z.object({
  householdIds: z
    .array(id)
    .min(1)
    .max(MAX_LINK_HOUSEHOLDS)
    .transform((ids) => [...new Set(ids)]),
  centralHeadId: id,
});
export const CentralHeadCoverageInput = z.object({ regionId: id });

export type RegisterHouseholdInput = z.infer<typeof RegisterHouseholdInput>;
export type MoveHouseholdInput = z.infer<typeof MoveHouseholdInput>;
export type AddHouseholdMemberInput = z.infer<typeof AddHouseholdMemberInput>;
export type ListHouseholdsInput = z.input<typeof ListHouseholdsInput>;
export type AppointCentralHeadInput = z.input<typeof AppointCentralHeadInput>;
export type LinkToCentralHeadInput = z.input<typeof LinkToCentralHeadInput>;
export type CentralHeadCoverageInput = z.infer<typeof CentralHeadCoverageInput>;

export interface HouseholdMemberView {
  personId: string;
  relation: HouseholdRelation;
  since: string;
}

export interface HouseholdView {
  id: string;
  buildingId: string;
  /** Room number within the building, e.g. 2-301. */
  number: string;
  /** The building's region path. */
  region: string;
  /** The central-household head who looks after this household, if any. */
  centralHeadId: string | null;
  members: HouseholdMemberView[];
  createdAt: string;
  updatedAt: string;
}

export interface CentralHeadView {
  id: string;
  personId: string;
  /** The head's own household. */
  householdId: string;
  partyMember: boolean;
  /** The region path of the head's household. */
  region: string;
  /** Households linked to this head (the head's own included). */
  householdCount: number;
  /** More than CENTRAL_HEAD_MAX_HOUSEHOLDS households. */
  overloaded: boolean;
  createdAt: string;
}

export interface CentralHeadLoadView {
  id: string;
  personId: string;
  householdId: string;
  partyMember: boolean;
  householdCount: number;
  overloaded: boolean;
}

export interface UncoveredHouseholdView {
  id: string;
  number: string;
  buildingId: string;
  buildingName: string;
}

/** Coverage of a node's households by central-household heads (十户一联). */
export interface CentralHeadCoverageView {
  regionId: string;
  households: number;
  covered: number;
  uncovered: number;
  /** Heads whose own household lies below the node. */
  heads: CentralHeadLoadView[];
  /** The first COVERAGE_UNCOVERED_LIST uncovered households, by building and number. */
  uncoveredHouseholds: UncoveredHouseholdView[];
}
