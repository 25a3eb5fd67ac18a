/**
 * Test set-up for rewards: stewards with points and vouchers, written through the repositories
 * and the ledger (the way identity's events and verified, five-star rated tasks would write them).
 */
import type { Actor } from '@gov/kernel';
import { DirectoryRepository, TaskRepository, VoucherRepository, type StewardRef } from '@gov/tasks-data-access';
import { communityOf } from '@gov/tasks-domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { PointsLedger } from '../points/points-ledger.service.js';
import type { TasksTestApp } from '../testing.js';

export interface TestSteward {
  ref: StewardRef;
  /** The steward signed in: a person with the steward role on their grid. */
  actor: Actor;
}

let counter = 0;

function transaction<T>(app: TasksTestApp, work: (em: EntityManager) => Promise<T>): Promise<T> {
  return app.orm.em.fork().transactional((em) => work(em as EntityManager));
}

/** Enrols a steward on `grid` (a path down to the grid) holding `points` (a manual adjustment approved by someone else). */
export async function stewardWithPoints(app: TasksTestApp, grid: string, points = 0): Promise<TestSteward> {
  counter += 1;
  const ref: StewardRef = {
    id: randomUUID(),
    personId: randomUUID(),
    number: `6-TEST-${grid.split('/').at(-1)!.toUpperCase()}-0-${String(counter).padStart(4, '0')}`,
    class: 6,
    unitId: randomUUID(),
    grid,
    community: communityOf(grid),
    reportsToId: null,
  };
  await transaction(app, (em) => app.app.get(DirectoryRepository).recordSteward(em, ref, new Date()));
  if (points) await givePoints(app, ref, points);
  return { ref, actor: { accountId: randomUUID(), personId: ref.personId, username: `steward-${counter}`, grants: [{ role: 'steward', region: grid }] } };
}

/** Adds `points` to the steward's balance through the ledger. */
export async function givePoints(app: TasksTestApp, ref: StewardRef, points: number): Promise<void> {
  await transaction(app, (em) =>
    app.app.get(PointsLedger).adjust(em, {
      stewardId: ref.id,
      region: ref.grid,
      sourceType: 'manual_adjustment',
      sourceId: randomUUID(),
      memo: '测试积分',
      reason: 'test set-up',
      approvedByPerson: randomUUID(),
      amount: points,
    }),
  );
}

/**
 * Issues the steward a voucher for a (verified, five-star) completion of a task at `taskRegion`,
 * as a rating would; answers the voucher's id.
 */
export async function issueVoucher(app: TasksTestApp, steward: StewardRef, taskRegion: string): Promise<string> {
  return transaction(app, async (em) => {
    const taskId = randomUUID();
    await app.app.get(TaskRepository).insert(em, {
      id: taskId,
      kind: 'dispatched',
      emergencyType: null,
      title: '楼道清理',
      description: '',
      region: taskRegion,
      community: communityOf(taskRegion),
      lat: 31.03,
      lng: 112.2,
      placeId: null,
      checkinRadiusM: 50,
      points: 10,
      capacity: 1,
      requiredClasses: [],
      deadline: new Date(Date.now() + 86_400_000),
      publishedByPerson: randomUUID(),
      publishedBySteward: null,
    });
    const claimId = (await app.app.get(TaskRepository).insertClaim(em, { id: randomUUID(), taskId, stewardId: steward.id, personId: steward.personId }))!;
    const id = await app.app.get(VoucherRepository).issue(em, { id: randomUUID(), stewardId: steward.id, claimId, county: steward.grid.split('/')[1]! });
    return id!;
  });
}

/** The ledger's view of an account (a merchant's takings): the sum of its entries. */
export async function accountBalance(app: TasksTestApp, account: string): Promise<number> {
  const [row] = await app.em().execute<{ sum: string | null }[]>(`select sum(amount) as sum from "${app.config.DB_SCHEMA}".points_entry where account = ?`, [account]);
  return Number(row!.sum ?? 0);
}
