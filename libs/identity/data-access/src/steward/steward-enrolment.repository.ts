import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { Steward } from './steward.entity.js';

/** What an enrolment checks before it writes, read in one round trip. */
export interface EnrolmentContext {
  /** Null when the person does not exist. */
  personRegion: string | null;
  /** Null when the unit does not exist. */
  unit: { id: string; code: string; region: string } | null;
  alreadySteward: boolean;
}

const CONTEXT: HotRead = {
  name: 'identity.steward.enrolment-context',
  text: `select p.region as "personRegion", u.id as "unitId", u.code as "unitCode", u.region as "unitRegion",
           exists (select 1 from {schema}.steward s where s.person_id = $1) as "alreadySteward"
         from (select 1) as one
         left join {schema}.person p on p.id = $1
         left join {schema}.unit u on u.id = $2`,
};

/** The unique constraint that makes "one steward record per person" hold under concurrency. */
export const ONE_STEWARD_PER_PERSON = 'steward_person_id_key';

/**
 * The write path of an enrolment in as few round trips as the baseline's: one read of everything
 * it checks (before the transaction: persons and units are never deleted, and a concurrent
 * enrolment of the same person is stopped by ONE_STEWARD_PER_PERSON), then the steward and its
 * first number in one statement inside the caller's transaction.
 */
@Injectable()
export class StewardEnrolmentRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async context(personId: string, unitId: string): Promise<EnrolmentContext> {
    const [row] = await this.reads.rows<{ personRegion: string | null; unitId: string | null; unitCode: string; unitRegion: string; alreadySteward: boolean }>(CONTEXT, [personId, unitId]);
    return {
      personRegion: row!.personRegion,
      unit: row!.unitId ? { id: row!.unitId, code: row!.unitCode, region: row!.unitRegion } : null,
      alreadySteward: row!.alreadySteward,
    };
  }

  /** Inserts the steward and the history row of its first number, in `em`'s transaction. */
  async insert(em: EntityManager, s: Omit<Steward, 'seq'>, historyId: string): Promise<void> {
    await em.execute(
      `with s as (
         insert into "${this.schema}".steward (id, person_id, number, class, unit_id, grid, building, deliberation_role, sentinel_role, reports_to_id, enrolled_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id, number, enrolled_at)
       insert into "${this.schema}".steward_number_history (id, steward_id, number, issued_at) select ?, s.id, s.number, s.enrolled_at from s`,
      [s.id, s.personId, s.number, s.class, s.unitId, s.grid, s.building, s.deliberationRole, s.sentinelRole, s.reportsToId, s.enrolledAt, s.updatedAt, historyId],
    );
  }
}
