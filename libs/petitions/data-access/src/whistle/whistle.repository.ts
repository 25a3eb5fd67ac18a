import type { WhistleUrgency } from '@gov/petitions-contracts';
import { DB_SCHEMA, PreparedReads } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, toDate } from '../petition/petition.repository.js';

export interface WhistleRecord {
  id: string;
  petitionId: string;
  community: string;
  county: string;
  departmentId: string;
  departmentName: string;
  urgency: WhistleUrgency;
  reason: string;
  blownAt: Date;
  blownBy: string;
  ackDeadline: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  ackNote: string | null;
  overdueReported: boolean;
}

function dated(w: WhistleRecord): WhistleRecord {
  return { ...w, blownAt: toDate(w.blownAt)!, ackDeadline: toDate(w.ackDeadline)!, acknowledgedAt: toDate(w.acknowledgedAt) };
}

const COLUMNS = `w.id, w.petition_id as "petitionId", w.community, w.county, w.department_id as "departmentId", coalesce(d.name, '') as "departmentName",
  w.urgency, w.reason, w.blown_at as "blownAt", w.blown_by as "blownBy", w.ack_deadline as "ackDeadline", w.acknowledged_at as "acknowledgedAt",
  w.acknowledged_by as "acknowledgedBy", w.ack_note as "ackNote", w.overdue_reported as "overdueReported"`;

/** Whistles (吹哨): a community summons a department; the department reports within the limit. */
@Injectable()
export class WhistleRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  private from(): string {
    return `from ${this.s}.whistle w left join ${this.s}.department_ref d on d.id = w.department_id`;
  }

  async insert(em: EntityManager, w: Omit<WhistleRecord, 'departmentName' | 'acknowledgedAt' | 'acknowledgedBy' | 'ackNote' | 'overdueReported' | 'blownAt'>): Promise<WhistleRecord> {
    await em.execute(
      `insert into ${this.s}.whistle (id, petition_id, community, county, department_id, urgency, reason, blown_by, ack_deadline) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [w.id, w.petitionId, w.community, w.county, w.departmentId, w.urgency, w.reason, w.blownBy, w.ackDeadline],
    );
    return (await this.byId(em, w.id))!;
  }

  async byId(em: EntityManager, id: string, lock = false): Promise<WhistleRecord | null> {
    if (lock) await em.execute(`select 1 from ${this.s}.whistle where id = ? for update`, [id]);
    const rows = await em.execute<WhistleRecord[]>(`select ${COLUMNS} ${this.from()} where w.id = ?`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  async acknowledge(em: EntityManager, id: string, by: string, note: string | null): Promise<WhistleRecord> {
    await em.execute(`update ${this.s}.whistle set acknowledged_at = now(), acknowledged_by = ?, ack_note = ? where id = ?`, [by, note, id]);
    return (await this.byId(em, id))!;
  }

  async list(q: { below: readonly string[]; departmentCounties: readonly string[]; region: string | null; open: boolean | null; limit: number }): Promise<WhistleRecord[]> {
    const rows = await this.reads.rows<WhistleRecord>(
      {
        name: 'petitions.whistle.list',
        text: `select ${COLUMNS} from {schema}.whistle w left join {schema}.department_ref d on d.id = w.department_id
               where (w.community = any($1::text[]) or w.community like any($2::text[]) or w.county = any($3::text[]))
                 and ($4::text is null or w.community = $4 or w.community like $5)
                 and ($6::boolean is null or ($6 = (w.acknowledged_at is null)))
               order by w.blown_at desc limit $7`,
      },
      [q.below, q.below.map(belowPattern), q.departmentCounties, q.region, q.region ? belowPattern(q.region) : null, q.open, q.limit],
    );
    return rows.map(dated);
  }

  /** Unacknowledged whistles past their deadline not yet reported, locked. */
  async lockOverdue(em: EntityManager, now: Date, limit: number): Promise<WhistleRecord[]> {
    const ids = await em.execute<{ id: string }[]>(
      `select id from ${this.s}.whistle where acknowledged_at is null and not overdue_reported and ack_deadline < ? order by ack_deadline limit ? for update skip locked`,
      [now, limit],
    );
    const out: WhistleRecord[] = [];
    for (const { id } of ids) out.push((await this.byId(em, id))!);
    return out;
  }

  async markOverdueReported(em: EntityManager, id: string): Promise<void> {
    await em.execute(`update ${this.s}.whistle set overdue_reported = true where id = ?`, [id]);
  }
}
