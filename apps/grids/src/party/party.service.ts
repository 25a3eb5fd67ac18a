import { ADMIN_ROLES, actorCan, conflict, forbidden, notFound, regionContains, type Actor } from '@gov/kernel';
import {
  GridsEvents,
  PARTY_ORG_HOUSEHOLD_KINDS,
  PARTY_ORG_PARENT_KIND,
  type CreatePartyOrgInput,
  type LinkCentralHeadToPartyInput,
  type ListPartyOrgsInput,
  type PartyOrgKind,
  type PartyOrgView,
} from '@gov/grids-contracts';
import {
  CentralHeadRepository,
  ONE_PARTY_ORG_PER_NODE,
  PartyOrgRepository,
  RegionRepository,
  type PartyCentralHeadRecord,
  type PartyOrgRecord,
  type RegionRecord,
} from '@gov/grids-data-access';
import { regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { communityOf, householdVisible, invalid } from '../household/household.policy.js';
import { isViolation } from '../household/household.service.js';
import { PersonDirectory } from '../person/person-directory.js';

/** What each kind sits on: the node's level, and its kind where community/village and compound/village group differ. */
function fitsNode(kind: PartyOrgKind, node: RegionRecord): boolean {
  switch (kind) {
    case 'community_org':
      return node.level === 'community' && node.kind !== 'village';
    case 'village_org':
      return node.level === 'community' && node.kind === 'village';
    case 'compound_branch':
      return node.level === 'compound' && node.kind !== 'village_group';
    case 'village_group':
      return node.level === 'compound' && node.kind === 'village_group';
    case 'building_group':
      return node.level === 'building';
  }
}

const NODE_OF: Record<PartyOrgKind, string> = {
  community_org: 'a community',
  village_org: 'a village',
  compound_branch: 'a compound',
  village_group: 'a village group',
  building_group: 'a building',
};

/**
 * The party organisation overlay (党组织) on the region tree: 社区党组织 → 小区党支部 → 楼栋党小组 →
 * 党员中心户, and 村党组织 → 村民小组党小组 → 党员中心户. Admins of the node create; whoever sees
 * the node sees its organisations.
 */
@Injectable()
export class PartyService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly orgs: PartyOrgRepository,
    private readonly heads: CentralHeadRepository,
    private readonly regions: RegionRepository,
    private readonly people: PersonDirectory,
  ) {}

  async create(actor: Actor | null, input: z.output<typeof CreatePartyOrgInput>): Promise<PartyOrgView> {
    const a = requireActor(actor);
    const region = await this.regions.byId(input.regionId);
    if (!region || !regionVisibleTo(a, region.path)) throw notFound('region', input.regionId);
    if (!actorCan(a, ADMIN_ROLES, region.path)) throw forbidden('no role that may organise this region');
    const parent = input.parentId ? await this.orgs.byId(input.parentId) : null;
    if (input.parentId && (!parent || !regionVisibleTo(a, parent.regionPath))) throw notFound('party organisation', input.parentId);
    if (input.secretaryPersonId) await this.people.pickable(a, input.secretaryPersonId);
    this.check(input.kind, region, parent);
    if (await this.orgs.byRegionAndKind(region.id, input.kind)) throw orgExists();
    return this.tx.run(async (em) => {
      const locked = await this.regions.lock(em, region.id);
      if (!locked || !actorCan(a, ADMIN_ROLES, locked.path)) throw notFound('region', region.id);
      this.check(input.kind, locked, parent);
      let row: PartyOrgRecord;
      try {
        row = await this.orgs.insert(em, {
          id: randomUUID(),
          kind: input.kind,
          regionId: locked.id,
          regionPath: locked.path,
          parentId: parent?.id ?? null,
          name: input.name,
          secretaryPersonId: input.secretaryPersonId,
        });
      } catch (err) {
        if (isViolation(err, ONE_PARTY_ORG_PER_NODE)) throw orgExists();
        throw err;
      }
      const v = orgView(row, []);
      await this.outbox.add(em, { ...GridsEvents.partyOrgCreated, region: v.region, subjectId: v.id, data: { ...v } });
      return v;
    });
  }

  /** Marks a party-member central head as a party-member central household (党员中心户) of a building or village-group party group. */
  async linkCentralHead(actor: Actor | null, input: z.output<typeof LinkCentralHeadToPartyInput>): Promise<PartyOrgView> {
    const a = requireActor(actor);
    const head = await this.heads.byId(input.centralHeadId);
    if (!head || !householdVisible(a, head.regionPath)) throw notFound('central head', input.centralHeadId);
    const org = await this.orgs.byId(input.partyOrgId);
    if (!org || !regionVisibleTo(a, org.regionPath)) throw notFound('party organisation', input.partyOrgId);
    if (!actorCan(a, ADMIN_ROLES, org.regionPath)) throw forbidden('no role that may organise this region');
    if (!PARTY_ORG_HOUSEHOLD_KINDS.includes(org.kind as PartyOrgKind)) throw invalid('partyOrgId', 'must be a building or village-group party group');
    if (!regionContains(org.regionPath, head.regionPath)) throw invalid('centralHeadId', "must live on the party group's node");
    if (!head.partyMember) throw invalid('centralHeadId', 'must be a party member');
    return this.tx.run(async (em) => {
      const previous = await this.orgs.linkCentralHead(em, head.id, org.id);
      const heads = await this.orgs.headsOf(em, org.id);
      await this.outbox.add(em, {
        ...GridsEvents.centralHeadLinkedToParty,
        region: head.regionPath,
        subjectId: head.id,
        data: { centralHeadId: head.id, partyOrgId: org.id, previousPartyOrgId: previous },
      });
      return orgView(org, heads);
    });
  }

  /** The overlay on a node's subtree, parents first, each organisation with its party-member central households. */
  async list(actor: Actor | null, input: z.output<typeof ListPartyOrgsInput>): Promise<PartyOrgView[]> {
    const a = requireActor(actor);
    const region = await this.regions.byId(input.regionId);
    if (!region || !regionVisibleTo(a, region.path)) throw notFound('region', input.regionId);
    const orgs = (await this.orgs.below(region.path)).filter((o) => regionVisibleTo(a, o.regionPath));
    const withHeads = orgs.filter((o) => householdVisible(a, o.regionPath)).map((o) => o.id);
    const heads = await this.orgs.centralHeads(withHeads);
    return orgs.map((o) => orgView(o, heads.filter((h) => h.partyOrgId === o.id)));
  }

  /** The kind fits the node, and the parent is the organisation of the kind above on the node above. */
  private check(kind: PartyOrgKind, region: RegionRecord, parent: PartyOrgRecord | null): void {
    if (region.archivedAt) throw invalid('regionId', 'the region is archived');
    if (!fitsNode(kind, region)) throw invalid('kind', `a ${kind} sits on ${NODE_OF[kind]}`);
    const parentKind = PARTY_ORG_PARENT_KIND[kind];
    if (!parentKind) {
      if (parent) throw invalid('parentId', `a ${kind} has no parent organisation`);
      return;
    }
    if (!parent) throw invalid('parentId', `must be the ${parentKind} above`);
    if (parent.kind !== parentKind) throw invalid('parentId', `must be a ${parentKind}`);
    const above = kind === 'building_group' ? parent.regionId === region.parentId : parent.regionPath === communityOf(region.path);
    if (!above) throw invalid('parentId', 'must sit on the node above in the same subtree');
  }
}

export function orgView(o: PartyOrgRecord, heads: PartyCentralHeadRecord[]): PartyOrgView {
  return {
    id: o.id,
    kind: o.kind as PartyOrgKind,
    regionId: o.regionId,
    region: o.regionPath,
    parentId: o.parentId,
    name: o.name,
    secretaryPersonId: o.secretaryPersonId,
    centralHeadIds: heads.map((h) => h.id),
    createdAt: new Date(o.createdAt).toISOString(),
  };
}

const orgExists = () => conflict('the node already has a party organisation of this kind', 'PARTY_ORG_EXISTS');
