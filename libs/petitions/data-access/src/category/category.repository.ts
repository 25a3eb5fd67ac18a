import type { Level } from '@gov/petitions-contracts';
import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { toDate } from '../petition/petition.repository.js';

export interface CategoryRecord {
  id: string;
  key: string;
  majorKey: string;
  nameZh: string;
  majorNameZh: string;
  version: number;
  defaultLevel: Level;
  defaultDepartment: string | null;
  timeLimitDays: number;
  anonymousAllowed: boolean;
  retired: boolean;
  current: boolean;
  createdAt: Date;
}

const COLUMNS = `id, key, major_key as "majorKey", name_zh as "nameZh", major_name_zh as "majorNameZh", version, default_level as "defaultLevel",
  default_department as "defaultDepartment", time_limit_days as "timeLimitDays", anonymous_allowed as "anonymousAllowed", retired, current, created_at as "createdAt"`;

const dated = (r: CategoryRecord): CategoryRecord => ({ ...r, createdAt: toDate(r.createdAt)! });

/** The taxonomy's versions: the current one per key is what new petitions are filed under. */
@Injectable()
export class CategoryRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async current(em: EntityManager, includeRetired: boolean): Promise<CategoryRecord[]> {
    const rows = await em.execute<CategoryRecord[]>(`select ${COLUMNS} from ${this.s}.category where current and (? or not retired) order by major_key, key`, [includeRetired]);
    return rows.map(dated);
  }

  async currentByKey(em: EntityManager, key: string, lock = false): Promise<CategoryRecord | null> {
    const rows = await em.execute<CategoryRecord[]>(`select ${COLUMNS} from ${this.s}.category where key = ? and current${lock ? ' for update' : ''}`, [key]);
    return rows[0] ? dated(rows[0]) : null;
  }

  async byId(em: EntityManager, id: string): Promise<CategoryRecord | null> {
    const rows = await em.execute<CategoryRecord[]>(`select ${COLUMNS} from ${this.s}.category where id = ?`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  /** Retires the current version and inserts the next one (a partial unique index keeps one current per key). */
  async addVersion(em: EntityManager, prev: CategoryRecord, next: Omit<CategoryRecord, 'version' | 'current' | 'createdAt'>, by: string): Promise<CategoryRecord> {
    await em.execute(`update ${this.s}.category set current = false where id = ?`, [prev.id]);
    await em.execute(
      `insert into ${this.s}.category (id, key, major_key, name_zh, major_name_zh, version, default_level, default_department, time_limit_days,
         anonymous_allowed, retired, current, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)`,
      [next.id, next.key, next.majorKey, next.nameZh, next.majorNameZh, prev.version + 1, next.defaultLevel, next.defaultDepartment, next.timeLimitDays,
        next.anonymousAllowed, next.retired, by],
    );
    return (await this.currentByKey(em, next.key))!;
  }
}
