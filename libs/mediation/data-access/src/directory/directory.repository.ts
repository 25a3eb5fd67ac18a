import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export type SourceKind = 'petition' | 'proposal';

export interface SourceRecord {
  id: string;
  kind: SourceKind;
  region: string;
  county: string;
  /** A proposal's title; a petition's tracking code and category (petitions publishes no petition text). */
  label: string;
}

/**
 * What mediation knows of other services' objects it may be asked to name: petitions' petitions
 * and proposals (from petitions' events) and persons (from its steward, household and mediator rows).
 */
@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async upsertSource(em: EntityManager, r: SourceRecord, at: Date): Promise<void> {
    await em.execute(
      `insert into ${this.s}.source_ref (id, kind, region, county, label, updated_at) values (?, ?, ?, ?, ?, ?)
       on conflict (id) do update set region = excluded.region, county = excluded.county, label = excluded.label, updated_at = excluded.updated_at
       where source_ref.updated_at <= excluded.updated_at`,
      [r.id, r.kind, r.region, r.county, r.label, at],
    );
  }

  async findSource(em: EntityManager, id: string, kind: SourceKind): Promise<SourceRecord | null> {
    const rows = await em.execute<SourceRecord[]>(`select id, kind, region, county, label from ${this.s}.source_ref where id = ? and kind = ?`, [id, kind]);
    return rows[0] ?? null;
  }

  /**
   * The persons among `ids` mediation knows in `county`: stewards of its grids, members of its
   * households, mediators of its organisations. A case, a meeting or an organisation names only
   * these — another county's person answers exactly as one that exists nowhere.
   */
  async personsKnownIn(em: EntityManager, county: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await em.execute<{ id: string }[]>(
      `select s.person_id as id from ${this.s}.steward_ref s where s.person_id in (?) and split_part(s.grid, '/', 2) = ?
       union select m.person_id from ${this.s}.household_member_ref m join ${this.s}.household_ref h on h.id = m.household_id
         where m.person_id in (?) and split_part(h.region, '/', 2) = ?
       union select d.person_id from ${this.s}.mediator d join ${this.s}.organisation o on o.id = d.organisation_id where d.person_id in (?) and o.county = ?`,
      [ids, county, ids, county, ids, county],
    );
    return new Set(rows.map((r) => r.id));
  }
}
