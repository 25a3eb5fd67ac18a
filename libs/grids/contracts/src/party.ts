/** The party organisation overlay on the region tree (党组织): inputs and views. */
import { idSchema as id } from '@gov/kernel';
import { z } from 'zod';

/**
 * Kinds of party organisation and the node each sits on: community party organisation (社区党组织)
 * on a community → compound branch (小区党支部) on a compound → building party group (楼栋党小组)
 * on a building; village party organisation (村党组织) on a village → village-group party group
 * (村民小组党小组) on a village group. Party-member central households (党员中心户) hang below a
 * building group or a village group.
 */
export const PARTY_ORG_KINDS = ['community_org', 'compound_branch', 'building_group', 'village_org', 'village_group'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

/** The kind a party organisation's parent must have (null: a root, on a community or village). */
export const PARTY_ORG_PARENT_KIND: Record<PartyOrgKind, PartyOrgKind | null> = {
  community_org: null,
  village_org: null,
  compound_branch: 'community_org',
  building_group: 'compound_branch',
  village_group: 'village_org',
};

/** The kinds a party-member central household may be linked to. */
export const PARTY_ORG_HOUSEHOLD_KINDS: readonly PartyOrgKind[] = ['building_group', 'village_group'];

export const CreatePartyOrgInput = z.object({
  kind: z.enum(PARTY_ORG_KINDS),
  regionId: id,
  parentId: id.nullish().transform((v) => v ?? null),
  name: z.string().trim().min(1).max(100),
  secretaryPersonId: id.nullish().transform((v) => v ?? null),
});
export const LinkCentralHeadToPartyInput = z.object({ centralHeadId: id, partyOrgId: id });
export const ListPartyOrgsInput = z.object({ regionId: id });

export type CreatePartyOrgInput = z.input<typeof CreatePartyOrgInput>;
export type LinkCentralHeadToPartyInput = z.infer<typeof LinkCentralHeadToPartyInput>;
export type ListPartyOrgsInput = z.infer<typeof ListPartyOrgsInput>;

export interface PartyOrgView {
  id: string;
  kind: PartyOrgKind;
  /** The node it sits on (community/village, compound/village group, building). */
  regionId: string;
  /** That node's path. */
  region: string;
  parentId: string | null;
  name: string;
  /** Identity's person id of the secretary (书记/组长), if named. */
  secretaryPersonId: string | null;
  /**
   * Its party-member central households (党员中心户): the central heads linked to it (building and
   * village-group groups only), ids only so that the overlay of a whole county stays one cheap read.
   */
  centralHeadIds: string[];
  createdAt: string;
}
