import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, uuidArray } from './household.repository.js';

/** A central-household head (中心户长) with the number of households they look after. */
export interface CentralHeadRecord {
  id: string;
  personId: string;
  householdId: string;
  partyMember: boolean;
  regionPath: string;
  householdCount: number;
  createdAt: Date;
}

export interface CoverageRecord {
  households: number;
  covered: number;
  heads: Omit<CentralHeadRecord, 'regionPath' | 'createdAt'>[];
  uncoveredHouseholds: { id: string; number: string; buildingId: string; buildingName: string }[];
}

/** The unique constraint that makes "one head record per person" hold under concurrency. */
export const ONE_CENTRAL_HEAD_PER_PERSON = 'central_head_person_id_key';

function headColumns(t: string): string {
  return `c.id, c.person_id as "personId", c.household_id as "householdId", c.party_member as "partyMember", c.region_path as "regionPath",
    (select count(*) from ${t}.household h where h.central_head_id = c.id and h.archived_at is null)::int as "householdCount",
    c.created_at as "createdAt"`;
}

const BY_ID: HotRead = { name: 'grids.central-head.by-id', text: `select ${headColumns('{schema}')} from {schema}.central_head c where c.id = $1` };
const BY_PERSON: HotRead = { name: 'grids.central-head.by-person', text: `select ${headColumns('{schema}')} from {schema}.central_head c where c.person_id = $1` };
const COUNTS: HotRead = {
  name: 'grids.central-head.coverage-counts',
  text: `select count(*)::int as households, count(h.central_head_id)::int as covered from {schema}.household h
         where (h.region_path = $1 or h.region_path like $2) and h.archived_at is null`,
};
const HEADS: HotRead = {
  name: 'grids.central-head.coverage-heads',
  text: `select c.id, c.person_id as "personId", c.household_id as "householdId", c.party_member as "partyMember",
           (select count(*) from {schema}.household h where h.central_head_id = c.id and h.archived_at is null)::int as "householdCount"
         from {schema}.central_head c where c.region_path = $1 or c.region_path like $2 order by c.region_path, c.created_at, c.id`,
};
const UNCOVERED: HotRead = {
  name: 'grids.central-head.coverage-uncovered',
  text: `select h.id, h.number, h.building_id as "buildingId", b.name as "buildingName"
         from {schema}.household h join {schema}.region b on b.id = h.building_id
         where (h.region_path = $1 or h.region_path like $2) and h.archived_at is null and h.central_head_id is null
         order by h.region_path, h.number, h.id limit $3`,
};

/** Central-household heads (十户一联) and the households linked to them. */
@Injectable()
export class CentralHeadRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async byId(id: string): Promise<CentralHeadRecord | null> {
    return (await this.reads.rows<CentralHeadRecord>(BY_ID, [id]))[0] ?? null;
  }

  async byPerson(personId: string): Promise<CentralHeadRecord | null> {
    return (await this.reads.rows<CentralHeadRecord>(BY_PERSON, [personId]))[0] ?? null;
  }

  /** Households below `path` and how many have a head; the heads living below it; the first `limit` households without one. */
  async coverage(path: string, limit: number): Promise<CoverageRecord> {
    const params = [path, belowPattern(path)];
    const [[counts], heads, uncovered] = await Promise.all([
      this.reads.rows<{ households: number; covered: number }>(COUNTS, params),
      this.reads.rows<CoverageRecord['heads'][number]>(HEADS, params),
      this.reads.rows<CoverageRecord['uncoveredHouseholds'][number]>(UNCOVERED, [...params, limit]),
    ]);
    return { households: counts!.households, covered: counts!.covered, heads, uncoveredHouseholds: uncovered };
  }

  /** Inserts the head and links their own household to them, in `em`'s transaction. */
  async insert(em: EntityManager, c: { id: string; personId: string; householdId: string; partyMember: boolean; regionPath: string }): Promise<CentralHeadRecord> {
    await em.execute(
      `with c as (insert into ${this.s}.central_head (id, person_id, household_id, party_member, region_path) values (?, ?, ?, ?, ?) returning id, household_id)
       update ${this.s}.household h set central_head_id = c.id, updated_at = now() from c where h.id = c.household_id`,
      [c.id, c.personId, c.householdId, c.partyMember, c.regionPath],
    );
    return this.reread(em, c.id);
  }

  /** Links the households to the head (taking them from any other head); answers each household's previous head. */
  async link(em: EntityManager, headId: string, householdIds: readonly string[]): Promise<{ id: string; previousHeadId: string | null }[]> {
    return em.execute(
      `with old as (select id, central_head_id from ${this.s}.household where id = any(?::uuid[]))
       update ${this.s}.household h set central_head_id = ?, updated_at = now() from old where h.id = old.id
       returning h.id, old.central_head_id as "previousHeadId"`,
      [uuidArray(householdIds), headId],
    );
  }

  async reread(em: EntityManager, id: string): Promise<CentralHeadRecord> {
    const [row] = await em.execute<CentralHeadRecord[]>(`select ${headColumns(this.s)} from ${this.s}.central_head c where c.id = ?`, [id]);
    return row!;
  }

  private get s(): string {
    return `"${this.schema}"`;
  }
}
