import type { HouseholdRelation } from '@gov/grids-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/** A household row with its members; `seq` orders lists (keyset cursor). */
export interface HouseholdRecord {
  id: string;
  buildingId: string;
  number: string;
  regionPath: string;
  centralHeadId: string | null;
  seq: string;
  members: { personId: string; relation: HouseholdRelation; since: string }[];
  createdAt: Date;
  updatedAt: Date;
}

/** The unique constraints whose violations are answered as CONFLICT. */
export const HOUSEHOLD_NUMBER_TAKEN = 'household_building_id_number_key';
export const PERSON_IN_A_HOUSEHOLD = 'household_member_person';
export const PERSON_IN_THIS_HOUSEHOLD = 'household_member_pkey';
export const ONE_HEAD_PER_HOUSEHOLD = 'household_member_one_head';

/** Columns of `household h`; `t` is the schema-qualified prefix (`{schema}` for prepared reads, `"grids"` in a transaction). */
export function householdColumns(t: string): string {
  return `h.id, h.building_id as "buildingId", h.number, h.region_path as "regionPath", h.central_head_id as "centralHeadId", h.seq::text as seq,
    coalesce((select json_agg(json_build_object('personId', m.person_id, 'relation', m.relation, 'since', m.since) order by m.since, m.person_id)
              from ${t}.household_member m where m.household_id = h.id), '[]'::json) as members,
    h.created_at as "createdAt", h.updated_at as "updatedAt"`;
}

const BY_ID: HotRead = { name: 'grids.household.by-id', text: `select ${householdColumns('{schema}')} from {schema}.household h where h.id = $1 and h.archived_at is null` };
const BY_IDS: HotRead = {
  name: 'grids.household.by-ids',
  text: `select ${householdColumns('{schema}')} from {schema}.household h where h.id = any($1::uuid[]) and h.archived_at is null`,
};
const NUMBER_TAKEN: HotRead = {
  name: 'grids.household.number-taken',
  text: `select exists (select 1 from {schema}.household where building_id = $1 and number = $2) as taken`,
};
const MEMBERSHIP: HotRead = {
  name: 'grids.household.membership',
  text: `select m.household_id as "householdId", m.relation,
           exists (select 1 from {schema}.household_member o where o.household_id = $2 and o.relation = 'head') as "targetHasHead"
         from (select 1) as one left join {schema}.household_member m on m.person_id = $1`,
};
/** One scope (the usual case: the node itself) keeps a plan that uses the path index. */
const LIST_ONE: HotRead = {
  name: 'grids.household.list-one',
  text: `select ${householdColumns('{schema}')} from {schema}.household h
         where (h.region_path = $1 or h.region_path like $2) and h.archived_at is null and ($3::bigint is null or h.seq > $3)
         order by h.seq limit $4`,
};
const LIST_MANY: HotRead = {
  name: 'grids.household.list-many',
  text: `select ${householdColumns('{schema}')} from {schema}.household h
         where (h.region_path = any($1::text[]) or h.region_path like any($2::text[])) and h.archived_at is null and ($3::bigint is null or h.seq > $3)
         order by h.seq limit $4`,
};

/** `path%` for LIKE with the path's own wildcards escaped: the nodes strictly below `path`. */
export function belowPattern(path: string): string {
  return `${path.replace(/[\\%_]/g, (c) => '\\' + c)}/%`;
}

/** A uuid[] literal for a bound parameter (ids are validated uuids). */
export function uuidArray(ids: readonly string[]): string {
  return `{${ids.join(',')}}`;
}

/** Households (户) in buildings and their members: hot reads prepared, writes in the caller's transaction. */
@Injectable()
export class HouseholdRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async byId(id: string): Promise<HouseholdRecord | null> {
    return (await this.reads.rows<HouseholdRecord>(BY_ID, [id]))[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<HouseholdRecord[]> {
    return ids.length ? this.reads.rows<HouseholdRecord>(BY_IDS, [ids]) : [];
  }

  async numberTaken(buildingId: string, number: string): Promise<boolean> {
    return (await this.reads.rows<{ taken: boolean }>(NUMBER_TAKEN, [buildingId, number]))[0]!.taken;
  }

  /** The household the person belongs to (null: none), and whether `householdId` already has a head (户主). */
  async membership(personId: string, householdId: string): Promise<{ householdId: string | null; relation: HouseholdRelation | null; targetHasHead: boolean }> {
    return (await this.reads.rows<{ householdId: string | null; relation: HouseholdRelation | null; targetHasHead: boolean }>(MEMBERSHIP, [personId, householdId]))[0]!;
  }

  /** Households below any of `scopes` (each path and its subtree), in creation order after `afterSeq`. */
  async list(scopes: readonly string[], afterSeq: string | null, limit: number): Promise<HouseholdRecord[]> {
    if (scopes.length === 1) return this.reads.rows<HouseholdRecord>(LIST_ONE, [scopes[0], belowPattern(scopes[0]!), afterSeq, limit]);
    return this.reads.rows<HouseholdRecord>(LIST_MANY, [scopes, scopes.map(belowPattern), afterSeq, limit]);
  }

  /** The row, locked for the rest of `em`'s transaction. */
  async lock(em: EntityManager, id: string): Promise<HouseholdRecord | null> {
    const [row] = await em.execute<HouseholdRecord[]>(`select ${householdColumns(this.s)} from ${this.t} h where h.id = ? and h.archived_at is null for update of h`, [id]);
    return row ?? null;
  }

  /** The rows, locked for the rest of `em`'s transaction (in id order, so two such locks never deadlock). */
  async lockMany(em: EntityManager, ids: readonly string[]): Promise<{ id: string; regionPath: string; centralHeadId: string | null }[]> {
    return em.execute(
      `select h.id, h.region_path as "regionPath", h.central_head_id as "centralHeadId" from ${this.t} h
       where h.id = any(?::uuid[]) and h.archived_at is null order by h.id for update`,
      [uuidArray(ids)],
    );
  }

  async reread(em: EntityManager, id: string): Promise<HouseholdRecord> {
    const [row] = await em.execute<HouseholdRecord[]>(`select ${householdColumns(this.s)} from ${this.t} h where h.id = ?`, [id]);
    return row!;
  }

  async insert(em: EntityManager, h: { id: string; buildingId: string; number: string; regionPath: string }): Promise<HouseholdRecord> {
    const [row] = await em.execute<HouseholdRecord[]>(
      `insert into ${this.t} as h (id, building_id, number, region_path) values (?, ?, ?, ?) returning ${householdColumns(this.s)}`,
      [h.id, h.buildingId, h.number, h.regionPath],
    );
    return row!;
  }

  /**
   * Moves the household to another building. Links to central-household heads follow the rule
   * that a head and the households they look after share a community: the household leaves a head
   * of another community, and when it is a head's own household, the head's path follows it and
   * the households it looked after in the old community are unlinked. Returns those unlinked.
   */
  async move(em: EntityManager, id: string, building: { id: string; path: string }, community: string): Promise<{ unlinked: string[] }> {
    await em.execute(`update ${this.t} set building_id = ?, region_path = ?, updated_at = now() where id = ?`, [building.id, building.path, id]);
    const heads = await em.execute<{ id: string }[]>(`update ${this.s}.central_head set region_path = ? where household_id = ? returning id`, [building.path, id]);
    const inCommunity = (col: string) => `(${col} = ? or ${col} like ?)`;
    const unlinked = await em.execute<{ id: string }[]>(
      `update ${this.t} h set central_head_id = null, updated_at = now()
       where h.id = ? and h.central_head_id is not null
         and not exists (select 1 from ${this.s}.central_head c where c.id = h.central_head_id and ${inCommunity('c.region_path')})
       returning h.id`,
      [id, community, belowPattern(community)],
    );
    for (const head of heads) {
      unlinked.push(
        ...(await em.execute<{ id: string }[]>(
          `update ${this.t} h set central_head_id = null, updated_at = now() where h.central_head_id = ? and not ${inCommunity('h.region_path')} returning h.id`,
          [head.id, community, belowPattern(community)],
        )),
      );
    }
    return { unlinked: unlinked.map((u) => u.id) };
  }

  async addMember(em: EntityManager, m: { householdId: string; personId: string; relation: HouseholdRelation }): Promise<void> {
    await em.execute(
      `with m as (insert into ${this.s}.household_member (household_id, person_id, relation) values (?, ?, ?) returning household_id)
       update ${this.t} h set updated_at = now() from m where h.id = m.household_id`,
      [m.householdId, m.personId, m.relation],
    );
  }

  private get s(): string {
    return `"${this.schema}"`;
  }

  private get t(): string {
    return `"${this.schema}".household`;
  }
}
