import { Migration } from '@mikro-orm/migrations';

/** Periods (month, quarter, year) whose close each county has announced with `period.closed`. */
export class Migration003PeriodClose extends Migration {
  override up(): void {
    this.addSql(`create table period_close (
      county text not null,
      period text not null,
      stewards int not null,
      points bigint not null,
      closed_at timestamptz not null default now(),
      primary key (county, period))`);
  }
}
