import { Migration } from '@mikro-orm/migrations';

/** Identity's persons as grids knows them: id and home region, kept from identity's events. */
export class Migration003PersonRef extends Migration {
  override up(): void {
    this.addSql(`create table person_ref (
      id uuid primary key,
      region text not null,
      registered_at timestamptz not null)`);
    this.addSql(`create index person_ref_region on person_ref (region text_pattern_ops)`);
  }
}
