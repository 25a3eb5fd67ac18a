import type { CaseLevel, CaseOutcome, CaseSource, CaseState, ConfirmationState, DisputeCategory, PartyRole, RiskLevel } from '@gov/mediation-contracts';
import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { belowPattern, toDate } from '../sql.js';

export interface CaseRecord {
  id: string;
  seq: string;
  number: string;
  source: CaseSource;
  sourcePetitionId: string | null;
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
  organisationName: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
  mediatorPersonId: string | null;
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

export interface PartyRecord {
  id: string;
  caseId: string;
  position: number;
  role: PartyRole;
  name: string;
  personId: string | null;
  phoneEnc: string | null;
  phoneMasked: string | null;
  idNumberEnc: string | null;
  idNumberMasked: string | null;
  relatedPersonIds: string[];
  acceptedVersion: number | null;
  acceptedAt: Date | null;
}

export interface CaseTimelineRecord {
  seq: string;
  caseId: string;
  at: Date;
  action: string;
  fromState: CaseState | null;
  toState: CaseState;
  actorAccountId: string | null;
  actorLabel: string;
  note: string | null;
}

/** Columns a transition may change (`patch`); anything else is fixed when the case opens. */
export type CasePatch = Partial<
  Pick<
    CaseRecord,
    | 'state' | 'outcome' | 'level' | 'organisationId' | 'mediatorId' | 'escalations' | 'agreementVersion' | 'agreedAt' | 'confirmationDeadline'
    | 'confirmationState' | 'confirmationCourt' | 'confirmationRequestedAt' | 'confirmationDecidedAt' | 'confirmationRuling' | 'remindersSent'
    | 'assignedAt' | 'closedAt' | 'policeGrid' | 'criminalRisk' | 'risk'
  >
>;

const PATCH_COLUMNS: Record<keyof CasePatch, string> = {
  state: 'state', outcome: 'outcome', level: 'level', organisationId: 'organisation_id', mediatorId: 'mediator_id', escalations: 'escalations',
  agreementVersion: 'agreement_version', agreedAt: 'agreed_at', confirmationDeadline: 'confirmation_deadline', confirmationState: 'confirmation_state',
  confirmationCourt: 'confirmation_court', confirmationRequestedAt: 'confirmation_requested_at', confirmationDecidedAt: 'confirmation_decided_at',
  confirmationRuling: 'confirmation_ruling', remindersSent: 'reminders_sent', assignedAt: 'assigned_at', closedAt: 'closed_at', policeGrid: 'police_grid',
  criminalRisk: 'criminal_risk', risk: 'risk',
};

const COLUMNS = `c.id, c.seq::text as seq, c.number, c.source, c.source_petition_id as "sourcePetitionId", c.source_meeting_id as "sourceMeetingId",
  c.court_reference as "courtReference", c.category, c.title, c.facts, c.region, c.county, c.level, c.amount_fen as "amountFen", c.risk,
  c.criminal_risk as "criminalRisk", c.police_grid as "policeGrid", c.state, c.outcome, c.organisation_id as "organisationId", o.name as "organisationName",
  c.mediator_id as "mediatorId", m.name as "mediatorName", m.person_id as "mediatorPersonId", c.escalations, c.agreement_version as "agreementVersion",
  c.agreed_at as "agreedAt", c.confirmation_deadline as "confirmationDeadline", c.confirmation_state as "confirmationState",
  c.confirmation_court as "confirmationCourt", c.confirmation_requested_at as "confirmationRequestedAt", c.confirmation_decided_at as "confirmationDecidedAt",
  c.confirmation_ruling as "confirmationRuling", c.reminders_sent as "remindersSent", c.opened_by as "openedBy", c.opened_at as "openedAt",
  c.assigned_at as "assignedAt", c.updated_at as "updatedAt", c.closed_at as "closedAt", c.version`;
const FROM = `from {schema}.mediation_case c left join {schema}.organisation o on o.id = c.organisation_id left join {schema}.mediator m on m.id = c.mediator_id`;
const PARTY_COLUMNS = `id, case_id as "caseId", position, role, name, person_id as "personId", phone_enc as "phoneEnc", phone_masked as "phoneMasked",
  id_number_enc as "idNumberEnc", id_number_masked as "idNumberMasked", related_person_ids as "relatedPersonIds", accepted_version as "acceptedVersion",
  accepted_at as "acceptedAt"`;

const BY_IDS: HotRead = { name: 'mediation.case.byIds', text: `select ${COLUMNS} ${FROM} where c.id = any($1::uuid[])` };
const PARTIES: HotRead = { name: 'mediation.case.parties', text: `select ${PARTY_COLUMNS} from {schema}.case_party where case_id = any($1::uuid[]) order by case_id, position` };
const TIMELINE: HotRead = {
  name: 'mediation.case.timeline',
  text: `select seq::text as seq, case_id as "caseId", at, action, from_state as "fromState", to_state as "toState", actor_account_id as "actorAccountId",
           actor_label as "actorLabel", note from {schema}.case_timeline where case_id = $1 order by case_timeline.seq`,
};
/**
 * A page of cases the caller sees, newest first: those under the caller's staff regions (bounded
 * to their counties so the county index serves it), plus those the caller mediates or is a party to.
 */
const LIST: HotRead = {
  name: 'mediation.case.list',
  text: `select ${COLUMNS} ${FROM}
         where ((c.county = any($1::text[]) and (c.region = any($2::text[]) or c.region like any($3::text[])))
                or ($4::uuid is not null and (m.person_id = $4 or exists (select 1 from {schema}.case_party p where p.case_id = c.id and p.person_id = $4))))
           and ($5::text is null or c.region = $5 or c.region like $6)
           and ($7::text[] is null or c.state = any($7::text[]))
           and ($8::text is null or c.category = $8)
           and ($9::text is null or c.level = $9)
           and ($10::uuid is null or c.organisation_id = $10)
           and ($11::uuid is null or c.mediator_id = $11)
           and ($12::boolean is null or c.criminal_risk = $12)
           and ($13::boolean is null or ($13 = (c.state = 'agreed' and c.confirmation_state = 'none' and c.confirmation_deadline > now())))
           and ($14::bigint is null or c.seq < $14)
         order by c.seq desc limit $15`,
};

export interface CaseFilter {
  /** The caller's staff regions (none: only their own cases). */
  regions: readonly string[];
  personId: string | null;
  region: string | null;
  states: readonly CaseState[] | null;
  category: DisputeCategory | null;
  level: CaseLevel | null;
  organisationId: string | null;
  mediatorId: string | null;
  criminalRisk: boolean | null;
  confirmationDue: boolean | null;
  afterSeq: string | null;
  limit: number;
}

export type NewCase = Omit<
  CaseRecord,
  | 'seq' | 'organisationName' | 'mediatorName' | 'mediatorPersonId' | 'state' | 'outcome' | 'organisationId' | 'mediatorId' | 'escalations'
  | 'agreementVersion' | 'agreedAt' | 'confirmationDeadline' | 'confirmationState' | 'confirmationCourt' | 'confirmationRequestedAt'
  | 'confirmationDecidedAt' | 'confirmationRuling' | 'remindersSent' | 'openedAt' | 'assignedAt' | 'updatedAt' | 'closedAt' | 'version'
> & { openedAt?: Date };

export type NewParty = Omit<PartyRecord, 'acceptedVersion' | 'acceptedAt'>;

function dated(r: CaseRecord): CaseRecord {
  return {
    ...r,
    amountFen: r.amountFen === null ? null : Number(r.amountFen),
    agreedAt: toDate(r.agreedAt),
    confirmationDeadline: toDate(r.confirmationDeadline),
    confirmationRequestedAt: toDate(r.confirmationRequestedAt),
    confirmationDecidedAt: toDate(r.confirmationDecidedAt),
    openedAt: toDate(r.openedAt)!,
    assignedAt: toDate(r.assignedAt),
    updatedAt: toDate(r.updatedAt)!,
    closedAt: toDate(r.closedAt),
  };
}

function datedParty(p: PartyRecord): PartyRecord {
  return { ...p, acceptedAt: toDate(p.acceptedAt), relatedPersonIds: p.relatedPersonIds ?? [] };
}

/**
 * Cases, their parties and their timeline (the audit trail). Reads by key are prepared; writes run
 * in the caller's transaction together with their events.
 */
@Injectable()
export class CaseRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  private sql(text: string): string {
    return text.replaceAll('{schema}', this.s);
  }

  /** The county's next running number for the year (one row per county and year, locked by the upsert). */
  async nextNumber(em: EntityManager, county: string, year: number): Promise<number> {
    const rows = await em.execute<{ last: number }[]>(
      `insert into ${this.s}.case_number (county, year, last) values (?, ?, 1)
       on conflict (county, year) do update set last = case_number.last + 1 returning last`,
      [county, year],
    );
    return Number(rows[0]!.last);
  }

  async insert(em: EntityManager, c: NewCase, parties: readonly NewParty[]): Promise<void> {
    await em.execute(
      `insert into ${this.s}.mediation_case (id, number, source, source_petition_id, source_meeting_id, court_reference, category, title, facts, region, county,
         level, amount_fen, risk, criminal_risk, police_grid, state, opened_by, opened_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'opened', ?, ?)`,
      [c.id, c.number, c.source, c.sourcePetitionId, c.sourceMeetingId, c.courtReference, c.category, c.title, c.facts, c.region, c.county,
        c.level, c.amountFen, c.risk, c.criminalRisk, c.policeGrid, c.openedBy, c.openedAt ?? new Date()],
    );
    for (const p of parties)
      await em.execute(
        `insert into ${this.s}.case_party (id, case_id, position, role, name, person_id, phone_enc, phone_masked, id_number_enc, id_number_masked, related_person_ids)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[])`,
        [p.id, p.caseId, p.position, p.role, p.name, p.personId, p.phoneEnc, p.phoneMasked, p.idNumberEnc, p.idNumberMasked, `{${p.relatedPersonIds.join(',')}}`],
      );
  }

  async byId(id: string): Promise<CaseRecord | null> {
    return (await this.byIds([id]))[0] ?? null;
  }

  async byIds(ids: readonly string[]): Promise<CaseRecord[]> {
    return (await this.reads.rows<CaseRecord>(BY_IDS, [ids])).map(dated);
  }

  async bySourcePetition(em: EntityManager, petitionId: string): Promise<CaseRecord | null> {
    const rows = await em.execute<CaseRecord[]>(this.sql(`select ${COLUMNS} ${FROM} where c.source_petition_id = ?`), [petitionId]);
    return rows.map(dated)[0] ?? null;
  }

  /** True when the deliberation meeting exists in the county (a case may come from it). */
  async meetingIn(em: EntityManager, meetingId: string, county: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(`select id from ${this.s}.meeting where id = ? and county = ?`, [meetingId, county]);
    return rows.length > 0;
  }

  /** The case, locked until commit: transitions of one case go one at a time. */
  async lock(em: EntityManager, id: string): Promise<CaseRecord | null> {
    await em.execute(`select 1 from ${this.s}.mediation_case where id = ? for update`, [id]);
    return this.reload(em, id);
  }

  /** Re-reads inside the transaction (after a patch). */
  async reload(em: EntityManager, id: string): Promise<CaseRecord | null> {
    const rows = await em.execute<CaseRecord[]>(this.sql(`select ${COLUMNS} ${FROM} where c.id = ?`), [id]);
    return rows.map(dated)[0] ?? null;
  }

  /** Changes the given columns, bumps the aggregate version (events carry it) and returns the case as stored. */
  async patch(em: EntityManager, id: string, patch: CasePatch): Promise<CaseRecord> {
    const keys = Object.keys(patch) as (keyof CasePatch)[];
    const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`);
    await em.execute(`update ${this.s}.mediation_case set ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} where id = ?`, [
      ...keys.map((k) => patch[k] ?? null),
      id,
    ]);
    return (await this.reload(em, id))!;
  }

  async parties(caseIds: readonly string[]): Promise<PartyRecord[]> {
    if (caseIds.length === 0) return [];
    return (await this.reads.rows<PartyRecord>(PARTIES, [caseIds])).map(datedParty);
  }

  /** The parties inside the transaction (for checks that must see this transaction's writes). */
  async partiesIn(em: EntityManager, caseId: string): Promise<PartyRecord[]> {
    const rows = await em.execute<PartyRecord[]>(`select ${PARTY_COLUMNS} from ${this.s}.case_party where case_id = ? order by position`, [caseId]);
    return rows.map(datedParty);
  }

  /** Changes a party's given fields (null leaves a field as it is). */
  async updateParty(
    em: EntityManager,
    partyId: string,
    f: { name: string | null; personId: string | null; phoneEnc: string | null; phoneMasked: string | null; idNumberEnc: string | null; idNumberMasked: string | null; relatedPersonIds: string[] | null },
  ): Promise<void> {
    await em.execute(
      `update ${this.s}.case_party set name = coalesce(?, name), person_id = coalesce(?, person_id), phone_enc = coalesce(?, phone_enc),
         phone_masked = coalesce(?, phone_masked), id_number_enc = coalesce(?, id_number_enc), id_number_masked = coalesce(?, id_number_masked),
         related_person_ids = coalesce(?::uuid[], related_person_ids)
       where id = ?`,
      [f.name, f.personId, f.phoneEnc, f.phoneMasked, f.idNumberEnc, f.idNumberMasked, f.relatedPersonIds ? `{${f.relatedPersonIds.join(',')}}` : null, partyId],
    );
  }

  /** Records that a party accepted the given agreement version. */
  async acceptByParty(em: EntityManager, partyId: string, version: number): Promise<void> {
    await em.execute(`update ${this.s}.case_party set accepted_version = ?, accepted_at = now() where id = ?`, [version, partyId]);
  }

  async list(f: CaseFilter): Promise<CaseRecord[]> {
    const counties = [...new Set(f.regions.map((r) => r.split('/')[1] ?? r))];
    // A city-wide grant covers every county: the county column cannot narrow it.
    const cityWide = f.regions.some((r) => r.split('/').length === 1);
    // Planned per call: with a dozen optional filters a generic plan is a full scan and sort.
    const rows = await this.reads.planned<CaseRecord>(LIST, [
      cityWide ? await this.counties() : counties,
      f.regions,
      f.regions.map(belowPattern),
      f.personId,
      f.region,
      f.region ? belowPattern(f.region) : null,
      f.states,
      f.category,
      f.level,
      f.organisationId,
      f.mediatorId,
      f.criminalRisk,
      f.confirmationDue,
      f.afterSeq,
      f.limit,
    ]);
    return rows.map(dated);
  }

  private async counties(): Promise<string[]> {
    const rows = await this.reads.rows<{ county: string }>({ name: 'mediation.case.counties', text: `select distinct county from {schema}.organisation` }, []);
    const fromCases = await this.reads.rows<{ county: string }>(
      { name: 'mediation.case.caseCounties', text: `select county from {schema}.case_number group by county` },
      [],
    );
    return [...new Set([...rows, ...fromCases].map((r) => r.county))];
  }

  async appendTimeline(em: EntityManager, e: Omit<CaseTimelineRecord, 'seq' | 'at'> & { at?: Date }): Promise<void> {
    await em.execute(
      `insert into ${this.s}.case_timeline (case_id, action, from_state, to_state, actor_account_id, actor_label, note, at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
      [e.caseId, e.action, e.fromState, e.toState, e.actorAccountId, e.actorLabel, e.note, e.at ?? new Date()],
    );
  }

  async timeline(caseId: string): Promise<CaseTimelineRecord[]> {
    return (await this.reads.rows<CaseTimelineRecord>(TIMELINE, [caseId])).map((t) => ({ ...t, at: toDate(t.at)! }));
  }

  async recordContactAccess(em: EntityManager, caseId: string, partyId: string, accountId: string): Promise<void> {
    await em.execute(`insert into ${this.s}.contact_access (case_id, party_id, actor_account_id) values (?, ?, ?)`, [caseId, partyId, accountId]);
  }

  async recordOverride(em: EntityManager, o: { caseId: string; mediatorId: string; conflicts: unknown; reason: string; actorAccountId: string }): Promise<void> {
    await em.execute(`insert into ${this.s}.conflict_override (case_id, mediator_id, conflicts, reason, actor_account_id) values (?, ?, ?::jsonb, ?, ?)`, [
      o.caseId, o.mediatorId, JSON.stringify(o.conflicts), o.reason, o.actorAccountId,
    ]);
  }

  async recordPoliceAlert(em: EntityManager, a: { id: string; caseId: string; policeGrid: string; risk: string; raisedBy: string | null }): Promise<void> {
    await em.execute(`insert into ${this.s}.police_alert (id, case_id, police_grid, risk, raised_by) values (?, ?, ?, ?, ?)`, [a.id, a.caseId, a.policeGrid, a.risk, a.raisedBy]);
  }

  /**
   * Agreed cases without a confirmation request that are owed something by `now`: past the
   * deadline (the window lapses), or inside a reminder horizon with fewer reminders sent than are
   * due there. Cases already reminded are not taken, so they never crowd out those still owed one.
   * Locked; other sweepers skip them.
   */
  async lockConfirmationDue(em: EntityManager, now: Date, reminderDays: readonly number[], limit: number): Promise<CaseRecord[]> {
    const horizons = [...reminderDays].sort((a, b) => b - a).map((d, i) => ({ until: new Date(now.getTime() + d * 86_400_000), owed: i + 1 }));
    const owed = horizons.map(() => `(confirmation_deadline < ? and reminders_sent < ?)`).join(' or ');
    const ids = await em.execute<{ id: string }[]>(
      `select id from ${this.s}.mediation_case where state = 'agreed' and confirmation_state = 'none'
         and (confirmation_deadline < ?${owed ? ` or ${owed}` : ''})
       order by confirmation_deadline limit ? for update skip locked`,
      [now, ...horizons.flatMap((h) => [h.until, h.owed]), limit],
    );
    const out: CaseRecord[] = [];
    for (const { id } of ids) out.push((await this.reload(em, id))!);
    return out;
  }

}
