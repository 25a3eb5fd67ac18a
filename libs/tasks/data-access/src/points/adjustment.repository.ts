import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';

export interface AdjustmentRecord {
  id: string;
  stewardId: string;
  amount: number;
  reason: string;
  requestedByPerson: string;
  requestedAt: Date;
  status: 'pending' | 'approved' | 'rejected';
  decidedByPerson: string | null;
  decidedAt: Date | null;
  /** The steward's grid (from the read model), for scoping. */
  grid: string;
}

const COLUMNS = `a.id, a.steward_id as "stewardId", a.amount, a.reason, a.requested_by_person as "requestedByPerson", a.requested_at as "requestedAt",
  a.status, a.decided_by_person as "decidedByPerson", a.decided_at as "decidedAt", s.grid`;

/** Manual adjustments waiting for (or decided by) a second admin. */
@Injectable()
export class AdjustmentRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /** Inserts the request; the existing one when this requester already used the key. */
  async request(em: EntityManager, a: { id: string; stewardId: string; amount: number; reason: string; requestedByPerson: string; requestKey: string }): Promise<AdjustmentRecord> {
    await em.execute(
      `insert into ${this.s}.points_adjustment (id, steward_id, amount, reason, requested_by_person, request_key) values (?, ?, ?, ?, ?, ?)
       on conflict (requested_by_person, request_key) do nothing`,
      [a.id, a.stewardId, a.amount, a.reason, a.requestedByPerson, a.requestKey],
    );
    const [row] = await em.execute<AdjustmentRecord[]>(
      `select ${COLUMNS} from ${this.s}.points_adjustment a join ${this.s}.steward_ref s on s.id = a.steward_id where a.requested_by_person = ? and a.request_key = ?`,
      [a.requestedByPerson, a.requestKey],
    );
    return norm(row);
  }

  async lock(em: EntityManager, id: string): Promise<AdjustmentRecord | null> {
    const rows = await em.execute<AdjustmentRecord[]>(
      `select ${COLUMNS} from ${this.s}.points_adjustment a join ${this.s}.steward_ref s on s.id = a.steward_id where a.id = ? for update of a`,
      [id],
    );
    return rows[0] ? norm(rows[0]) : null;
  }

  async decide(em: EntityManager, id: string, status: 'approved' | 'rejected', by: string): Promise<void> {
    await em.execute(`update ${this.s}.points_adjustment set status = ?, decided_by_person = ?, decided_at = now() where id = ?`, [status, by, id]);
  }

  /** Adjustments of stewards whose grid lies in `region`, newest first. */
  async list(em: EntityManager, region: string, pendingOnly: boolean, limit: number): Promise<AdjustmentRecord[]> {
    const rows = await em.execute<AdjustmentRecord[]>(
      `select ${COLUMNS} from ${this.s}.points_adjustment a join ${this.s}.steward_ref s on s.id = a.steward_id
       where (s.grid = ? or s.grid like ?) and (? is false or a.status = 'pending') order by a.requested_at desc, a.id limit ?`,
      [region, `${region.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`, pendingOnly, limit],
    );
    return rows.map(norm);
  }
}

function norm(r: AdjustmentRecord): AdjustmentRecord {
  return { ...r, amount: Number(r.amount), requestedAt: new Date(r.requestedAt), decidedAt: r.decidedAt ? new Date(r.decidedAt) : null };
}
