import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';

/**
 * Unqualified SQL: the migrator sets search_path to the service's schema. PostGIS lives in
 * `public` (created under the database-wide lock every service takes), named `public.` here.
 */
export class Migration001Initial extends Migration {
  override up(): void {
    this.addSql(`select pg_advisory_xact_lock(hashtext('gov:create-extensions'))`);
    this.addSql(`create extension if not exists postgis with schema public`);

    // ---- Read models, fed by identity's events through the inbox ------------------------------
    // Government departments (职能部门): identity units of kind government_department.
    this.addSql(`create table department_ref (
      id uuid primary key,
      code text,
      name text not null,
      region text not null,
      updated_at timestamptz not null)`);
    this.addSql(`create index department_ref_region on department_ref (region text_pattern_ops)`);
    // Stewards: a sentinel's chain (哨兵 → 组长 → 班长) follows reports_to_id.
    this.addSql(`create table steward_ref (
      id uuid primary key,
      person_id uuid not null unique,
      number text not null,
      class smallint not null,
      grid text not null,
      reports_to_id uuid,
      updated_at timestamptz not null)`);

    // ---- Taxonomy (事项分类): every edit is a new version; petitions keep the version they were filed under
    this.addSql(`create table category (
      id uuid primary key,
      key text not null,
      major_key text not null,
      name_zh text not null,
      major_name_zh text not null,
      version int not null check (version >= 1),
      default_level text not null check (default_level in ('grid', 'community', 'street', 'department')),
      default_department text,
      time_limit_days int not null check (time_limit_days between 1 and 90),
      anonymous_allowed boolean not null,
      retired boolean not null default false,
      current boolean not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      unique (key, version))`);
    this.addSql(`create unique index category_current on category (key) where current`);

    // ---- Petitions (诉求) ----------------------------------------------------------------------
    this.addSql(`create table petition (
      id uuid primary key,
      seq bigserial unique,
      tracking_code text not null unique,
      submitter_key_hash text not null,
      channel text not null check (channel in ('qr', 'photo', 'hotline', 'sentinel', 'steward_app', 'door_knock', 'mailbox')),
      state text not null check (state in ('submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved', 'closed',
        'merged', 'invalid', 'not_responsible', 'referred')),
      category_id uuid not null references category (id),
      category_key text not null,
      major_key text not null,
      title text not null,
      description text not null,
      region text not null,
      county text not null,
      building_id uuid,
      building_name text,
      compound text,
      location public.geography(Point, 4326),
      six_prevention text check (six_prevention in ('fire', 'disaster', 'disorder', 'epidemic', 'hardship', 'fraud')),
      anonymous boolean not null,
      contact_enc text,
      contact_masked text,
      submitted_by uuid,
      submitted_by_person uuid,
      priority smallint not null default 2 check (priority between 1 and 3),
      level text check (level in ('grid', 'community', 'street', 'department')),
      assignee_region text,
      department_id uuid,
      level_deadline timestamptz,
      deadline timestamptz not null,
      escalations int not null default 0,
      supervised boolean not null default false,
      cluster_id uuid,
      duplicate_of uuid references petition (id),
      screened_at timestamptz,
      accepted_at timestamptz,
      result text,
      resolved_at timestamptz,
      rating smallint check (rating between 1 and 5),
      rating_comment text,
      rated_at timestamptz,
      reopen_count int not null default 0,
      task_id uuid,
      mediation_case_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      closed_at timestamptz,
      version int not null default 1,
      check (anonymous or contact_enc is not null or submitted_by is not null))`);
    this.addSql(`create index petition_region on petition (region text_pattern_ops, created_at desc)`);
    this.addSql(`create index petition_county_created on petition (county, created_at)`);
    this.addSql(`create index petition_assignee on petition (assignee_region text_pattern_ops) where state in ('assigned', 'accepted', 'in_progress')`);
    this.addSql(`create index petition_department on petition (department_id) where department_id is not null`);
    this.addSql(`create index petition_clock on petition (level_deadline) where state in ('assigned', 'accepted', 'in_progress')`);
    this.addSql(`create index petition_rating_due on petition (resolved_at) where state = 'resolved'`);
    this.addSql(`create index petition_cluster on petition (cluster_id) where cluster_id is not null`);
    this.addSql(`create index petition_building on petition (building_id, category_key, created_at) where building_id is not null`);
    this.addSql(`create index petition_location on petition using gist (location)`);

    // Photos and evidence: files live in the attachment store (POST /uploads); rows bind them to a petition.
    this.addSql(`create table petition_attachment (
      id uuid primary key,
      petition_id uuid not null references petition (id),
      purpose text not null check (purpose in ('report', 'evidence')),
      content_type text not null,
      bytes int not null,
      created_at timestamptz not null default now())`);
    this.addSql(`create index petition_attachment_petition on petition_attachment (petition_id)`);

    // The timeline is the audit trail of every transition: append-only.
    this.addSql(`create table petition_event (
      seq bigserial primary key,
      petition_id uuid not null references petition (id),
      at timestamptz not null default now(),
      action text not null,
      from_state text,
      to_state text not null,
      actor_account_id uuid,
      actor_label text not null,
      level text,
      note text)`);
    this.addSql(`create index petition_event_petition on petition_event (petition_id, seq)`);
    this.addSql(`create function petition_event_append_only() returns trigger language plpgsql as $$
      begin raise exception 'petition_event is append-only'; end $$`);
    this.addSql(`create trigger petition_event_append_only before update or delete on petition_event
      for each row execute function petition_event_append_only()`);

    // Unmasking a contact is audited here before the plaintext leaves.
    this.addSql(`create table contact_access (
      seq bigserial primary key,
      petition_id uuid not null references petition (id),
      actor_account_id uuid not null,
      at timestamptz not null default now(),
      reason text)`);

    // ---- Whistles (社区吹哨、部门报到) -----------------------------------------------------------
    this.addSql(`create table whistle (
      id uuid primary key,
      petition_id uuid not null references petition (id),
      community text not null,
      county text not null,
      department_id uuid not null,
      urgency text not null check (urgency in ('normal', 'urgent')),
      reason text not null,
      blown_at timestamptz not null default now(),
      blown_by uuid not null,
      ack_deadline timestamptz not null,
      acknowledged_at timestamptz,
      acknowledged_by uuid,
      ack_note text,
      overdue_reported boolean not null default false)`);
    this.addSql(`create index whistle_community on whistle (community text_pattern_ops, blown_at desc)`);
    this.addSql(`create index whistle_open on whistle (ack_deadline) where acknowledged_at is null`);

    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}
