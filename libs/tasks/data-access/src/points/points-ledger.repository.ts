import { DB_SCHEMA, PreparedReads, type HotRead } from '@gov/platform-persistence';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { pgArray } from '../pg-array.js';

export type PointsSource = 'task_completion' | 'rating_bonus' | 'redemption' | 'redemption_refund' | 'manual_adjustment';

/** Sources that count as earnings (rankings, the daily cap, the annual load); redemptions only move the balance. */
export const EARNING_SOURCES: readonly PointsSource[] = ['task_completion', 'rating_bonus', 'manual_adjustment'];

/** The county's pool pays out and takes back points; merchants' accounts receive redemptions. */
export const poolAccount = (county: string) => `pool:${county}`;
export const stewardAccount = (stewardId: string) => `steward:${stewardId}`;
export const merchantAccount = (merchantId: string) => `merchant:${merchantId}`;

/** One balanced ledger transaction: the steward's side and the counter-account's. */
export interface Posting {
  sourceType: PointsSource;
  sourceId: string;
  county: string;
  memo: string;
  reason?: string | null;
  approvedByPerson?: string | null;
  postedByPerson?: string | null;
  at: Date;
  stewardId: string;
  /** Positive: the steward receives from `counterAccount`; negative: the steward pays it. */
  amount: number;
  counterAccount: string;
  /** The periods an earning counts in (year, quarter, month) and its day; unused for redemptions. */
  periods: { year: string; quarter: string; month: string; day: string };
}

export interface LedgerRow {
  txnId: string;
  at: Date;
  amount: number;
  sourceType: PointsSource;
  sourceId: string;
  memo: string;
  reason: string | null;
}

export interface PointsRow {
  balance: number;
  yearEarned: number;
  todayEarned: number;
}

const LEDGER: HotRead = {
  name: 'tasks.points.ledger',
  text: `select e.txn_id as "txnId", e.at, e.amount, t.source_type as "sourceType", t.source_id as "sourceId", t.memo, t.reason, e.id::text as cursor
         from {schema}.points_entry e join {schema}.points_txn t on t.id = e.txn_id
         where e.steward_id = $1 and ($2::timestamptz is null or e.at >= $2) and ($3::timestamptz is null or e.at < $3)
           and ($4::bigint is null or e.id < $4) and ($5::boolean is false or t.source_type = any($6::text[]))
         order by e.id desc limit $7`,
};

const POINTS: HotRead = {
  name: 'tasks.points.mine',
  text: `select coalesce((select balance from {schema}.points_balance where steward_id = $1), 0) as balance,
                coalesce((select points from {schema}.points_period where steward_id = $1 and period = $2), 0) as "yearEarned",
                coalesce((select points from {schema}.points_day where steward_id = $1 and day = $3::date), 0) as "todayEarned"`,
};

/**
 * The points ledger (积分账本): append-only, double-entry (the migration's triggers refuse updates,
 * deletes and unbalanced transactions). Posting happens in the caller's transaction so a task's
 * verification and its points commit together with their events.
 */
@Injectable()
export class PointsLedgerRepository {
  constructor(
    private readonly reads: PreparedReads,
    @Inject(DB_SCHEMA) private readonly schema: string,
  ) {}

  private get s(): string {
    return `"${this.schema}"`;
  }

  /**
   * Locks the steward's balance row until commit (creating it at 0): a steward's postings run one
   * after another, so caps and balances are read and written without a race.
   */
  async lockSteward(em: EntityManager, stewardId: string, day: string): Promise<PointsRow> {
    await em.execute(`insert into ${this.s}.points_balance (steward_id, balance, updated_at) values (?, 0, now()) on conflict do nothing`, [stewardId]);
    const [row] = await em.execute<{ balance: number; todayEarned: number }[]>(
      `select b.balance, coalesce((select points from ${this.s}.points_day d where d.steward_id = b.steward_id and d.day = ?::date), 0) as "todayEarned"
       from ${this.s}.points_balance b where b.steward_id = ? for update`,
      [day, stewardId],
    );
    return { balance: Number(row.balance), todayEarned: Number(row.todayEarned), yearEarned: 0 };
  }

  /** True when a transaction with this source exists (a redelivery, a repeated request). */
  async posted(em: EntityManager, sourceType: PointsSource, sourceId: string): Promise<boolean> {
    const rows = await em.execute(`select 1 from ${this.s}.points_txn where source_type = ? and source_id = ?`, [sourceType, sourceId]);
    return rows.length > 0;
  }

  /**
   * Posts one balanced transaction; null when its source was already posted (nothing written).
   * The caller holds the steward's lock (lockSteward) and has checked the balance for debits;
   * the balance's check constraint is the last line of defence.
   */
  async post(em: EntityManager, p: Posting): Promise<string | null> {
    const [txn] = await em.execute<{ id: string }[]>(
      `insert into ${this.s}.points_txn (id, source_type, source_id, county, memo, reason, approved_by_person, posted_by_person, at)
       values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?) on conflict (source_type, source_id) do nothing returning id`,
      [p.sourceType, p.sourceId, p.county, p.memo, p.reason ?? null, p.approvedByPerson ?? null, p.postedByPerson ?? null, p.at],
    );
    if (!txn) return null;
    await em.execute(
      `insert into ${this.s}.points_entry (txn_id, account, amount, steward_id, at) values (?, ?, ?, ?, ?), (?, ?, ?, null, ?)`,
      [txn.id, stewardAccount(p.stewardId), p.amount, p.stewardId, p.at, txn.id, p.counterAccount, -p.amount, p.at],
    );
    await em.execute(`update ${this.s}.points_balance set balance = balance + ?, updated_at = now() where steward_id = ?`, [p.amount, p.stewardId]);
    if (EARNING_SOURCES.includes(p.sourceType)) {
      // The steward's community, class and unit at posting time: rankings group by them.
      await em.execute(
        `insert into ${this.s}.points_period (steward_id, period, points, community, class, unit_id)
         select s.id, x.period, ?, s.community, s.class, s.unit_id from ${this.s}.steward_ref s, unnest(?::text[]) as x(period) where s.id = ?
         on conflict (period, steward_id) do update set points = ${this.s}.points_period.points + excluded.points,
           community = excluded.community, class = excluded.class, unit_id = excluded.unit_id`,
        [p.amount, pgArray([p.periods.year, p.periods.quarter, p.periods.month]), p.stewardId],
      );
      await em.execute(
        `insert into ${this.s}.points_day (steward_id, day, points) values (?, ?::date, ?)
         on conflict (steward_id, day) do update set points = ${this.s}.points_day.points + excluded.points`,
        [p.stewardId, p.periods.day, p.amount],
      );
    }
    return txn.id;
  }

  async points(stewardId: string, year: string, day: string): Promise<PointsRow> {
    const [row] = await this.reads.rows<PointsRow>(POINTS, [stewardId, year, day]);
    return { balance: Number(row.balance), yearEarned: Number(row.yearEarned), todayEarned: Number(row.todayEarned) };
  }

  /** The steward's entries, newest first; `from`/`to` bound a period, `sources` filters (earnings explain a ranking). */
  async ledger(
    stewardId: string,
    opts: { from: Date | null; to: Date | null; before: string | null; sources: readonly PointsSource[] | null; limit: number },
  ): Promise<(LedgerRow & { cursor: string })[]> {
    const rows = await this.reads.rows<LedgerRow & { cursor: string }>(LEDGER, [
      stewardId,
      opts.from,
      opts.to,
      opts.before,
      opts.sources !== null,
      opts.sources ?? [],
      opts.limit,
    ]);
    return rows.map((r) => ({ ...r, amount: Number(r.amount) }));
  }

  /** The balance as the ledger says it (the sum of the steward's entries): audits compare it with points_balance. */
  async ledgerBalance(em: EntityManager, stewardId: string): Promise<number> {
    const [row] = await em.execute<{ sum: string | null }[]>(`select sum(amount) as sum from ${this.s}.points_entry where steward_id = ?`, [stewardId]);
    return Number(row.sum ?? 0);
  }
}
