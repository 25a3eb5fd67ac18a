import { Migration } from '@mikro-orm/migrations';

/**
 * Open311 GeoReport v2: the API keys county admins issue to integrators (the 12345 hotline
 * platform, the one-stop petition platform). Only the key's SHA-256 hash is stored; a key is
 * shown once when issued and answers for its county alone.
 */
export class Migration005Open311 extends Migration {
  override up(): void {
    this.addSql(`create table open311_api_key (
      id uuid primary key,
      key_hash text not null unique,
      county text not null,
      label text not null,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid,
      check ((revoked_at is null) = (revoked_by is null)))`);
    this.addSql(`create index open311_api_key_county on open311_api_key (county text_pattern_ops, created_at desc)`);
    // servicerequestupdates reads the timeline by time across a county's petitions.
    this.addSql(`create index petition_event_at on petition_event (at)`);
  }
}
