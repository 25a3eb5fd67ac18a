import { defineEvents, personalData } from '@gov/kernel';
import { z } from 'zod';
import { HOUSEHOLD_RELATIONS } from './household.js';
import { REGION_KINDS, REGION_LEVELS } from './inputs.js';
import { PARTY_ORG_KINDS } from './party.js';
import { PLACE_KINDS } from './place.js';

/** A node of the region tree as other services keep it: no geometry (they ask locate for that). */
const RegionNodeData = z.object({
  id: z.string(),
  /** Null for a city (the root). */
  parentId: z.string().nullable(),
  /** e.g. jingmen/dongbao/longquan/xiangshan/g03. */
  path: z.string(),
  code: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.enum(REGION_KINDS).nullable(),
  name: z.string(),
  archived: z.boolean(),
});

/** A household (HouseholdView): the building it is in and its members; the room number is a home's door number. */
const householdFields = {
  id: z.string(),
  buildingId: z.string(),
  /** Room number within the building, e.g. 2-301. */
  number: personalData(z.string(), 'drop'),
  /** The building's region path. */
  region: z.string(),
  /** The central-household head who looks after the household, if any. */
  centralHeadId: z.string().nullable(),
  members: z.array(z.object({ personId: z.string(), relation: z.enum(HOUSEHOLD_RELATIONS), since: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
};

/** Events the grids service publishes (ce-type gov.grids.<aggregate>.<event>.v1); integrators subscribe to these. */
export const GridsEvents = defineEvents({
  regionCreated: {
    aggregate: 'region',
    event: 'created',
    version: 1,
    summary: 'A node of the region tree (city down to building) was created, by hand or by a territory import.',
    schema: RegionNodeData,
  },
  regionUpdated: {
    aggregate: 'region',
    event: 'updated',
    version: 1,
    summary: "A node of the region tree was renamed or had its shape or location redrawn; the node as it now is.",
    schema: RegionNodeData,
  },
  regionMoved: {
    aggregate: 'region',
    event: 'moved',
    version: 1,
    summary: 'A node was re-parented, and the paths of its whole subtree changed with it (one event for the subtree).',
    schema: z.object({
      id: z.string(),
      previousPath: z.string(),
      path: z.string(),
      previousParentId: z.string(),
      parentId: z.string(),
      /** The node and every node below it whose path changed. */
      nodesMoved: z.number().int(),
    }),
  },
  regionArchived: {
    aggregate: 'region',
    event: 'archived',
    version: 1,
    summary: 'A node of the region tree was archived (nodes are never deleted); it had no active children left.',
    schema: z.object({ id: z.string(), path: z.string() }),
  },
  layerCreated: {
    aggregate: 'layer',
    event: 'created',
    version: 1,
    summary: 'A city admin added a grid layer (a way of tiling the territory, with the role of the people on duty for each grid).',
    schema: z.object({ key: z.string(), name: z.string(), nameZh: z.string(), staffRole: z.string(), staffTitleZh: z.string() }),
  },
  layerGridCreated: {
    aggregate: 'layer-grid',
    event: 'created',
    version: 1,
    summary: 'A grid of a layer other than the comprehensive one (police, market supervision, …) was drawn.',
    schema: z.object({ id: z.string(), layerKey: z.string(), code: z.string(), name: z.string(), region: z.string() }),
  },
  staffAssigned: {
    aggregate: 'staff',
    event: 'assigned',
    version: 1,
    summary: 'A person was put on duty for a grid of a layer.',
    schema: z.object({
      id: z.string(),
      layerKey: z.string(),
      /** The tree's grid node (comprehensive layer) or the layer grid. */
      gridId: z.string(),
      personId: z.string(),
      name: personalData(z.string(), 'mask'),
      role: z.string(),
      titleZh: z.string(),
      assignedAt: z.string(),
    }),
  },
  staffEnded: {
    aggregate: 'staff',
    event: 'ended',
    version: 1,
    summary: "A person's duty for a grid ended.",
    schema: z.object({ id: z.string(), personId: z.string(), gridId: z.string() }),
  },
  householdRegistered: {
    aggregate: 'household',
    event: 'registered',
    version: 1,
    summary: 'A household was registered in a building, by hand or by a territory import.',
    schema: z.object(householdFields),
  },
  householdMoved: {
    aggregate: 'household',
    event: 'moved',
    version: 1,
    summary: 'A household moved to another building; links to central-household heads outside its new community were dropped.',
    schema: z.object({
      ...householdFields,
      previousBuildingId: z.string(),
      previousRegion: z.string(),
      /** Households whose central-household head link the move dropped (this one, or those of a head who moved out). */
      unlinkedHouseholdIds: z.array(z.string()),
    }),
  },
  householdMemberAdded: {
    aggregate: 'household',
    event: 'member-added',
    version: 1,
    summary: 'A person joined a household as a member, with their relation to its head.',
    schema: z.object({ householdId: z.string(), personId: z.string(), relation: z.enum(HOUSEHOLD_RELATIONS), since: z.string() }),
  },
  centralHeadAppointed: {
    aggregate: 'central-head',
    event: 'appointed',
    version: 1,
    summary: "A member of a household was appointed central-household head (中心户长), and their own household linked to them.",
    schema: z.object({
      id: z.string(),
      personId: z.string(),
      householdId: z.string(),
      partyMember: z.boolean(),
      region: z.string(),
      householdCount: z.number().int(),
      overloaded: z.boolean(),
      createdAt: z.string(),
      /** The head the household was linked to before, if any. */
      previousHeadId: z.string().nullable(),
    }),
  },
  centralHeadHouseholdsLinked: {
    aggregate: 'central-head',
    event: 'households-linked',
    version: 1,
    summary: 'Households of the community were linked to a central-household head (十户一联), taken from any head they had.',
    schema: z.object({
      centralHeadId: z.string(),
      households: z.array(z.object({ id: z.string(), previousHeadId: z.string().nullable() })),
      householdCount: z.number().int(),
      overloaded: z.boolean(),
    }),
  },
  partyOrgCreated: {
    aggregate: 'party-org',
    event: 'created',
    version: 1,
    summary: 'A party organisation (党组织) was set up on a node of the region tree.',
    schema: z.object({
      id: z.string(),
      kind: z.enum(PARTY_ORG_KINDS),
      regionId: z.string(),
      region: z.string(),
      parentId: z.string().nullable(),
      name: z.string(),
      secretaryPersonId: z.string().nullable(),
      centralHeadIds: z.array(z.string()),
      createdAt: z.string(),
    }),
  },
  centralHeadLinkedToParty: {
    aggregate: 'central-head',
    event: 'linked-to-party',
    version: 1,
    summary: 'A party-member central-household head became a party-member central household (党员中心户) of a party group.',
    schema: z.object({ centralHeadId: z.string(), partyOrgId: z.string(), previousPartyOrgId: z.string().nullable() }),
  },
  placeCreated: {
    aggregate: 'place',
    event: 'created',
    version: 1,
    summary: 'A place on the map (sentinel post, steward studio or station, market, back street, party-mass centre, office) was created.',
    schema: z.object({
      id: z.string(),
      kind: z.enum(PLACE_KINDS),
      name: z.string(),
      regionId: z.string(),
      region: z.string(),
      location: z.object({ lat: z.number(), lng: z.number() }),
      /** An office landline, a service line, or a mobile number (which may be a person's). */
      contactPhone: personalData(z.string().nullable(), 'drop'),
      openingHours: z.string().nullable(),
      covers: z.array(z.string()),
      /** Always null in the event (set only in near-searches). */
      distanceM: z.number().nullable(),
      createdAt: z.string(),
    }),
  },
  qrRotated: {
    aggregate: 'building-qr',
    event: 'rotated',
    version: 1,
    summary: "A building's QR code was re-issued, revoking every older code of it (the token itself never travels).",
    schema: z.object({
      buildingId: z.string(),
      path: z.string(),
      version: z.number().int(),
      /** Null when the building had no code before. */
      previousVersion: z.number().int().nullable(),
      /** The staff account that rotated it. */
      rotatedBy: z.string(),
      rotatedAt: z.string(),
    }),
  },
});
