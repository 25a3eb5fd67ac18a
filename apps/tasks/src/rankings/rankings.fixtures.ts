import type { Actor, RoleName } from '@gov/kernel';
import { DirectoryRepository, merchantAccount, type StewardRef } from '@gov/tasks-data-access';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { PointsLedger } from '../points/points-ledger.service.js';
import type { TasksTestApp } from '../testing.js';

/**
 * Rankings fixtures: units and stewards written into the read models the way identity's events
 * leave them (DirectoryRepository), and points posted through the ledger (PointsLedger), each in
 * its own transaction, so points_period is kept exactly as in production.
 */

export interface RankedSteward {
  steward: StewardRef;
  /** The steward signed in (a steward grant on their grid). */
  actor: Actor;
}

export interface SeededUnit {
  id: string;
  name: string;
  region: string;
}

/** A caller with one grant, as the gateway forwards them. */
export function callerOf(role: RoleName, region: string, personId: string | null = randomUUID()): Actor {
  return { accountId: randomUUID(), personId, username: `${role}-${region.split('/').at(-1)}`, grants: [{ role, region }] };
}

const fork = (app: TasksTestApp) => app.orm.em.fork() as EntityManager;

export async function seedUnit(app: TasksTestApp, region: string, name = `单位${randomUUID().slice(0, 6)}`): Promise<SeededUnit> {
  const unit = { id: randomUUID(), name, region };
  await fork(app).transactional((em) => app.app.get(DirectoryRepository).recordUnit(em as EntityManager, unit, new Date()));
  return unit;
}

let serial = 0;
/** A steward of `community` (grid g01 below it), number class and unit as given. */
export async function seedSteward(app: TasksTestApp, opts: { community: string; unitId: string; class?: number }): Promise<RankedSteward> {
  const cls = opts.class ?? 3;
  const grid = `${opts.community}/g01`;
  const steward: StewardRef = {
    id: randomUUID(),
    personId: randomUUID(),
    number: `${cls}-RANK-G01-0-${String(++serial).padStart(4, '0')}`,
    class: cls,
    unitId: opts.unitId,
    grid,
    community: opts.community,
    reportsToId: null,
  };
  await fork(app).transactional((em) => app.app.get(DirectoryRepository).recordSteward(em as EntityManager, steward, new Date()));
  return { steward, actor: callerOf('steward', grid, steward.personId) };
}

export type EarningSource = 'task_completion' | 'rating_bonus' | 'manual_adjustment';

/**
 * Posts an earning at `at`: a task completion or rating bonus through PointsLedger.earn (a
 * completion is capped per day: asking for more than the cap lets through fails the fixture), a
 * manual adjustment (either sign) through PointsLedger.adjust.
 */
export async function award(app: TasksTestApp, s: StewardRef, points: number, at: Date, source: EarningSource = 'manual_adjustment'): Promise<void> {
  const ledger = app.app.get(PointsLedger);
  const base = { stewardId: s.id, region: s.grid, sourceId: randomUUID() };
  await fork(app).transactional(async (tx) => {
    const em = tx as EntityManager;
    if (source === 'manual_adjustment') {
      await ledger.adjust(em, { ...base, sourceType: source, memo: '测试调整', reason: '排行榜测试数据', approvedByPerson: randomUUID(), amount: points }, at);
      return;
    }
    const posted = await ledger.earn(em, { ...base, sourceType: source, memo: source === 'task_completion' ? '完成任务' : '五星好评', points }, at);
    if (posted !== points) throw new Error(`the ledger posted ${posted} of ${points} points (daily cap)`);
  });
}

/** Posts several earnings, one after another. */
export async function awardAll(app: TasksTestApp, postings: readonly [RankedSteward, number, Date][]): Promise<void> {
  for (const [s, points, at] of postings) await award(app, s.steward, points, at);
}

/** Spends points on a reward (a redemption): moves the balance, not the rankings. */
export async function redeem(app: TasksTestApp, s: StewardRef, points: number, at: Date): Promise<void> {
  const ledger = app.app.get(PointsLedger);
  await fork(app).transactional((tx) =>
    ledger.spend(tx as EntityManager, { stewardId: s.id, region: s.grid, sourceType: 'redemption', sourceId: randomUUID(), memo: '积分兑换', points, counterAccount: merchantAccount(randomUUID()) }, at),
  );
}

/** Noon (China Standard Time) on a day of a month: `inMonth('2025-11', 3)`. */
export function inMonth(month: string, day = 10): Date {
  return new Date(`${month}-${String(day).padStart(2, '0')}T12:00:00+08:00`);
}
