import type { SessionMode, SessionState } from '@gov/mediation-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { toDate } from '../sql.js';

export interface SessionRecord {
  id: string;
  caseId: string;
  seq: number;
  mode: SessionMode;
  startsAt: Date;
  place: string | null;
  meetingLink: string | null;
  state: SessionState;
  attendedPartyIds: string[];
  notes: string | null;
  recordedAt: Date | null;
  recordedBy: string | null;
}

export type NewSession = Pick<SessionRecord, 'id' | 'caseId' | 'mode' | 'startsAt' | 'place' | 'meetingLink'>;

/** What recording a session sets: held or cancelled, who came, what was said. */
export interface SessionOutcome {
  state: Exclude<SessionState, 'scheduled'>;
  attendedPartyIds: readonly string[];
  notes: string;
  recordedBy: string;
}

const COLUMNS = `id, case_id as "caseId", seq, mode, starts_at as "startsAt", place, meeting_link as "meetingLink", state,
  attended_party_ids as "attendedPartyIds", notes, recorded_at as "recordedAt", recorded_by as "recordedBy"`;

const BY_ID: HotRead = { name: 'mediation.session.byId', text: `select ${COLUMNS} from {schema}.session where id = $1` };
const OF_CASE: HotRead = { name: 'mediation.session.ofCase', text: `select ${COLUMNS} from {schema}.session where case_id = $1 order by seq` };

function dated(s: SessionRecord): SessionRecord {
  return { ...s, startsAt: toDate(s.startsAt)!, recordedAt: toDate(s.recordedAt), attendedPartyIds: s.attendedPartyIds ?? [] };
}

/** Mediation sessions (调解会) of a case. Writes run under the case's lock (CaseWorkflow), so seq cannot race. */
@Injectable()
export class SessionRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /** Inserts the case's next session (seq 1, 2, …). */
  async insertNext(em: EntityManager, n: NewSession): Promise<SessionRecord> {
    const rows = await em.execute<SessionRecord[]>(
      `insert into ${this.s}.session (id, case_id, seq, mode, starts_at, place, meeting_link, state)
       select ?, ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ?, 'scheduled' from ${this.s}.session where case_id = ?
       returning ${COLUMNS}`,
      [n.id, n.caseId, n.mode, n.startsAt, n.place, n.meetingLink, n.caseId],
    );
    return dated(rows[0]!);
  }

  async byId(id: string): Promise<SessionRecord | null> {
    const rows = await this.reads.rows<SessionRecord>(BY_ID, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  /** The session inside the caller's transaction, locked until commit. */
  async lock(em: EntityManager, id: string): Promise<SessionRecord | null> {
    const rows = await em.execute<SessionRecord[]>(`select ${COLUMNS} from ${this.s}.session where id = ? for update`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  async record(em: EntityManager, id: string, o: SessionOutcome): Promise<SessionRecord> {
    const rows = await em.execute<SessionRecord[]>(
      `update ${this.s}.session set state = ?, attended_party_ids = ?::uuid[], notes = ?, recorded_at = now(), recorded_by = ? where id = ? returning ${COLUMNS}`,
      [o.state, `{${o.attendedPartyIds.join(',')}}`, o.notes, o.recordedBy, id],
    );
    return dated(rows[0]!);
  }

  async ofCase(caseId: string): Promise<SessionRecord[]> {
    return (await this.reads.rows<SessionRecord>(OF_CASE, [caseId])).map(dated);
  }
}
