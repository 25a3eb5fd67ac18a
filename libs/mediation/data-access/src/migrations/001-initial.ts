import { Migration } from '@mikro-orm/migrations';
import { OUTBOX_TABLES_SQL } from '@gov/platform-outbox';

/** Unqualified SQL: the migrator sets search_path to the service's schema. */
export class Migration001Initial extends Migration {
  override up(): void {
    this.addSql(`create table mediation_case (
      id uuid primary key,
      name text not null,
      region text not null,
      created_by uuid not null,
      created_at timestamptz not null default now())`);
    this.addSql(`create index mediation_case_region on mediation_case (region text_pattern_ops)`);

    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}
