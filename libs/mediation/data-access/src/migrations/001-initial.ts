import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';

const LEVELS = `('grid', 'community', 'street', 'county')`;
const CATEGORIES = `('neighbours', 'land_boundary', 'marriage_family', 'property_management', 'labour_injury', 'consumer', 'other')`;

/** Unqualified SQL: the migrator sets search_path to the service's schema. */
export class Migration001Initial extends Migration {
  override up(): void {
    // ---- Read model of identity's stewards (mediator candidates: 调解员 of the deliberation teams)
    this.addSql(`create table steward_ref (
      id uuid primary key,
      person_id uuid not null unique,
      number text not null,
      class smallint not null,
      grid text not null,
      deliberation_role text,
      updated_at timestamptz not null)`);
    this.addSql(`create index steward_ref_grid on steward_ref (grid text_pattern_ops)`);

    // ---- Read model of petitions' petitions and proposals: what agenda items and cases may name
    this.addSql(`create table source_ref (
      id uuid primary key,
      kind text not null check (kind in ('petition', 'proposal')),
      region text not null,
      county text not null,
      label text not null,
      updated_at timestamptz not null)`);

    // ---- Read model of grids' households (the conflict-of-interest check), fed through the inbox
    this.addSql(`create table household_ref (
      id uuid primary key,
      building_id uuid not null,
      region text not null,
      version int,
      updated_at timestamptz not null)`);
    // No foreign key: a member-added event may be handled before its household's registered event
    // (each type has its own consumer); residences join the two once both are in.
    this.addSql(`create table household_member_ref (
      person_id uuid not null,
      household_id uuid not null,
      relation text not null,
      updated_at timestamptz not null,
      primary key (person_id, household_id))`);
    this.addSql(`create index household_member_ref_household on household_member_ref (household_id)`);

    // ---- Organisations (调解组织) and mediators (调解员) ---------------------------------------
    this.addSql(`create table organisation (
      id uuid primary key,
      kind text not null check (kind in ('committee', 'five_elders', 'judge_studio', 'county_centre')),
      name text not null,
      region text not null,
      county text not null,
      level text not null check (level in ${LEVELS}),
      created_by uuid not null,
      created_at timestamptz not null default now())`);
    this.addSql(`create index organisation_region on organisation (region text_pattern_ops)`);
    this.addSql(`create table mediator (
      id uuid primary key,
      organisation_id uuid not null references organisation (id),
      person_id uuid not null,
      name text not null,
      specialities text[] not null,
      available boolean not null default true,
      capacity int not null check (capacity between 1 and 50),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organisation_id, person_id))`);
    this.addSql(`create index mediator_person on mediator (person_id)`);

    // ---- Cases (调解案件) -----------------------------------------------------------------------
    this.addSql(`create table case_number (
      county text not null,
      year int not null,
      last int not null,
      primary key (county, year))`);
    this.addSql(`create table mediation_case (
      id uuid primary key,
      seq bigserial unique,
      number text not null unique,
      source text not null check (source in ('petition', 'walk_in', 'court_referral', 'deliberation')),
      source_petition_id uuid unique,
      source_meeting_id uuid,
      court_reference text,
      category text not null check (category in ${CATEGORIES}),
      title text not null,
      facts text not null,
      region text not null,
      county text not null,
      level text not null check (level in ${LEVELS}),
      amount_fen bigint check (amount_fen >= 0),
      risk text not null check (risk in ('low', 'medium', 'high')),
      criminal_risk boolean not null default false,
      police_grid text,
      state text not null check (state in ('opened', 'assigned', 'mediating', 'agreed', 'closed')),
      outcome text check (outcome in ('performed', 'referred_litigation', 'referred_arbitration', 'withdrawn', 'no_agreement')),
      organisation_id uuid references organisation (id),
      mediator_id uuid references mediator (id),
      escalations int not null default 0,
      agreement_version int,
      agreed_at timestamptz,
      confirmation_deadline timestamptz,
      confirmation_state text not null default 'none' check (confirmation_state in ('none', 'requested', 'confirmed', 'rejected', 'lapsed')),
      confirmation_court text,
      confirmation_requested_at timestamptz,
      confirmation_decided_at timestamptz,
      confirmation_ruling text,
      reminders_sent int not null default 0,
      opened_by uuid not null,
      opened_at timestamptz not null default now(),
      assigned_at timestamptz,
      updated_at timestamptz not null default now(),
      closed_at timestamptz,
      version int not null default 1)`);
    // Lists page newest first inside a county subtree; stats scan a county's cases by opening time.
    this.addSql(`create index mediation_case_region_seq on mediation_case (region text_pattern_ops, seq desc)`);
    this.addSql(`create index mediation_case_county_seq on mediation_case (county, seq desc)`);
    this.addSql(`create index mediation_case_county_opened on mediation_case (county, opened_at) include (state, outcome, category, organisation_id, agreed_at, confirmation_state, criminal_risk, region)`);
    this.addSql(`create index mediation_case_mediator_open on mediation_case (mediator_id) where state in ('assigned', 'mediating', 'agreed')`);
    // Statistics scan a county's year of this index at a few requests at a time: parallel workers
    // on two cores only queue behind each other (bench:mediation: p99 227–269 ms with, 171–185 without).
    this.addSql(`alter table mediation_case set (parallel_workers = 0)`);
    this.addSql(`create index mediation_case_confirmation_due on mediation_case (confirmation_deadline) where state = 'agreed' and confirmation_state = 'none'`);

    this.addSql(`create table case_party (
      id uuid primary key,
      case_id uuid not null references mediation_case (id),
      position smallint not null,
      role text not null check (role in ('applicant', 'respondent')),
      name text not null,
      person_id uuid,
      phone_enc text,
      phone_masked text,
      id_number_enc text,
      id_number_masked text,
      related_person_ids uuid[] not null default '{}',
      accepted_version int,
      accepted_at timestamptz,
      unique (case_id, position))`);
    this.addSql(`create index case_party_person on case_party (person_id) where person_id is not null`);
    // Who unmasked whose contact, written before the plaintext leaves the service.
    this.addSql(`create table contact_access (
      seq bigserial primary key,
      case_id uuid not null references mediation_case (id),
      party_id uuid not null references case_party (id),
      actor_account_id uuid not null,
      at timestamptz not null default now())`);
    // Append-only: every transition with who did it.
    this.addSql(`create table case_timeline (
      seq bigserial primary key,
      case_id uuid not null references mediation_case (id),
      action text not null,
      from_state text,
      to_state text not null,
      actor_account_id uuid,
      actor_label text not null,
      note text,
      at timestamptz not null default now())`);
    this.addSql(`create index case_timeline_case on case_timeline (case_id, seq)`);
    this.addSql(`create function case_timeline_append_only() returns trigger language plpgsql as $$
      begin raise exception 'case_timeline is append-only'; end $$`);
    this.addSql(`create trigger case_timeline_append_only before update or delete on case_timeline
      for each row execute function case_timeline_append_only()`);
    // Assignments made despite a conflict of interest (回避 overridden), with the reason.
    this.addSql(`create table conflict_override (
      seq bigserial primary key,
      case_id uuid not null references mediation_case (id),
      mediator_id uuid not null references mediator (id),
      conflicts jsonb not null,
      reason text not null,
      actor_account_id uuid not null,
      at timestamptz not null default now())`);
    this.addSql(`create table police_alert (
      id uuid primary key,
      case_id uuid not null references mediation_case (id),
      police_grid text not null,
      risk text not null,
      raised_by uuid,
      at timestamptz not null default now())`);

    // ---- Sessions (调解会) ----------------------------------------------------------------------
    this.addSql(`create table session (
      id uuid primary key,
      case_id uuid not null references mediation_case (id),
      seq int not null,
      mode text not null check (mode in ('in_person', 'online')),
      starts_at timestamptz not null,
      place text,
      meeting_link text,
      state text not null check (state in ('scheduled', 'held', 'cancelled')),
      attended_party_ids uuid[] not null default '{}',
      notes text,
      recorded_at timestamptz,
      recorded_by uuid,
      unique (case_id, seq))`);

    // ---- Agreements (调解协议书): every draft a version; acceptances are per party and version
    this.addSql(`create table agreement (
      case_id uuid not null references mediation_case (id),
      version int not null,
      template text not null,
      facts text not null,
      terms jsonb not null,
      performance_method text not null,
      performance_deadline date not null,
      instalments jsonb not null default '[]',
      drafted_by uuid not null,
      drafted_at timestamptz not null default now(),
      primary key (case_id, version))`);
    this.addSql(`create table follow_up (
      id uuid primary key,
      case_id uuid not null references mediation_case (id),
      kind text not null check (kind in ('visit', 'payment')),
      due_on date not null,
      amount_fen bigint,
      paid_fen bigint,
      done boolean,
      note text,
      recorded_at timestamptz,
      recorded_by uuid,
      overdue_reported boolean not null default false,
      created_at timestamptz not null default now())`);
    this.addSql(`create index follow_up_case on follow_up (case_id, due_on)`);
    this.addSql(`create index follow_up_due on follow_up (due_on) where recorded_at is null and not overdue_reported`);

    // ---- Deliberation meetings (议事会) and the four lists (四张清单) -----------------------------
    this.addSql(`create table meeting (
      id uuid primary key,
      kind text not null check (kind in ('five_member', 'red_bench', 'evening_talk', 'joint_committee')),
      region text not null,
      county text not null,
      title text not null,
      starts_at timestamptz not null,
      place text not null,
      state text not null check (state in ('scheduled', 'held')),
      attendees jsonb not null default '[]',
      minutes text,
      created_by uuid not null,
      created_at timestamptz not null default now())`);
    this.addSql(`create index meeting_region on meeting (region text_pattern_ops, starts_at desc)`);
    this.addSql(`create table agenda_item (
      id uuid primary key,
      meeting_id uuid not null references meeting (id),
      position int not null,
      source text not null check (source in ('petition', 'proposal', 'list_item', 'raised')),
      source_id uuid,
      title text not null,
      description text,
      unique (meeting_id, position))`);
    this.addSql(`create table committee_item (
      id uuid primary key,
      community text not null,
      county text not null,
      list text not null check (list in ('problems', 'needs', 'resources', 'projects')),
      title text not null,
      detail text,
      state text not null check (state in ('open', 'in_progress', 'done', 'dropped')),
      owner_unit text,
      source_meeting_id uuid references meeting (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create index committee_item_community on committee_item (community, list, state)`);
    this.addSql(`create table decision (
      id uuid primary key,
      meeting_id uuid not null references meeting (id),
      agenda_item_id uuid references agenda_item (id),
      text text not null,
      action text not null check (action in ('none', 'task', 'proposal', 'mediation_case', 'list_item')),
      list_item_id uuid references committee_item (id),
      decided_by uuid not null,
      decided_at timestamptz not null default now())`);
    this.addSql(`create index decision_meeting on decision (meeting_id)`);

    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}
