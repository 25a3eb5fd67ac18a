import type { FollowUpKind } from '@gov/mediation-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { toDate } from '../sql.js';

/** Follow-ups fall due on calendar days as the parties live them: China's. */
export const FOLLOW_UP_TIME_ZONE = 'Asia/Shanghai';

export interface FollowUpRecord {
  id: string;
  caseId: string;
  kind: FollowUpKind;
  /** YYYY-MM-DD. */
  dueOn: string;
  amountFen: number | null;
  paidFen: number | null;
  done: boolean | null;
  note: string | null;
  recordedAt: Date | null;
  recordedBy: string | null;
  /** Not recorded and due before today (in FOLLOW_UP_TIME_ZONE) when read. */
  overdue: boolean;
}

export type ScheduledFollowUp = Pick<FollowUpRecord, 'id' | 'caseId' | 'kind' | 'dueOn' | 'amountFen' | 'note'>;
export type FollowUpResult = Pick<FollowUpRecord, 'done' | 'paidFen' | 'note'> & { recordedBy: string };

const TODAY = `(now() at time zone '${FOLLOW_UP_TIME_ZONE}')::date`;
// A `date` travels as text: through a JS Date a time zone would move it.
const COLUMNS = `id, case_id as "caseId", kind, due_on::text as "dueOn", amount_fen as "amountFen", paid_fen as "paidFen", done, note,
  recorded_at as "recordedAt", recorded_by as "recordedBy", (recorded_at is null and due_on < ${TODAY}) as overdue`;

const BY_ID: HotRead = { name: 'mediation.followUp.byId', text: `select ${COLUMNS} from {schema}.follow_up where id = $1` };
const OF_CASE: HotRead = { name: 'mediation.followUp.ofCase', text: `select ${COLUMNS} from {schema}.follow_up where case_id = $1 order by due_on, created_at, id` };

function typed(f: FollowUpRecord): FollowUpRecord {
  const fen = (v: number | null) => (v === null ? null : Number(v));
  return { ...f, amountFen: fen(f.amountFen), paidFen: fen(f.paidFen), recordedAt: toDate(f.recordedAt) };
}

/**
 * Follow-ups (回访、履行跟踪) of an agreed case: visits and instalments, each recorded once. The
 * agreements feature inserts an agreement's instalments into the same table when it takes effect.
 */
@Injectable()
export class FollowUpRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async insert(em: EntityManager, f: ScheduledFollowUp): Promise<FollowUpRecord> {
    const rows = await em.execute<FollowUpRecord[]>(
      `insert into ${this.s}.follow_up (id, case_id, kind, due_on, amount_fen, note) values (?, ?, ?, ?::date, ?, ?) returning ${COLUMNS}`,
      [f.id, f.caseId, f.kind, f.dueOn, f.amountFen, f.note],
    );
    return typed(rows[0]!);
  }

  async byId(id: string): Promise<FollowUpRecord | null> {
    const rows = await this.reads.rows<FollowUpRecord>(BY_ID, [id]);
    return rows[0] ? typed(rows[0]) : null;
  }

  /** The follow-up inside the caller's transaction, locked until commit. */
  async lock(em: EntityManager, id: string): Promise<FollowUpRecord | null> {
    const rows = await em.execute<FollowUpRecord[]>(`select ${COLUMNS} from ${this.s}.follow_up where id = ? for update`, [id]);
    return rows[0] ? typed(rows[0]) : null;
  }

  /** The record replaces the scheduling note (the case timeline keeps that one). */
  async record(em: EntityManager, id: string, r: FollowUpResult): Promise<FollowUpRecord> {
    const rows = await em.execute<FollowUpRecord[]>(
      `update ${this.s}.follow_up set done = ?, paid_fen = ?, note = ?, recorded_at = now(), recorded_by = ? where id = ? returning ${COLUMNS}`,
      [r.done, r.paidFen, r.note, r.recordedBy, id],
    );
    return typed(rows[0]!);
  }

  async ofCase(caseId: string): Promise<FollowUpRecord[]> {
    return (await this.reads.rows<FollowUpRecord>(OF_CASE, [caseId])).map(typed);
  }

  /**
   * Unrecorded follow-ups of open cases due before the day of `now` and not yet reported, locked;
   * rows another sweeper holds are skipped, so two replicas never report one twice.
   */
  async lockOverdue(em: EntityManager, now: Date, limit: number): Promise<FollowUpRecord[]> {
    const rows = await em.execute<FollowUpRecord[]>(
      `select ${COLUMNS} from ${this.s}.follow_up f
       where f.recorded_at is null and not f.overdue_reported and f.due_on < (?::timestamptz at time zone '${FOLLOW_UP_TIME_ZONE}')::date
         and exists (select 1 from ${this.s}.mediation_case c where c.id = f.case_id and c.state <> 'closed')
       order by f.due_on limit ? for update skip locked`,
      [now.toISOString(), limit],
    );
    return rows.map(typed);
  }

  /** False when it was reported already (nothing to send). */
  async markOverdueReported(em: EntityManager, id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(`update ${this.s}.follow_up set overdue_reported = true where id = ? and not overdue_reported returning id`, [id]);
    return rows.length > 0;
  }
}
