import type { Residence } from '@gov/mediation-domain';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/** A household (户) of grids' registry as mediation knows it: its building decides who are neighbours. */
export interface HouseholdRefRecord {
  id: string;
  buildingId: string;
  /** The building's region path. */
  region: string;
}

export interface HouseholdMemberRefRecord {
  personId: string;
  householdId: string;
  relation: string;
}

/**
 * Which event a row was written from: grids' aggregate version of the household (ADR 0003) and the
 * event's time. A household changes only for a newer event — by version when both have one, else
 * by time — so a late older event (each type has its own consumer) never undoes a newer one.
 */
export interface HouseholdEventStamp {
  version: number | undefined;
  at: Date;
}

const RESIDENCES: HotRead = {
  name: 'mediation.household.residences',
  text: `select m.person_id as "personId", h.id as "householdId", h.building_id as "buildingId"
         from {schema}.household_member_ref m join {schema}.household_ref h on h.id = m.household_id
         where m.person_id = any($1::uuid[]) order by m.person_id, h.id`,
};

/** Mediation's read model of grids' household registry, kept by grids' household events (the conflict-of-interest check reads it). */
@Injectable()
export class HouseholdRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /** Registered or moved: the household's building and region. */
  async place(em: EntityManager, h: HouseholdRefRecord, stamp: HouseholdEventStamp): Promise<void> {
    await em.execute(
      `insert into ${this.s}.household_ref as household_ref (id, building_id, region, version, updated_at) values (?, ?, ?, ?, ?)
       on conflict (id) do update set building_id = excluded.building_id, region = excluded.region, version = excluded.version, updated_at = excluded.updated_at
       where case when household_ref.version is not null and excluded.version is not null then excluded.version > household_ref.version
         else excluded.updated_at >= household_ref.updated_at end`,
      [h.id, h.buildingId, h.region, stamp.version ?? null, stamp.at],
    );
  }

  /** Members as an event lists them; a member only ever joins (grids publishes no leaving), so only the relation changes. */
  async addMembers(em: EntityManager, members: readonly HouseholdMemberRefRecord[], at: Date): Promise<void> {
    for (const m of members) {
      await em.execute(
        `insert into ${this.s}.household_member_ref as household_member_ref (person_id, household_id, relation, updated_at) values (?, ?, ?, ?)
         on conflict (person_id, household_id) do update set relation = excluded.relation, updated_at = excluded.updated_at
         where household_member_ref.updated_at <= excluded.updated_at`,
        [m.personId, m.householdId, m.relation, at],
      );
    }
  }

  /**
   * Where each person lives: every asked person maps to their households with the building (none
   * when grids has not told mediation of one, or not yet where the household lies).
   */
  async residencesOf(personIds: readonly string[]): Promise<Map<string, Residence[]>> {
    const out = new Map<string, Residence[]>(personIds.map((id) => [id, []]));
    if (personIds.length === 0) return out;
    const rows = await this.reads.rows<Residence & { personId: string }>(RESIDENCES, [[...new Set(personIds)]]);
    for (const r of rows) out.get(r.personId)?.push({ householdId: r.householdId, buildingId: r.buildingId });
    return out;
  }
}
