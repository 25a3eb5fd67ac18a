import { Migration } from '@mikro-orm/migrations';

/**
 * The outbox of docs/adr/0003 as of issue 6: each event's aggregate version, parked rows, and the
 * per-aggregate version counter. 001 builds the outbox from OUTBOX_TABLES_SQL, which already has
 * all of this on a database created since; every statement is therefore a no-op there
 * (`if not exists`), and on an older database it adds the columns and numbers the rows already
 * written, per aggregate (CloudEvents source) in `seq` order. Unqualified SQL: the migrator sets
 * search_path to the service's schema.
 */
export class Migration002OutboxRelay extends Migration {
  override up(): void {
    this.addSql(`alter table outbox_event add column if not exists aggregate_version bigint`);
    this.addSql(`alter table outbox_event add column if not exists parked_at timestamptz`);
    this.addSql(`update outbox_event e set aggregate_version = v.n
      from (select id, row_number() over (partition by source order by seq) as n from outbox_event) v
      where v.id = e.id and e.aggregate_version is null`);
    this.addSql(`alter table outbox_event alter column aggregate_version set not null`);
    this.addSql(`create table if not exists outbox_aggregate_version (source text primary key, version bigint not null)`);
    this.addSql(`insert into outbox_aggregate_version (source, version)
      select source, max(aggregate_version) from outbox_event group by source
      on conflict (source) do update set version = greatest(outbox_aggregate_version.version, excluded.version)`);
    // The relay skips parked rows: the index of unsent rows leaves them out.
    this.addSql(`drop index if exists outbox_event_unsent`);
    this.addSql(`create index outbox_event_unsent on outbox_event (seq) where sent_at is null and parked_at is null`);
    this.addSql(`create index if not exists outbox_event_parked on outbox_event (seq) where parked_at is not null and sent_at is null`);
    this.addSql(`create unique index if not exists outbox_event_aggregate_version on outbox_event (source, aggregate_version)`);
  }
}
