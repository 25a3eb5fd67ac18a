import type {
  AgendaSource,
  AgreementTemplate,
  CaseLevel,
  CaseOutcome,
  CaseSource,
  CaseState,
  CommitteeList,
  ConfirmationState,
  DecisionAction,
  DisputeCategory,
  FollowUpKind,
  ListItemState,
  MeetingKind,
  MeetingState,
  OrganisationKind,
  PartyRole,
  RiskLevel,
  SessionMode,
  SessionState,
} from '@gov/mediation-contracts';
import { DB_SCHEMA } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { InstalmentRecord } from '../agreement/agreement.repository.js';
import type { MeetingAttendee } from '../meeting/meeting.repository.js';

/** A steward of identity's, as mediation's read model keeps it. */
export interface DemoSteward {
  id: string;
  personId: string;
  number: string;
  class: number;
  grid: string;
  deliberationRole: string | null;
}

export interface DemoOrganisationRow {
  id: string;
  kind: OrganisationKind;
  name: string;
  region: string;
  county: string;
  level: CaseLevel;
  createdBy: string;
  createdAt: Date;
}

export interface DemoMediatorRow {
  id: string;
  organisationId: string;
  personId: string;
  name: string;
  specialities: DisputeCategory[];
  available: boolean;
  capacity: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A case as it stands today, every column set (the history's steps are its timeline). */
export interface DemoCaseRow {
  id: string;
  number: string;
  source: CaseSource;
  sourceMeetingId: string | null;
  courtReference: string | null;
  category: DisputeCategory;
  title: string;
  facts: string;
  region: string;
  county: string;
  level: CaseLevel;
  amountFen: number | null;
  risk: RiskLevel;
  criminalRisk: boolean;
  policeGrid: string | null;
  state: CaseState;
  outcome: CaseOutcome | null;
  organisationId: string | null;
  mediatorId: string | null;
  escalations: number;
  agreementVersion: number | null;
  agreedAt: Date | null;
  confirmationDeadline: Date | null;
  confirmationState: ConfirmationState;
  confirmationCourt: string | null;
  confirmationRequestedAt: Date | null;
  confirmationDecidedAt: Date | null;
  confirmationRuling: string | null;
  remindersSent: number;
  openedBy: string;
  openedAt: Date;
  assignedAt: Date | null;
  updatedAt: Date;
  closedAt: Date | null;
  version: number;
}

/** A party with its contact already encrypted (ciphertext bound to the party's row and column). */
export interface DemoPartyRow {
  id: string;
  caseId: string;
  position: number;
  role: PartyRole;
  name: string;
  phoneEnc: string | null;
  phoneMasked: string | null;
  idNumberEnc: string | null;
  idNumberMasked: string | null;
  acceptedVersion: number | null;
  acceptedAt: Date | null;
}

export interface DemoTimelineRow {
  caseId: string;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  actorAccountId: string | null;
  actorLabel: string;
  note: string | null;
  at: Date;
}

export interface DemoPoliceAlertRow {
  id: string;
  caseId: string;
  policeGrid: string;
  risk: RiskLevel;
  raisedBy: string | null;
  at: Date;
}

export interface DemoSessionRow {
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

export interface DemoAgreementRow {
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

export interface DemoFollowUpRow {
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
  overdueReported: boolean;
  createdAt: Date;
}

export interface DemoMeetingRow {
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

export interface DemoAgendaItemRow {
  id: string;
  meetingId: string;
  position: number;
  source: AgendaSource;
  sourceId: string | null;
  title: string;
  description: string | null;
}

export interface DemoListItemRow {
  id: string;
  community: string;
  county: string;
  list: CommitteeList;
  title: string;
  detail: string | null;
  state: ListItemState;
  ownerUnit: string | null;
  sourceMeetingId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoDecisionRow {
  id: string;
  meetingId: string;
  agendaItemId: string | null;
  text: string;
  action: DecisionAction;
  listItemId: string | null;
  decidedBy: string;
  decidedAt: Date;
}

export interface DemoCounterRow {
  county: string;
  year: number;
  last: number;
}

/** Everything the demo writes, in the order it is written (references before what refers to them). */
export interface DemoHistory {
  organisations: DemoOrganisationRow[];
  mediators: DemoMediatorRow[];
  meetings: DemoMeetingRow[];
  agendaItems: DemoAgendaItemRow[];
  listItems: DemoListItemRow[];
  decisions: DemoDecisionRow[];
  /** In the order they were opened: their sequence numbers follow their dates. */
  cases: DemoCaseRow[];
  parties: DemoPartyRow[];
  /** In the order it happened: the timeline's sequence follows time. */
  timeline: DemoTimelineRow[];
  policeAlerts: DemoPoliceAlertRow[];
  sessions: DemoSessionRow[];
  agreements: DemoAgreementRow[];
  followUps: DemoFollowUpRow[];
  counters: DemoCounterRow[];
}

/** A column written from a JSON row: its table name, the row's key and its SQL type. */
type Column = [column: string, key: string, type: string];

const c = (column: string, type: string, key = camel(column)): Column => [column, key, type];
function camel(column: string): string {
  return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
}

const TABLES: { table: string; rows: keyof DemoHistory; columns: Column[] }[] = [
  {
    table: 'organisation',
    rows: 'organisations',
    columns: [c('id', 'uuid'), c('kind', 'text'), c('name', 'text'), c('region', 'text'), c('county', 'text'), c('level', 'text'), c('created_by', 'uuid'), c('created_at', 'timestamptz')],
  },
  {
    table: 'mediator',
    rows: 'mediators',
    columns: [
      c('id', 'uuid'), c('organisation_id', 'uuid'), c('person_id', 'uuid'), c('name', 'text'), c('specialities', 'text[]'), c('available', 'boolean'),
      c('capacity', 'int'), c('created_at', 'timestamptz'), c('updated_at', 'timestamptz'),
    ],
  },
  {
    table: 'meeting',
    rows: 'meetings',
    columns: [
      c('id', 'uuid'), c('kind', 'text'), c('region', 'text'), c('county', 'text'), c('title', 'text'), c('starts_at', 'timestamptz'), c('place', 'text'),
      c('state', 'text'), c('attendees', 'jsonb'), c('minutes', 'text'), c('created_by', 'uuid'), c('created_at', 'timestamptz'),
    ],
  },
  {
    table: 'agenda_item',
    rows: 'agendaItems',
    columns: [c('id', 'uuid'), c('meeting_id', 'uuid'), c('position', 'int'), c('source', 'text'), c('source_id', 'uuid'), c('title', 'text'), c('description', 'text')],
  },
  {
    table: 'committee_item',
    rows: 'listItems',
    columns: [
      c('id', 'uuid'), c('community', 'text'), c('county', 'text'), c('list', 'text'), c('title', 'text'), c('detail', 'text'), c('state', 'text'),
      c('owner_unit', 'text'), c('source_meeting_id', 'uuid'), c('created_at', 'timestamptz'), c('updated_at', 'timestamptz'),
    ],
  },
  {
    table: 'decision',
    rows: 'decisions',
    columns: [
      c('id', 'uuid'), c('meeting_id', 'uuid'), c('agenda_item_id', 'uuid'), c('text', 'text'), c('action', 'text'), c('list_item_id', 'uuid'),
      c('decided_by', 'uuid'), c('decided_at', 'timestamptz'),
    ],
  },
  {
    table: 'mediation_case',
    rows: 'cases',
    columns: [
      c('id', 'uuid'), c('number', 'text'), c('source', 'text'), c('source_meeting_id', 'uuid'), c('court_reference', 'text'), c('category', 'text'),
      c('title', 'text'), c('facts', 'text'), c('region', 'text'), c('county', 'text'), c('level', 'text'), c('amount_fen', 'bigint'), c('risk', 'text'),
      c('criminal_risk', 'boolean'), c('police_grid', 'text'), c('state', 'text'), c('outcome', 'text'), c('organisation_id', 'uuid'), c('mediator_id', 'uuid'),
      c('escalations', 'int'), c('agreement_version', 'int'), c('agreed_at', 'timestamptz'), c('confirmation_deadline', 'timestamptz'),
      c('confirmation_state', 'text'), c('confirmation_court', 'text'), c('confirmation_requested_at', 'timestamptz'), c('confirmation_decided_at', 'timestamptz'),
      c('confirmation_ruling', 'text'), c('reminders_sent', 'int'), c('opened_by', 'uuid'), c('opened_at', 'timestamptz'), c('assigned_at', 'timestamptz'),
      c('updated_at', 'timestamptz'), c('closed_at', 'timestamptz'), c('version', 'int'),
    ],
  },
  {
    table: 'case_party',
    rows: 'parties',
    columns: [
      c('id', 'uuid'), c('case_id', 'uuid'), c('position', 'smallint'), c('role', 'text'), c('name', 'text'), c('phone_enc', 'text'), c('phone_masked', 'text'),
      c('id_number_enc', 'text'), c('id_number_masked', 'text'), c('accepted_version', 'int'), c('accepted_at', 'timestamptz'),
    ],
  },
  {
    table: 'case_timeline',
    rows: 'timeline',
    columns: [
      c('case_id', 'uuid'), c('action', 'text'), c('from_state', 'text'), c('to_state', 'text'), c('actor_account_id', 'uuid'), c('actor_label', 'text'),
      c('note', 'text'), c('at', 'timestamptz'),
    ],
  },
  {
    table: 'police_alert',
    rows: 'policeAlerts',
    columns: [c('id', 'uuid'), c('case_id', 'uuid'), c('police_grid', 'text'), c('risk', 'text'), c('raised_by', 'uuid'), c('at', 'timestamptz')],
  },
  {
    table: 'session',
    rows: 'sessions',
    columns: [
      c('id', 'uuid'), c('case_id', 'uuid'), c('seq', 'int'), c('mode', 'text'), c('starts_at', 'timestamptz'), c('place', 'text'), c('meeting_link', 'text'),
      c('state', 'text'), c('attended_party_ids', 'uuid[]'), c('notes', 'text'), c('recorded_at', 'timestamptz'), c('recorded_by', 'uuid'),
    ],
  },
  {
    table: 'agreement',
    rows: 'agreements',
    columns: [
      c('case_id', 'uuid'), c('version', 'int'), c('template', 'text'), c('facts', 'text'), c('terms', 'jsonb'), c('performance_method', 'text'),
      c('performance_deadline', 'date'), c('instalments', 'jsonb'), c('drafted_by', 'uuid'), c('drafted_at', 'timestamptz'),
    ],
  },
  {
    table: 'follow_up',
    rows: 'followUps',
    columns: [
      c('id', 'uuid'), c('case_id', 'uuid'), c('kind', 'text'), c('due_on', 'date'), c('amount_fen', 'bigint'), c('paid_fen', 'bigint'), c('done', 'boolean'),
      c('note', 'text'), c('recorded_at', 'timestamptz'), c('recorded_by', 'uuid'), c('overdue_reported', 'boolean'), c('created_at', 'timestamptz'),
    ],
  },
];

/**
 * What the demo seed needs beyond the service's own code: the stewards' read model, and months
 * of history written as it stands today — one set-based statement per table (rows travel as one
 * JSON array, inserted in the array's order so sequence numbers follow the history's dates) in the
 * caller's transaction. Never used by the service itself.
 */
@Injectable()
export class DemoRepository {
  constructor(@Inject(DB_SCHEMA) private readonly schema: string) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  async isEmpty(em: EntityManager): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(`select id from ${this.s}.mediation_case limit 1`);
    return rows.length === 0;
  }

  async stewards(em: EntityManager): Promise<DemoSteward[]> {
    const rows = await em.execute<DemoSteward[]>(
      `select id, person_id as "personId", number, class, grid, deliberation_role as "deliberationRole" from ${this.s}.steward_ref order by grid, number, id`,
    );
    return rows.map((r) => ({ ...r, class: Number(r.class) }));
  }

  async write(em: EntityManager, history: DemoHistory): Promise<void> {
    for (const t of TABLES) await this.insert(em, t.table, t.columns, history[t.rows] as readonly object[]);
    // The counters continue where the demo's numbers end, so the next case opened gets the next number.
    await this.insert(em, 'case_number', [c('county', 'text'), c('year', 'int'), c('last', 'int')], history.counters, `on conflict (county, year) do update set last = greatest(case_number.last, excluded.last)`);
  }

  private async insert(em: EntityManager, table: string, columns: readonly Column[], rows: readonly object[], onConflict = ''): Promise<void> {
    if (rows.length === 0) return;
    const definition = columns.map(([, key, type]) => `"${key}" ${type}`).join(', ');
    const keys = columns.map(([, key]) => `"${key}"`).join(', ');
    await em.execute(
      `insert into ${this.s}.${table} (${columns.map(([column]) => column).join(', ')})
       select ${keys} from rows from (jsonb_to_recordset(?::jsonb) as (${definition})) with ordinality as r (${keys}, n)
       order by n ${onConflict}`,
      [JSON.stringify(rows)],
    );
  }
}
