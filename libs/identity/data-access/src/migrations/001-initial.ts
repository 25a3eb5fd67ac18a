import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';

/** Unqualified SQL: the migrator sets search_path to the service's schema. */
export class Migration001Initial extends Migration {
  override up(): void {
    this.addSql(`create table person (
      id uuid primary key,
      name text not null,
      phone_enc text not null,
      phone_idx text not null,
      id_card_enc text not null,
      id_card_idx text not null unique,
      region text not null,
      created_at timestamptz not null default now())`);
    this.addSql(`create index person_phone_idx on person (phone_idx)`);
    this.addSql(`create index person_region on person (region text_pattern_ops)`);

    this.addSql(`create table unit (
      id uuid primary key,
      code text not null unique,
      name text not null,
      kind text not null check (kind in ('liaison_unit','government_department','enterprise','social_organisation')),
      region text not null,
      created_at timestamptz not null default now())`);

    this.addSql(`create table steward (
      id uuid primary key,
      seq bigserial not null unique,
      person_id uuid not null unique references person (id) deferrable initially deferred,
      number text not null unique,
      class smallint not null check (class between 1 and 6),
      unit_id uuid not null references unit (id) deferrable initially deferred,
      grid text not null,
      building text,
      deliberation_role text,
      sentinel_role text check (sentinel_role in ('sentinel','group_leader','squad_leader')),
      reports_to_id uuid references steward (id) deferrable initially deferred,
      enrolled_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create index steward_grid on steward (grid text_pattern_ops, seq)`);
    this.addSql(`create index steward_unit on steward (unit_id, seq)`);
    this.addSql(`create table steward_number_history (
      id uuid primary key,
      steward_id uuid not null references steward (id) deferrable initially deferred,
      number text not null,
      issued_at timestamptz not null,
      retired_at timestamptz)`);
    this.addSql(`create index steward_number_history_steward on steward_number_history (steward_id)`);
    // Last sequence handed out per number prefix (class-unit-grid-building).
    this.addSql(`create table steward_number_counter (prefix text primary key, last int not null)`);

    this.addSql(`create table account (
      id uuid primary key,
      username text not null unique,
      person_id uuid unique references person (id) deferrable initially deferred,
      password_hash text not null,
      created_at timestamptz not null default now(),
      disabled_at timestamptz)`);
    this.addSql(`create table role_grant (
      id uuid primary key,
      account_id uuid not null references account (id) deferrable initially deferred,
      role text not null,
      region text not null,
      granted_at timestamptz not null default now(),
      granted_by uuid,
      revoked_at timestamptz,
      revoked_by uuid)`);
    this.addSql(`create index role_grant_account on role_grant (account_id) where revoked_at is null`);
    this.addSql(`create table refresh_token (
      id uuid primary key,
      account_id uuid not null references account (id) deferrable initially deferred,
      family_id uuid not null,
      token_hash text not null unique,
      issued_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      revoked_at timestamptz)`);
    this.addSql(`create index refresh_token_family on refresh_token (family_id)`);
    this.addSql(`create table signing_key (
      kid text primary key,
      private_jwk_enc text not null,
      public_jwk jsonb not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz)`);

    this.addSql(`create table audit_entry (
      seq bigserial primary key,
      id uuid not null unique,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_name text,
      operation text not null,
      target_type text not null,
      target_id text,
      region text not null,
      outcome text not null check (outcome in ('ok','denied')),
      detail jsonb)`);
    this.addSql(`create index audit_entry_region on audit_entry (region text_pattern_ops, seq desc)`);
    this.addSql(`create index audit_entry_target on audit_entry (target_id, seq desc)`);
    // Append-only: the audit log is evidence, so not even the service may change it.
    this.addSql(`create function audit_entry_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_entry is append-only'; end $$`);
    this.addSql(`create trigger audit_entry_no_change before update or delete on audit_entry
      for each row execute function audit_entry_append_only()`);

    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}
