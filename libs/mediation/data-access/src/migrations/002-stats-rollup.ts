import { Migration } from '@mikro-orm/migrations';

/**
 * The depths a rollup area is cut at: every case counts once in a row of its street (city/county/
 * street) and once in a row of its community (…/community); cases above that depth count at their
 * own node. The case's full path would save little: the benchmark's 200,000 cases fall into
 * 151,000 distinct (month, region, category, organisation) keys, 63,000 cut at the community and
 * 21,000 at the street. A query reads the shallowest depth that still tells its groups apart;
 * a community's grids, and grids, are summed case by case.
 */
export const ROLLUP_AREA_DEPTHS = [3, 4] as const;
/** The organisation key of the cases not given to an organisation yet (a key cannot be null). */
export const NO_ORGANISATION_KEY = '00000000-0000-0000-0000-000000000000';

const KEY = 'county, depth, month, area, category, organisation_key';
const FIGURES = ['taken', 'resolved', 'failed', 'agreement_seconds', 'confirmed', 'criminal_risk'] as const;
const KEY_OF = (x: string) => KEY.split(', ').map((k) => `${x}.${k}`).join(', ');
const SUMMED = FIGURES.map((f) => `sum(d.${f})`).join(', ');
const DEPTHS = `unnest(array[${ROLLUP_AREA_DEPTHS.join(', ')}])`;

/** Rebuilds the rollup from the cases: what the migration does for the cases already there. */
export const CASE_STATS_BACKFILL_SQL = `insert into case_stats_month
  select ${KEY_OF('d')}, ${SUMMED}
  from mediation_case c cross join ${DEPTHS} x (depth) cross join lateral case_stats_contribution(c, x.depth, 1) d
  group by ${KEY_OF('d')}`;

/**
 * The monthly statistics rollup (调解统计月汇总): the figures of mediationStats summed per county,
 * area depth, month of opening (China Standard Time), area, category and organisation, kept by a
 * trigger on mediation_case in the same transaction as every change, so a query adds whole months
 * from here and reads only the partial months at the period's ends case by case
 * (MediationStatsRepository). A rollup row whose cases all left it is deleted.
 */
export class Migration002StatsRollup extends Migration {
  override up(): void {
    // open is taken − resolved − failed, as the figures compute it: not stored.
    this.addSql(`create table case_stats_month (
      county text not null,
      depth smallint not null,
      month date not null,
      area text not null,
      category text not null,
      organisation_key uuid not null,
      taken int not null,
      resolved int not null,
      failed int not null,
      agreement_seconds numeric not null,
      confirmed int not null,
      criminal_risk int not null,
      -- Covering: a query reads a county's months from the index alone (11 months of a county's
      -- streets: 5 ms instead of 11 through the table). Updates are not HOT then, which a row
      -- or two per changed case can afford.
      primary key (${KEY}) include (${FIGURES.join(', ')}))`);
    // Read at a few requests at a time: parallel workers on two cores only queue behind each
    // other (as mediation_case).
    this.addSql(`alter table case_stats_month set (parallel_workers = 0)`);

    // What one case adds to its rollup row of area depth `depth`, times w (1, or -1 to take it
    // away). The SAME definitions as RESOLVED, FAILED and SUMS in libs/mediation/data-access/src/
    // stats/stats.repository.ts, which sums the partial months case by case: change both
    // together. Days to agreement are summed as exact numeric seconds, so the order of adding
    // never shows.
    this.addSql(`create function case_stats_contribution(c mediation_case, depth int, w int) returns case_stats_month language sql immutable as $$
      select c.county,
             depth::smallint,
             date_trunc('month', c.opened_at at time zone 'Asia/Shanghai')::date,
             array_to_string((string_to_array(c.region, '/'))[1:depth], '/'),
             c.category,
             coalesce(c.organisation_id, '${NO_ORGANISATION_KEY}'::uuid),
             w,
             case when c.agreed_at is not null then w else 0 end,
             case when c.state = 'closed' and c.agreed_at is null then w else 0 end,
             case when c.agreed_at is not null then w * extract(epoch from c.agreed_at - c.opened_at) else 0 end,
             case when c.confirmation_state = 'confirmed' then w else 0 end,
             case when c.criminal_risk then w else 0 end
    $$`);

    // The old row's contribution out, the new one's in, merged when both fall in the same row (a
    // change of state). Rows are upserted in key order so that two cases moving between the same
    // rows in opposite directions cannot deadlock. The search path is pinned: the service's
    // connections do not set it to its schema.
    this.addSql(`create function case_stats_month_apply() returns trigger language plpgsql set search_path from current as $$
      begin
        insert into case_stats_month as m
          select ${KEY_OF('d')}, ${SUMMED}
          from ${DEPTHS} x (depth)
          cross join lateral (select * from case_stats_contribution(old, x.depth, -1) where tg_op <> 'INSERT'
                              union all
                              select * from case_stats_contribution(new, x.depth, 1) where tg_op <> 'DELETE') d
          group by ${KEY_OF('d')}
          order by ${KEY_OF('d')}
          on conflict (${KEY}) do update set ${FIGURES.map((f) => `${f} = m.${f} + excluded.${f}`).join(', ')};
        if tg_op <> 'INSERT' then
          delete from case_stats_month m using ${DEPTHS} x (depth), case_stats_contribution(old, x.depth, 1) d
          where (${KEY_OF('m')}) = (${KEY_OF('d')}) and m.taken = 0;
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger case_stats_month_insert after insert on mediation_case for each row execute function case_stats_month_apply()`);
    // Only a change that changes a contribution (at the community, which the street's row follows):
    // most updates (assignment, sessions, reminders) do not.
    this.addSql(`create trigger case_stats_month_update after update on mediation_case for each row
      when (case_stats_contribution(old, ${ROLLUP_AREA_DEPTHS.at(-1)}, 1) is distinct from case_stats_contribution(new, ${ROLLUP_AREA_DEPTHS.at(-1)}, 1))
      execute function case_stats_month_apply()`);
    this.addSql(`create trigger case_stats_month_delete after delete on mediation_case for each row execute function case_stats_month_apply()`);
    // The cases already there; the triggers hold the table's writers off until this commits.
    this.addSql(CASE_STATS_BACKFILL_SQL);
  }
}
