import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';

/** Unqualified SQL: the migrator sets search_path to the service's schema. */
export class Migration001Initial extends Migration {
  override up(): void {
    // A receiver of one county's (or the city's) events. `county` is the county token the events
    // carry (`dongbao`; `city` for the city-wide webhook, which receives every county's).
    this.addSql(`create table webhook (
      id uuid primary key,
      name text not null,
      url text not null,
      region text not null,
      county text not null,
      event_types text[] not null,
      -- The signing secret, encrypted like personal data (PiiCipher, bound to this row).
      secret text not null,
      active boolean not null default true,
      created_by uuid not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now())`);
    this.addSql(`create index webhook_region on webhook (region, created_at)`);
    this.addSql(`create index webhook_county_active on webhook (county) where active`);

    // One event for one webhook: unique, so a redelivered event adds nothing.
    this.addSql(`create table webhook_delivery (
      id uuid primary key,
      seq bigserial not null unique,
      webhook_id uuid not null references webhook (id) on delete cascade,
      event_id uuid not null,
      event_type text not null,
      body jsonb not null,
      state text not null default 'pending' check (state in ('pending', 'delivered', 'dead')),
      attempts int not null default 0,
      next_attempt_at timestamptz,
      last_status int,
      last_error text,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (webhook_id, event_id))`);
    // What the dispatcher reads: pending deliveries that are due, oldest first.
    this.addSql(`create index webhook_delivery_due on webhook_delivery (next_attempt_at, seq) where state = 'pending'`);
    this.addSql(`create index webhook_delivery_log on webhook_delivery (webhook_id, seq)`);

    // Every try of a delivery: the delivery log.
    this.addSql(`create table webhook_attempt (
      id bigserial primary key,
      delivery_id uuid not null references webhook_delivery (id) on delete cascade,
      at timestamptz not null default now(),
      status int,
      error text,
      duration_ms int not null)`);
    this.addSql(`create index webhook_attempt_delivery on webhook_attempt (delivery_id, id)`);

    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}
