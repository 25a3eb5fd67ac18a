import type { AgreementTemplate, FollowUpKind } from '@gov/mediation-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { toDate } from '../sql.js';

export interface InstalmentRecord {
  dueOn: string;
  amountFen: number;
}

/** One version of a case's agreement (调解协议书); a new draft is a new version, never an edit. */
export interface AgreementRecord {
  caseId: string;
  version: number;
  template: AgreementTemplate;
  facts: string;
  terms: string[];
  performanceMethod: string;
  /** YYYY-MM-DD. */
  performanceDeadline: string;
  instalments: InstalmentRecord[];
  draftedBy: string;
  draftedAt: Date;
}

export type NewAgreement = Omit<AgreementRecord, 'version' | 'draftedAt'>;

export interface NewFollowUp {
  id: string;
  caseId: string;
  kind: FollowUpKind;
  dueOn: string;
  amountFen: number | null;
  note: string | null;
}

// The day as text: a `date` column must not pass through a JS Date (time zones move it).
const COLUMNS = `case_id as "caseId", version, template, facts, terms, performance_method as "performanceMethod",
  to_char(performance_deadline, 'YYYY-MM-DD') as "performanceDeadline", instalments, drafted_by as "draftedBy", drafted_at as "draftedAt"`;

const BY_VERSION: HotRead = { name: 'mediation.agreement.byVersion', text: `select ${COLUMNS} from {schema}.agreement where case_id = $1 and version = $2` };

function dated(r: AgreementRecord): AgreementRecord {
  return { ...r, instalments: (r.instalments ?? []).map((i) => ({ dueOn: i.dueOn, amountFen: Number(i.amountFen) })), draftedAt: toDate(r.draftedAt)! };
}

/** Agreement versions and the follow-ups an agreement in effect schedules. Writes run in the caller's transaction. */
@Injectable()
export class AgreementRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /** Inserts the case's next version (1, 2, …); the caller holds the case's lock, so versions cannot race. */
  async insertNextVersion(em: EntityManager, a: NewAgreement): Promise<AgreementRecord> {
    const rows = await em.execute<AgreementRecord[]>(
      `insert into ${this.s}.agreement (case_id, version, template, facts, terms, performance_method, performance_deadline, instalments, drafted_by)
       select ?, coalesce(max(version), 0) + 1, ?, ?, ?::jsonb, ?, ?::date, ?::jsonb, ? from ${this.s}.agreement where case_id = ?
       returning ${COLUMNS}`,
      [a.caseId, a.template, a.facts, JSON.stringify(a.terms), a.performanceMethod, a.performanceDeadline, JSON.stringify(a.instalments), a.draftedBy, a.caseId],
    );
    return dated(rows[0]!);
  }

  async byVersion(caseId: string, version: number): Promise<AgreementRecord | null> {
    const rows = await this.reads.rows<AgreementRecord>(BY_VERSION, [caseId, version]);
    return rows[0] ? dated(rows[0]) : null;
  }

  /** The version inside the transaction (it may have been drafted in it). */
  async byVersionIn(em: EntityManager, caseId: string, version: number): Promise<AgreementRecord | null> {
    const rows = await em.execute<AgreementRecord[]>(`select ${COLUMNS} from ${this.s}.agreement where case_id = ? and version = ?`, [caseId, version]);
    return rows[0] ? dated(rows[0]) : null;
  }

  async scheduleFollowUps(em: EntityManager, followUps: readonly NewFollowUp[]): Promise<void> {
    for (const f of followUps)
      await em.execute(`insert into ${this.s}.follow_up (id, case_id, kind, due_on, amount_fen, note) values (?, ?, ?, ?::date, ?, ?)`, [
        f.id, f.caseId, f.kind, f.dueOn, f.amountFen, f.note,
      ]);
  }
}
