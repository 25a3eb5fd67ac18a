import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern } from '../sql.js';

/** A steward (网格管家) of identity as mediation knows it. */
export interface StewardRefRecord {
  id: string;
  personId: string;
  number: string;
  class: number;
  grid: string;
  /** The steward's seat in the five-member deliberation (五员议事), e.g. dispute_mediator. */
  deliberationRole: string | null;
}

/** identity's deliberation role of the stewards who mediate disputes (调解员 of 五员议事). */
export const DISPUTE_MEDIATOR_ROLE = 'dispute_mediator';

const COLUMNS = `s.id, s.person_id as "personId", s.number, s.class, s.grid, s.deliberation_role as "deliberationRole"`;

const BY_PERSON: HotRead = { name: 'mediation.steward.byPerson', text: `select ${COLUMNS} from {schema}.steward_ref s where s.person_id = $1` };
const MEDIATOR_CANDIDATES: HotRead = {
  name: 'mediation.steward.mediatorCandidates',
  text: `select ${COLUMNS} from {schema}.steward_ref s
         where s.deliberation_role = $1 and (s.grid = $2 or s.grid like $3)
         order by s.grid, s.number, s.id`,
};

/**
 * Mediation's read model of identity's stewards, kept by its steward events. An upsert applies
 * only an event at least as new as what the row holds, so a late older event changes nothing.
 */
@Injectable()
export class StewardRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async upsert(em: EntityManager, s: StewardRefRecord, at: Date): Promise<void> {
    await em.execute(
      `insert into "${this.schema}".steward_ref (id, person_id, number, class, grid, deliberation_role, updated_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set person_id = excluded.person_id, number = excluded.number, class = excluded.class, grid = excluded.grid,
         deliberation_role = excluded.deliberation_role, updated_at = excluded.updated_at
       where steward_ref.updated_at <= excluded.updated_at`,
      [s.id, s.personId, s.number, s.class, s.grid, s.deliberationRole, at],
    );
  }

  async byPerson(personId: string): Promise<StewardRefRecord | null> {
    const [row] = await this.reads.rows<StewardRefRecord>(BY_PERSON, [personId]);
    return row ?? null;
  }

  /** Stewards of the grids at or under `region` who sit as dispute mediators: who an organisation there may enlist. */
  async mediatorCandidates(region: string): Promise<StewardRefRecord[]> {
    return this.reads.rows<StewardRefRecord>(MEDIATOR_CANDIDATES, [DISPUTE_MEDIATOR_ROLE, region, belowPattern(region)]);
  }
}
