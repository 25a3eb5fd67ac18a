import type { AgendaSource, DecisionAction, MeetingKind, MeetingState } from '@gov/mediation-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, toDate } from '../sql.js';

export interface MeetingAttendee {
  name: string;
  role: string;
  personId: string | null;
}

export interface MeetingRecord {
  id: string;
  kind: MeetingKind;
  region: string;
  county: string;
  title: string;
  startsAt: Date;
  place: string;
  state: MeetingState;
  attendees: MeetingAttendee[];
  minutes: string | null;
  createdBy: string;
  createdAt: Date;
}

export interface AgendaItemRecord {
  id: string;
  meetingId: string;
  position: number;
  source: AgendaSource;
  sourceId: string | null;
  title: string;
  description: string | null;
}

export interface DecisionRecord {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  text: string;
  action: DecisionAction;
  listItemId: string | null;
  decidedBy: string;
  decidedAt: Date;
}

export type NewMeeting = Omit<MeetingRecord, 'state' | 'attendees' | 'minutes' | 'createdAt'>;

const COLUMNS = `m.id, m.kind, m.region, m.county, m.title, m.starts_at as "startsAt", m.place, m.state, m.attendees, m.minutes,
  m.created_by as "createdBy", m.created_at as "createdAt"`;
const AGENDA_COLUMNS = `id, meeting_id as "meetingId", position, source, source_id as "sourceId", title, description`;
const DECISION_COLUMNS = `id, meeting_id as "meetingId", agenda_item_id as "agendaItemId", text, action, list_item_id as "listItemId",
  decided_by as "decidedBy", decided_at as "decidedAt"`;

const BY_IDS: HotRead = { name: 'mediation.meeting.byIds', text: `select ${COLUMNS} from {schema}.meeting m where m.id = any($1::uuid[])` };
const AGENDA: HotRead = {
  name: 'mediation.meeting.agenda',
  text: `select ${AGENDA_COLUMNS} from {schema}.agenda_item where meeting_id = any($1::uuid[]) order by meeting_id, position`,
};
const DECISIONS: HotRead = {
  name: 'mediation.meeting.decisions',
  text: `select ${DECISION_COLUMNS} from {schema}.decision where meeting_id = any($1::uuid[]) order by meeting_id, decided_at, id`,
};
/**
 * Meetings the caller sees, newest first: those at or below the caller's regions, and those of the
 * places above them ($1 holds the regions with their ancestors), optionally inside one subtree.
 */
const LIST: HotRead = {
  name: 'mediation.meeting.list',
  text: `select ${COLUMNS} from {schema}.meeting m
         where (m.region = any($1::text[]) or m.region like any($2::text[]))
           and ($3::text is null or m.region = $3 or m.region like $4)
         order by m.starts_at desc, m.created_at desc limit $5`,
};

function dated(m: MeetingRecord): MeetingRecord {
  return { ...m, startsAt: toDate(m.startsAt)!, createdAt: toDate(m.createdAt)!, attendees: m.attendees ?? [] };
}

function datedDecision(d: DecisionRecord): DecisionRecord {
  return { ...d, decidedAt: toDate(d.decidedAt)! };
}

/** Deliberation meetings (议事会), their agenda items and decisions. Writes run in the caller's transaction. */
@Injectable()
export class MeetingRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async insert(em: EntityManager, m: NewMeeting): Promise<void> {
    await em.execute(
      `insert into ${this.s}.meeting (id, kind, region, county, title, starts_at, place, state, created_by) values (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?)`,
      [m.id, m.kind, m.region, m.county, m.title, m.startsAt, m.place, m.createdBy],
    );
  }

  /** The meeting, locked until commit: agenda positions and the minutes are written one at a time. */
  async lock(em: EntityManager, id: string): Promise<MeetingRecord | null> {
    const rows = await em.execute<MeetingRecord[]>(`select ${COLUMNS} from ${this.s}.meeting m where m.id = ? for update`, [id]);
    return rows[0] ? dated(rows[0]) : null;
  }

  async reload(em: EntityManager, id: string): Promise<MeetingRecord> {
    const rows = await em.execute<MeetingRecord[]>(`select ${COLUMNS} from ${this.s}.meeting m where m.id = ?`, [id]);
    return dated(rows[0]!);
  }

  async byId(id: string): Promise<MeetingRecord | null> {
    return (await this.byIds([id]))[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<MeetingRecord[]> {
    return (await this.reads.rows<MeetingRecord>(BY_IDS, [ids])).map(dated);
  }

  async list(q: { visible: readonly string[]; below: readonly string[]; region: string | null; limit: number }): Promise<MeetingRecord[]> {
    const rows = await this.reads.rows<MeetingRecord>(LIST, [q.visible, q.below.map(belowPattern), q.region, q.region ? belowPattern(q.region) : null, q.limit]);
    return rows.map(dated);
  }

  async agenda(meetingIds: readonly string[]): Promise<AgendaItemRecord[]> {
    if (meetingIds.length === 0) return [];
    return this.reads.rows<AgendaItemRecord>(AGENDA, [meetingIds]);
  }

  async decisions(meetingIds: readonly string[]): Promise<DecisionRecord[]> {
    if (meetingIds.length === 0) return [];
    return (await this.reads.rows<DecisionRecord>(DECISIONS, [meetingIds])).map(datedDecision);
  }

  /** Inside the transaction (sees its own writes). */
  async agendaIn(em: EntityManager, meetingId: string): Promise<AgendaItemRecord[]> {
    return em.execute<AgendaItemRecord[]>(`select ${AGENDA_COLUMNS} from ${this.s}.agenda_item where meeting_id = ? order by position`, [meetingId]);
  }

  async decisionsIn(em: EntityManager, meetingId: string): Promise<DecisionRecord[]> {
    const rows = await em.execute<DecisionRecord[]>(`select ${DECISION_COLUMNS} from ${this.s}.decision where meeting_id = ? order by decided_at, id`, [meetingId]);
    return rows.map(datedDecision);
  }

  /** Appends an item after the last one (the caller holds the meeting's lock). */
  async addAgendaItem(em: EntityManager, item: Omit<AgendaItemRecord, 'position'>): Promise<AgendaItemRecord> {
    const rows = await em.execute<AgendaItemRecord[]>(
      `insert into ${this.s}.agenda_item (id, meeting_id, position, source, source_id, title, description)
       select ?, ?, coalesce(max(position), 0) + 1, ?, ?, ?, ? from ${this.s}.agenda_item where meeting_id = ?
       returning ${AGENDA_COLUMNS}`,
      [item.id, item.meetingId, item.source, item.sourceId, item.title, item.description, item.meetingId],
    );
    return rows[0]!;
  }

  /** Attendees and minutes; the meeting is then held. */
  async recordMinutes(em: EntityManager, id: string, attendees: readonly MeetingAttendee[], minutes: string): Promise<MeetingRecord> {
    await em.execute(`update ${this.s}.meeting set attendees = ?::jsonb, minutes = ?, state = 'held' where id = ?`, [JSON.stringify(attendees), minutes, id]);
    return this.reload(em, id);
  }

  async insertDecision(em: EntityManager, d: Omit<DecisionRecord, 'decidedAt'>): Promise<DecisionRecord> {
    const rows = await em.execute<DecisionRecord[]>(
      `insert into ${this.s}.decision (id, meeting_id, agenda_item_id, text, action, list_item_id, decided_by) values (?, ?, ?, ?, ?, ?, ?)
       returning ${DECISION_COLUMNS}`,
      [d.id, d.meetingId, d.agendaItemId, d.text, d.action, d.listItemId, d.decidedBy],
    );
    return datedDecision(rows[0]!);
  }
}
