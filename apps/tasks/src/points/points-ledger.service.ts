import { countyOf } from '@gov/kernel';
import { TasksEvents } from '@gov/tasks-contracts';
import { PointsLedgerRepository, poolAccount, type PointsSource } from '@gov/tasks-data-access';
import { cappedPoints, periodsOf } from '@gov/tasks-domain';
import { Outbox } from '@gov/platform-outbox';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { PointsErrors } from './points.errors.js';

/** A steward earning or paying points, as the other features ask for it. */
export interface Movement {
  stewardId: string;
  /** The steward's region (an event's county, the pool's county). */
  region: string;
  sourceType: PointsSource;
  sourceId: string;
  memo: string;
  reason?: string | null;
  approvedByPerson?: string | null;
  postedByPerson?: string | null;
  /** The account on the other side; the county's pool when absent. */
  counterAccount?: string;
}

/**
 * The only way points move. Every movement runs inside the caller's transaction with the
 * steward's balance row locked, posts one balanced ledger transaction with exactly one source,
 * and publishes `points.awarded` / `points.adjusted` (earnings) through the outbox. A source posted before
 * (a redelivered command) posts nothing and answers what was posted then.
 */
@Injectable()
export class PointsLedger {
  constructor(
    private readonly ledger: PointsLedgerRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Task points after the daily cap (0 when the cap is used up: the completion still counts, the points do not). */
  async earn(em: EntityManager, m: Movement & { points: number }, at = new Date()): Promise<number> {
    const periods = periodsOf(at);
    const locked = await this.ledger.lockSteward(em, m.stewardId, periods.day);
    if (await this.ledger.posted(em, m.sourceType, m.sourceId)) return 0;
    const amount = m.sourceType === 'task_completion' ? cappedPoints(m.points, locked.todayEarned) : m.points;
    if (amount === 0) return 0;
    await this.post(em, m, amount, at);
    return amount;
  }

  /** A manual adjustment (either sign): an earning or a correction that counts in rankings. */
  async adjust(em: EntityManager, m: Movement & { amount: number }, at = new Date()): Promise<string | null> {
    const locked = await this.ledger.lockSteward(em, m.stewardId, periodsOf(at).day);
    if (m.amount < 0 && locked.balance + m.amount < 0) throw PointsErrors.insufficient(locked.balance, -m.amount);
    return this.post(em, m, m.amount, at);
  }

  /** Pays `points` out of the steward's balance (a redemption); CONFLICT INSUFFICIENT_POINTS when not held. */
  async spend(em: EntityManager, m: Movement & { points: number }, at = new Date()): Promise<string | null> {
    const locked = await this.ledger.lockSteward(em, m.stewardId, periodsOf(at).day);
    if (locked.balance < m.points) throw PointsErrors.insufficient(locked.balance, m.points);
    return this.post(em, m, -m.points, at);
  }

  private async post(em: EntityManager, m: Movement, amount: number, at: Date): Promise<string | null> {
    const county = countyOf(m.region);
    const txnId = await this.ledger.post(em, {
      sourceType: m.sourceType,
      sourceId: m.sourceId,
      county,
      memo: m.memo,
      reason: m.reason,
      approvedByPerson: m.approvedByPerson,
      postedByPerson: m.postedByPerson,
      at,
      stewardId: m.stewardId,
      amount,
      counterAccount: m.counterAccount ?? poolAccount(county),
      periods: periodsOf(at),
    });
    if (!txnId) return null;
    // Redemptions and refunds are reported by the rewards feature's own events.
    if (m.sourceType === 'redemption' || m.sourceType === 'redemption_refund') return txnId;
    const event = m.sourceType === 'manual_adjustment' ? TasksEvents.pointsAdjusted : TasksEvents.pointsAwarded;
    await this.outbox.add(em, {
      ...event,
      region: m.region,
      subjectId: m.stewardId,
      data: { txnId, stewardId: m.stewardId, amount, sourceType: m.sourceType, sourceId: m.sourceId, at: at.toISOString() },
    });
    return txnId;
  }
}
