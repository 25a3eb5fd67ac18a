import { Migration } from '@mikro-orm/migrations';

/** The petition columns the statistics read (docs/petition-stats.md): a change to any of them changes a figure. */
const STATS_COLUMNS = [
  'county',
  'region',
  'channel',
  'major_key',
  'department_id',
  'state',
  'screened_at',
  'escalations',
  'created_at',
  'closed_at',
  'resolved_at',
  'deadline',
  'rated_at',
  'rating',
] as const;
const COLUMN_LIST = STATS_COLUMNS.join(', ');
const tuple = (row: 'old' | 'new') => `(${STATS_COLUMNS.map((c) => `${row}.${c}`).join(', ')})`;

/**
 * Live statistics (docs/petition-stats.md). Summing a county's year of petitions row by row takes
 * about a second, so the figures of whole days come from a per-day rollup instead:
 *
 * - `petition_stats_delta`: a trigger appends a signed copy of the statistics columns whenever a
 *   petition is inserted or one of those columns changes (−1 for the old values, +1 for the new).
 *   Append-only, so concurrent submissions never wait on a shared counter row.
 * - `petition_stats_day`: the deltas folded into sums per area (the city, the county and the
 *   street of the petition), China Standard Time day, dimension and key, by the service's
 *   compaction (StatsRepository.compact), a few seconds behind.
 *
 * A query adds the rollup and the deltas not yet folded for whole days, and reads petitions row by
 * row only for the partial days at the period's ends (and for communities and grids, which are
 * small), so its answer is exact at any moment. Existing petitions enter as deltas here and are
 * folded by the service on its first compactions.
 */
export class Migration003Stats extends Migration {
  override up(): void {
    this.addSql(`create table petition_stats_delta (
      seq bigint generated always as identity primary key,
      sign smallint not null check (sign in (-1, 1)),
      county text not null,
      region text not null,
      channel text not null,
      major_key text not null,
      department_id uuid,
      state text not null,
      screened_at timestamptz,
      escalations int not null,
      created_at timestamptz not null,
      closed_at timestamptz,
      resolved_at timestamptz,
      deadline timestamptz not null,
      rated_at timestamptz,
      rating smallint)`);

    // A queue: vacuumed and analysed after every thousand folded rows, not a tenth of its size.
    this.addSql(`alter table petition_stats_delta set (autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_scale_factor = 0,
      autovacuum_analyze_threshold = 1000, autovacuum_analyze_scale_factor = 0)`);

    // dim 'all' has key ''; 'channel', 'major' and 'department' are keyed by the channel, the
    // major category key and the department id. Intake columns count by the day of submission,
    // closure columns by the day of closing, rating columns by the day of rating.
    this.addSql(`create table petition_stats_day (
      area text not null,
      day date not null,
      dim text not null check (dim in ('all', 'channel', 'major', 'department')),
      key text not null,
      intake int not null default 0,
      responded int not null default 0,
      valid int not null default 0,
      resolved int not null default 0,
      escalated int not null default 0,
      closed int not null default 0,
      closed_on_time int not null default 0,
      handling_ms bigint not null default 0,
      rated int not null default 0,
      satisfied int not null default 0,
      rating_sum int not null default 0,
      primary key (area, day, dim, key))`);

    // The search path is pinned: the service's own connections do not set it to its schema.
    this.addSql(`create function petition_stats_capture() returns trigger language plpgsql set search_path from current as $$
      begin
        if tg_op <> 'INSERT' then
          insert into petition_stats_delta (sign, ${COLUMN_LIST}) values (-1, ${STATS_COLUMNS.map((c) => `old.${c}`).join(', ')});
        end if;
        if tg_op <> 'DELETE' then
          insert into petition_stats_delta (sign, ${COLUMN_LIST}) values (1, ${STATS_COLUMNS.map((c) => `new.${c}`).join(', ')});
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger petition_stats_insert after insert on petition for each row execute function petition_stats_capture()`);
    this.addSql(`create trigger petition_stats_update after update on petition for each row
      when (${tuple('old')} is distinct from ${tuple('new')}) execute function petition_stats_capture()`);
    this.addSql(`create trigger petition_stats_delete after delete on petition for each row execute function petition_stats_capture()`);
    this.addSql(`insert into petition_stats_delta (sign, ${COLUMN_LIST}) select 1, ${COLUMN_LIST} from petition order by seq`);

    // Row-by-row reads: the partial days of a county or street (county first), communities and
    // grids (region first; petition_region covers submissions), the overdue list, whistles.
    this.addSql(`create index petition_stats_closed on petition (county, closed_at) where state = 'closed'`);
    this.addSql(`create index petition_stats_rated on petition (county, rated_at) where rated_at is not null`);
    this.addSql(`create index petition_stats_region_closed on petition (region text_pattern_ops, closed_at) where state = 'closed'`);
    this.addSql(`create index petition_stats_region_rated on petition (region text_pattern_ops, rated_at) where rated_at is not null`);
    this.addSql(`create index petition_stats_overdue on petition (county, deadline) include (region)
      where state in ('submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved')`);
    this.addSql(`create index petition_stats_unscreened on petition (county, created_at) where screened_at is null`);
    this.addSql(`create index whistle_stats on whistle (county, blown_at)`);
  }
}
