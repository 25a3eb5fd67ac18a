import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface DepartmentRecord {
  id: string;
  code: string | null;
  name: string;
  region: string;
}

export interface StewardRefRecord {
  id: string;
  personId: string;
  number: string;
  class: number;
  grid: string;
  reportsToId: string | null;
}

/**
 * Petitions' read models of identity's departments and stewards, kept by event consumers. An
 * upsert applies only an event newer than what the row holds, so a late redelivery of an older
 * event changes nothing.
 */
@Injectable()
export class DirectoryRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async upsertDepartment(em: EntityManager, d: DepartmentRecord, at: Date): Promise<void> {
    await em.execute(
      `insert into ${this.s}.department_ref (id, code, name, region, updated_at) values (?, ?, ?, ?, ?)
       on conflict (id) do update set code = excluded.code, name = excluded.name, region = excluded.region, updated_at = excluded.updated_at
       where department_ref.updated_at <= excluded.updated_at`,
      [d.id, d.code, d.name, d.region, at],
    );
  }

  async upsertSteward(em: EntityManager, s: StewardRefRecord, at: Date): Promise<void> {
    await em.execute(
      `insert into ${this.s}.steward_ref (id, person_id, number, class, grid, reports_to_id, updated_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (id) do update set person_id = excluded.person_id, number = excluded.number, class = excluded.class, grid = excluded.grid,
         reports_to_id = excluded.reports_to_id, updated_at = excluded.updated_at
       where steward_ref.updated_at <= excluded.updated_at`,
      [s.id, s.personId, s.number, s.class, s.grid, s.reportsToId, at],
    );
  }

  async department(em: EntityManager, id: string): Promise<DepartmentRecord | null> {
    const rows = await em.execute<DepartmentRecord[]>(`select id, code, name, region from ${this.s}.department_ref where id = ?`, [id]);
    return rows[0] ?? null;
  }

  /** Departments at or above `region`'s county (the county's own and the city's). */
  async departmentsFor(em: EntityManager, regions: readonly string[]): Promise<DepartmentRecord[]> {
    if (regions.length === 0) return [];
    return em.execute<DepartmentRecord[]>(`select id, code, name, region from ${this.s}.department_ref where region in (?) order by region, name`, [regions]);
  }

  /** The county department whose name ends with a category's functional name (东宝区 + 住房和城乡建设局). */
  async departmentByFunction(em: EntityManager, county: string, functionalName: string): Promise<DepartmentRecord | null> {
    const rows = await em.execute<DepartmentRecord[]>(
      `select id, code, name, region from ${this.s}.department_ref where region = ? and right(name, char_length(?)) = ? order by name limit 1`,
      [county, functionalName, functionalName],
    );
    return rows[0] ?? null;
  }

  async stewardByPerson(em: EntityManager, personId: string): Promise<StewardRefRecord | null> {
    const rows = await em.execute<StewardRefRecord[]>(
      `select id, person_id as "personId", number, class, grid, reports_to_id as "reportsToId" from ${this.s}.steward_ref where person_id = ?`,
      [personId],
    );
    return rows[0] ?? null;
  }

  /** The steward and up to `depth` levels above (哨兵 → 组长 → 班长), bottom first. */
  async chainAbove(em: EntityManager, stewardId: string, depth: number): Promise<StewardRefRecord[]> {
    return em.execute<StewardRefRecord[]>(
      `with recursive chain as (
         select s.*, 0 as depth from ${this.s}.steward_ref s where s.id = ?
         union all
         select up.*, chain.depth + 1 from ${this.s}.steward_ref up join chain on up.id = chain.reports_to_id where chain.depth < ?)
       select id, person_id as "personId", number, class, grid, reports_to_id as "reportsToId" from chain order by depth`,
      [stewardId, depth],
    );
  }
}
