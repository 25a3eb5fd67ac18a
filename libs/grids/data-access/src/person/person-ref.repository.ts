import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface PersonRef {
  id: string;
  region: string;
}

const BY_ID: HotRead = { name: 'grids.person-ref.by-id', text: `select id, region from {schema}.person_ref where id = $1` };

/** The local read model of identity's persons (who exists, and where they live). */
@Injectable()
export class PersonRefRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  async byId(id: string): Promise<PersonRef | null> {
    return (await this.reads.rows<PersonRef>(BY_ID, [id]))[0] ?? null;
  }

  /** Persons living in `region` or below, oldest first. */
  async under(em: EntityManager, region: string, limit: number): Promise<PersonRef[]> {
    return em.execute<PersonRef[]>(`select id, region from "${this.schema}".person_ref where region = ? or region like ? order by registered_at, id limit ?`, [
      region,
      `${region.replace(/[\\%_]/g, (c) => '\\' + c)}/%`,
      limit,
    ]);
  }

  async record(em: EntityManager, p: PersonRef, at: Date): Promise<void> {
    await em.execute(`insert into "${this.schema}".person_ref (id, region, registered_at) values (?, ?, ?) on conflict (id) do update set region = excluded.region`, [p.id, p.region, at]);
  }
}
