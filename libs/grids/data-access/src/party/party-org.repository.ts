import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern } from '../household/household.repository.js';

/** A party organisation (党组织) on a node of the region tree. */
export interface PartyOrgRecord {
  id: string;
  kind: string;
  regionId: string;
  regionPath: string;
  parentId: string | null;
  name: string;
  secretaryPersonId: string | null;
  createdAt: Date;
}

/** A party-member central household (党员中心户) and the party group it is linked to. */
export interface PartyCentralHeadRecord {
  id: string;
  personId: string;
  householdId: string;
  partyOrgId: string;
}

/** The unique constraint that makes "one organisation of a kind per node" hold under concurrency. */
export const ONE_PARTY_ORG_PER_NODE = 'party_org_region_kind';

const COLUMNS = `o.id, o.kind, o.region_id as "regionId", o.region_path as "regionPath", o.parent_id as "parentId", o.name,
  o.secretary_person_id as "secretaryPersonId", o.created_at as "createdAt"`;

const BY_ID: HotRead = { name: 'grids.party-org.by-id', text: `select ${COLUMNS} from {schema}.party_org o where o.id = $1` };
const BY_REGION_KIND: HotRead = { name: 'grids.party-org.by-region-kind', text: `select ${COLUMNS} from {schema}.party_org o where o.region_id = $1 and o.kind = $2` };
const BELOW: HotRead = {
  name: 'grids.party-org.below',
  text: `select ${COLUMNS} from {schema}.party_org o where o.region_path = $1 or o.region_path like $2
         order by length(o.region_path), o.region_path, o.kind, o.id`,
};
const HEADS: HotRead = {
  name: 'grids.party-org.central-heads',
  text: `select c.id, c.person_id as "personId", c.household_id as "householdId", c.party_org_id as "partyOrgId"
         from {schema}.central_head c where c.party_org_id = any($1::uuid[]) order by c.region_path, c.created_at, c.id`,
};

/** The party organisation overlay and its party-member central households. */
@Injectable()
export class PartyOrgRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async byId(id: string): Promise<PartyOrgRecord | null> {
    return (await this.reads.rows<PartyOrgRecord>(BY_ID, [id]))[0] ?? null;
  }

  async byRegionAndKind(regionId: string, kind: string): Promise<PartyOrgRecord | null> {
    return (await this.reads.rows<PartyOrgRecord>(BY_REGION_KIND, [regionId, kind]))[0] ?? null;
  }

  /** The organisations on `path` and below it, parents first. */
  async below(path: string): Promise<PartyOrgRecord[]> {
    return this.reads.rows<PartyOrgRecord>(BELOW, [path, belowPattern(path)]);
  }

  /** The central heads linked to any of the organisations. */
  async centralHeads(orgIds: readonly string[]): Promise<PartyCentralHeadRecord[]> {
    if (!orgIds.length) return [];
    return this.reads.rows<PartyCentralHeadRecord>(HEADS, [orgIds]);
  }

  async insert(em: EntityManager, o: Omit<PartyOrgRecord, 'createdAt'>): Promise<PartyOrgRecord> {
    await em.execute(
      `insert into ${this.s}.party_org (id, kind, region_id, region_path, parent_id, name, secretary_person_id) values (?, ?, ?, ?, ?, ?, ?)`,
      [o.id, o.kind, o.regionId, o.regionPath, o.parentId, o.name, o.secretaryPersonId],
    );
    return (await this.reread(em, o.id))!;
  }

  async reread(em: EntityManager, id: string): Promise<PartyOrgRecord | null> {
    const [row] = await em.execute<PartyOrgRecord[]>(`select ${COLUMNS} from ${this.s}.party_org o where o.id = ?`, [id]);
    return row ?? null;
  }

  /** Links the central head to the organisation; answers the organisation it was linked to before. */
  async linkCentralHead(em: EntityManager, headId: string, orgId: string): Promise<string | null> {
    const [row] = await em.execute<{ previous: string | null }[]>(
      `with old as (select id, party_org_id from ${this.s}.central_head where id = ? for update)
       update ${this.s}.central_head c set party_org_id = ? from old where c.id = old.id returning old.party_org_id as previous`,
      [headId, orgId],
    );
    return row?.previous ?? null;
  }

  /** The organisations with their linked heads, in `em`'s transaction. */
  async headsOf(em: EntityManager, orgId: string): Promise<PartyCentralHeadRecord[]> {
    return em.execute<PartyCentralHeadRecord[]>(
      `select c.id, c.person_id as "personId", c.household_id as "householdId", c.party_org_id as "partyOrgId"
       from ${this.s}.central_head c where c.party_org_id = ? order by c.region_path, c.created_at, c.id`,
      [orgId],
    );
  }

  private get s(): string {
    return `"${this.schema}"`;
  }
}
