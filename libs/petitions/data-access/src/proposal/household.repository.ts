import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

/** A household (户) of grids' registry as petitions knows it: where it lies decides where it votes. */
export interface HouseholdRecord {
  id: string;
  buildingId: string;
  /** The room number within the building, e.g. 2-301. */
  number: string;
  /** The building's region path. */
  region: string;
}

export interface HouseholdMemberRecord {
  personId: string;
  householdId: string;
  relation: string;
}

/**
 * Which event a row was written from: grids' aggregate version of the household (ADR 0003) and the
 * event's time. A row changes only for a newer event — by version when both have one, else by time
 * — so a redelivered or late older event (each event type has its own consumer, so types
 * interleave freely) never undoes a newer one.
 */
export interface HouseholdEventStamp {
  version: number | undefined;
  at: Date;
}

const NEWER = (table: string) => `case when ${table}.version is not null and excluded.version is not null then excluded.version > ${table}.version
  else excluded.updated_at >= ${table}.updated_at end`;

const HOUSEHOLD_COLUMNS = `h.id, h.building_id as "buildingId", h.number, h.region`;

/** Every proposal read and ballot asks where the caller's household lies. */
const OF_PERSON: HotRead = {
  name: 'petitions.household.ofPerson',
  text: `select ${HOUSEHOLD_COLUMNS} from {schema}.household_member_ref m join {schema}.household_ref h on h.id = m.household_id where m.person_id = $1`,
};

/** Petitions' read model of grids' household registry (migration 002), kept by grids' household events. */
@Injectable()
export class HouseholdRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /** Registered or moved: the household's building, number and region. */
  async place(em: EntityManager, h: HouseholdRecord, stamp: HouseholdEventStamp): Promise<void> {
    await em.execute(
      `insert into ${this.s}.household_ref as household_ref (id, building_id, number, region, version, updated_at) values (?, ?, ?, ?, ?, ?)
       on conflict (id) do update set building_id = excluded.building_id, number = excluded.number, region = excluded.region,
         version = excluded.version, updated_at = excluded.updated_at
       where ${NEWER('household_ref')}`,
      [h.id, h.buildingId, h.number, h.region, stamp.version ?? null, stamp.at],
    );
  }

  /** Members of a household, as an event lists them; a person belongs to one household at a time. */
  async addMembers(em: EntityManager, members: readonly HouseholdMemberRecord[], stamp: HouseholdEventStamp): Promise<void> {
    for (const m of members) {
      await em.execute(
        `insert into ${this.s}.household_member_ref as household_member_ref (person_id, household_id, relation, version, updated_at) values (?, ?, ?, ?, ?)
         on conflict (person_id) do update set household_id = excluded.household_id, relation = excluded.relation,
           version = excluded.version, updated_at = excluded.updated_at
         where ${NEWER('household_member_ref')}`,
        [m.personId, m.householdId, m.relation, stamp.version ?? null, stamp.at],
      );
    }
  }

  async byId(em: EntityManager, id: string): Promise<HouseholdRecord | null> {
    const [row] = await em.execute<HouseholdRecord[]>(`select ${HOUSEHOLD_COLUMNS} from ${this.s}.household_ref h where h.id = ?`, [id]);
    return row ?? null;
  }

  /** The household the person is a member of, once grids has told petitions where it lies. */
  async ofPerson(personId: string): Promise<HouseholdRecord | null> {
    const [row] = await this.reads.rows<HouseholdRecord>(OF_PERSON, [personId]);
    return row ?? null;
  }
}
