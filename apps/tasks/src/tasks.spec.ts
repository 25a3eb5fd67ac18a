import type { Actor } from '@gov/kernel';
import { TasksRpc, type ClaimView, type PointsView, type TaskView } from '@gov/tasks-contracts';
import { Task } from '@gov/tasks-data-access';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_GRID, XIANGSHAN_POINT, actorOf, enrolSteward, north, type TestSteward } from './fixtures.js';
import { TaskExpiry } from './task/task-expiry.js';
import { startTasks, type TasksTestApp } from './testing.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;

const dongbaoAdmin = actorOf('county_admin', 'jingmen/dongbao');
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const gridWorker = actorOf('grid_worker', XIANGSHAN);
const inAnHour = () => new Date(Date.now() + 3600_000).toISOString();

const task = (over: Record<string, unknown> = {}) => ({
  kind: 'dispatched',
  title: '清理香山社区3栋楼道杂物',
  description: '楼道堆放纸箱，存在消防隐患',
  region: XIANGSHAN_GRID,
  location: XIANGSHAN_POINT,
  points: 10,
  capacity: 2,
  deadline: inAnHour(),
  ...over,
});

async function taskRows(): Promise<number> {
  return app.em().count(Task, {});
}

async function ledgerIsBalanced(): Promise<boolean> {
  const rows = await app.em().execute<{ n: string }[]>(`select count(*) as n from (select txn_id from "${app.config.DB_SCHEMA}".points_entry group by txn_id having sum(amount) <> 0) x`);
  return Number(rows[0].n) === 0;
}

async function finishUpTo(s: TestSteward, id: string, where = XIANGSHAN_POINT): Promise<ClaimView> {
  await rpc.request(TasksRpc.taskClaim, { taskId: id }, { actor: s.actor });
  await rpc.request(TasksRpc.taskCheckIn, { taskId: id, location: where }, { actor: s.actor });
  return rpc.request<ClaimView>(TasksRpc.taskSubmit, { taskId: id, note: '已清理完毕', photos: ['uploads/2026/12/a.jpg'] }, { actor: s.actor });
}

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('publishing', () => {
  it('refuses a caller who is not signed in', async () => {
    await expect(rpc.request(TasksRpc.taskGet, { id: randomUUID() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(rpc.request(TasksRpc.taskPublish, task())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets a steward publish on the map and reports it on JetStream', async () => {
    const publisher = await enrolSteward(app);
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task(), { actor: publisher.actor });
    expect(v).toMatchObject({ kind: 'dispatched', status: 'published', claimed: 0, capacity: 2, points: 10, checkinRadiusM: 50, publishedBy: publisher.steward.personId });
    expect(v.location.lat).toBeCloseTo(XIANGSHAN_POINT.lat, 6);
    expect(await rpc.request(TasksRpc.taskGet, { id: v.id }, { actor: gridWorker })).toEqual(v);
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.tasks.task.published.v1' && e.subject === v.id);
      return e.length ? e : undefined;
    });
    expect(events[0].county).toBe('dongbao');
  });

  it('refuses points outside the kind’s range, emergencies from stewards, past deadlines and foreign regions, writing nothing', async () => {
    const publisher = await enrolSteward(app);
    const before = await taskRows();
    await expect(rpc.request(TasksRpc.taskPublish, task({ points: 21 }), { actor: publisher.actor })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'POINTS_OUT_OF_RANGE' });
    await expect(rpc.request(TasksRpc.taskPublish, task({ kind: 'emergency', emergencyType: 'flood', points: 41 }), { actor: gridWorker })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'POINTS_OUT_OF_RANGE' });
    await expect(rpc.request(TasksRpc.taskPublish, task({ kind: 'emergency', emergencyType: 'flood' }), { actor: publisher.actor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rpc.request(TasksRpc.taskPublish, task({ kind: 'emergency' }), { actor: gridWorker })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rpc.request(TasksRpc.taskPublish, task({ deadline: new Date(Date.now() - 1000).toISOString() }), { actor: publisher.actor })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'DEADLINE_PASSED' });
    await expect(rpc.request(TasksRpc.taskPublish, task(), { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rpc.request(TasksRpc.taskPublish, task({ capacity: 0, title: '' }), { actor: publisher.actor })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await taskRows()).toBe(before);
  });

  it('keeps another county out: NOT_FOUND for its tasks, nothing in its searches', async () => {
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task(), { actor: gridWorker });
    await expect(rpc.request(TasksRpc.taskGet, { id: v.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.request(TasksRpc.taskGetMany, { ids: [v.id] }, { actor: duodaoAdmin })).toEqual([]);
    expect(await rpc.request(TasksRpc.taskGetMany, { ids: [v.id] }, { actor: dongbaoAdmin })).toEqual([v]);
    expect(await rpc.request(TasksRpc.taskSearch, { near: { ...XIANGSHAN_POINT, radiusM: 1000 } }, { actor: duodaoAdmin })).toEqual([]);
    await expect(rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: actorOf('steward', 'jingmen/duodao/x') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the map', () => {
  it('finds tasks within a radius nearest first, in a box and in a subtree, filtered by kind and class', async () => {
    const far = await rpc.request<TaskView>(TasksRpc.taskPublish, task({ title: '远处', location: north(XIANGSHAN_POINT, 800) }), { actor: gridWorker });
    const near = await rpc.request<TaskView>(TasksRpc.taskPublish, task({ title: '近处', location: north(XIANGSHAN_POINT, 100), requiredClasses: [5] }), { actor: gridWorker });
    const urgent = await rpc.request<TaskView>(TasksRpc.taskPublish, task({ kind: 'emergency', emergencyType: 'flood', points: 20, title: '防汛巡堤', location: north(XIANGSHAN_POINT, 300) }), { actor: gridWorker });
    const around = north(XIANGSHAN_POINT, 120);
    const found = await rpc.request<TaskView[]>(TasksRpc.taskSearch, { near: { ...around, radiusM: 500 } }, { actor: gridWorker });
    const ids = found.map((x) => x.id);
    expect(ids).toContain(near.id);
    expect(ids).toContain(urgent.id);
    expect(ids).not.toContain(far.id);
    expect(found.map((x) => x.distanceM!)).toEqual([...found.map((x) => x.distanceM!)].sort((a, b) => a - b));
    expect(found.find((x) => x.id === near.id)!.distanceM).toBeLessThan(25);

    const emergencies = await rpc.request<TaskView[]>(TasksRpc.taskSearch, { near: { ...around, radiusM: 2000 }, kinds: ['emergency'] }, { actor: gridWorker });
    expect(emergencies.map((x) => x.id)).toEqual([urgent.id]);
    const forClass3 = await rpc.request<TaskView[]>(TasksRpc.taskSearch, { near: { ...around, radiusM: 2000 }, stewardClass: 3 }, { actor: gridWorker });
    expect(forClass3.map((x) => x.id)).not.toContain(near.id);

    const box = { west: XIANGSHAN_POINT.lng - 0.001, east: XIANGSHAN_POINT.lng + 0.001, south: XIANGSHAN_POINT.lat + 0.0005, north: XIANGSHAN_POINT.lat + 0.01 };
    const inBox = (await rpc.request<TaskView[]>(TasksRpc.taskSearch, { bbox: box, first: 100 }, { actor: gridWorker })).map((x) => x.id);
    expect(inBox).toEqual(expect.arrayContaining([near.id, urgent.id, far.id]));
    const inRegion = (await rpc.request<TaskView[]>(TasksRpc.taskSearch, { region: XIANGSHAN, first: 100 }, { actor: gridWorker })).map((x) => x.id);
    expect(inRegion).toEqual(expect.arrayContaining([near.id, urgent.id, far.id]));
    await expect(rpc.request(TasksRpc.taskSearch, { kinds: ['emergency'] }, { actor: gridWorker })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('claiming', () => {
  it('never lets more stewards claim than the task has places, however many try at once', async () => {
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task({ capacity: 10 }), { actor: gridWorker });
    const stewards = await Promise.all(Array.from({ length: 30 }, () => enrolSteward(app)));
    const results = await Promise.allSettled(stewards.map((s) => rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: s.actor })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as { reason?: string }).reason);
    expect(new Set(refusals)).toEqual(new Set(['TASK_FULL']));
    expect((await rpc.request<TaskView>(TasksRpc.taskGet, { id: v.id }, { actor: gridWorker })).claimed).toBe(10);
  });

  it('refuses a second claim by the same steward, the wrong class, and non-stewards', async () => {
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task({ capacity: 5, requiredClasses: [3] }), { actor: gridWorker });
    const s = await enrolSteward(app);
    await rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: s.actor });
    await expect(rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: s.actor })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CLAIMED' });
    const class5 = await enrolSteward(app, { class: 5 });
    await expect(rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: class5.actor })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'CLASS_NOT_ALLOWED' });
    await expect(rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: actorOf('resident', XIANGSHAN) })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_STEWARD' });
    expect((await rpc.request<TaskView>(TasksRpc.taskGet, { id: v.id }, { actor: gridWorker })).claimed).toBe(1);
  });

  it('refuses claims on an expired task, and the sweep expires it with its open claims', async () => {
    const deadline = new Date(Date.now() + 1500);
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task({ deadline: deadline.toISOString() }), { actor: gridWorker });
    const early = await enrolSteward(app);
    const claim = await rpc.request<ClaimView>(TasksRpc.taskClaim, { taskId: v.id }, { actor: early.actor });
    await eventually(async () => (Date.now() > deadline.getTime() ? true : undefined));
    const late = await enrolSteward(app);
    await expect(rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: late.actor })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'TASK_EXPIRED' });
    expect(await app.app.get(TaskExpiry).sweep()).toBeGreaterThanOrEqual(1);
    expect((await rpc.request<TaskView>(TasksRpc.taskGet, { id: v.id }, { actor: gridWorker })).status).toBe('expired');
    const claims = await rpc.request<ClaimView[]>(TasksRpc.taskClaims, { taskId: v.id }, { actor: gridWorker });
    expect(claims.find((c) => c.id === claim.id)?.status).toBe('expired');
  });
});

describe('check-in, submission, verification and points', () => {
  it('counts a check-in within 50 m on the sphere and refuses one 51 m away, changing nothing', async () => {
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task(), { actor: gridWorker });
    const s = await enrolSteward(app);
    await rpc.request(TasksRpc.taskClaim, { taskId: v.id }, { actor: s.actor });
    await expect(rpc.request(TasksRpc.taskCheckIn, { taskId: v.id, location: north(XIANGSHAN_POINT, 51) }, { actor: s.actor })).rejects.toMatchObject({
      code: 'VALIDATION',
      reason: 'OUTSIDE_GEOFENCE',
    });
    const [still] = await rpc.request<ClaimView[]>(TasksRpc.taskClaims, { taskId: v.id }, { actor: s.actor });
    expect(still).toMatchObject({ status: 'claimed', checkedInAt: null });
    const inside = await rpc.request<ClaimView>(TasksRpc.taskCheckIn, { taskId: v.id, location: north(XIANGSHAN_POINT, 49) }, { actor: s.actor });
    expect(inside.status).toBe('checked_in');
    expect(inside.checkinDistanceM).toBeCloseTo(49, 0);
  });

  it('verifies by another steward, posts the points once to a balanced ledger, and rates five stars into a voucher', async () => {
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task(), { actor: gridWorker });
    const worker = await enrolSteward(app);
    const verifier = await enrolSteward(app);
    const submitted = await finishUpTo(worker, v.id);
    expect(submitted).toMatchObject({ status: 'submitted', note: '已清理完毕', photos: ['uploads/2026/12/a.jpg'] });
    await expect(rpc.request(TasksRpc.taskSubmit, { taskId: v.id, note: '再交一次' }, { actor: worker.actor })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    await expect(rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: true }, { actor: worker.actor })).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_VERIFICATION' });
    await expect(rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: true }, { actor: actorOf('resident', XIANGSHAN) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: worker.actor })).balance).toBe(0);

    const verified = await rpc.request<ClaimView>(TasksRpc.taskVerify, { claimId: submitted.id, approve: true }, { actor: verifier.actor });
    expect(verified).toMatchObject({ status: 'verified', pointsAwarded: 10 });
    await expect(rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: true }, { actor: verifier.actor })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: worker.actor })).toMatchObject({ balance: 10, yearEarned: 10, todayEarned: 10, annualTarget: 1000 });

    // Only the publisher rates; five stars: a bonus and a voucher, once.
    await expect(rpc.request(TasksRpc.taskRate, { claimId: submitted.id, stars: 5 }, { actor: verifier.actor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rpc.request(TasksRpc.taskRate, { claimId: submitted.id, stars: 5 }, { actor: gridWorker })).toMatchObject({ rating: 5 });
    await expect(rpc.request(TasksRpc.taskRate, { claimId: submitted.id, stars: 5 }, { actor: gridWorker })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_RATED' });
    expect((await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: worker.actor })).balance).toBe(12);
    const vouchers = await app.em().execute(`select * from "${app.config.DB_SCHEMA}".voucher where steward_id = ?`, [worker.steward.id]);
    expect(vouchers).toHaveLength(1);

    const ledger = await rpc.request<{ items: { amount: number; sourceType: string; sourceId: string }[] }>(TasksRpc.pointsLedger, {}, { actor: worker.actor });
    expect(ledger.items.map((e) => [e.sourceType, e.amount])).toEqual([
      ['rating_bonus', 2],
      ['task_completion', 10],
    ]);
    expect(await ledgerIsBalanced()).toBe(true);
    await expect(app.em().execute(`update "${app.config.DB_SCHEMA}".points_entry set amount = 1000`)).rejects.toThrow(/append-only/);
  });

  it('refuses verification by the one the claimant reports to in the sentinel chain', async () => {
    const leader = await enrolSteward(app);
    const sentinel = await enrolSteward(app, { reportsToId: leader.steward.id });
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task(), { actor: gridWorker });
    const submitted = await finishUpTo(sentinel, v.id);
    await expect(rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: true }, { actor: leader.actor })).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'CHAIN_VERIFICATION' });
    const rejected = await rpc.request<ClaimView>(TasksRpc.taskVerify, { claimId: submitted.id, approve: false, reason: '照片看不清' }, { actor: gridWorker });
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: '照片看不清', pointsAwarded: null });
    expect((await rpc.request<TaskView>(TasksRpc.taskGet, { id: v.id }, { actor: gridWorker })).claimed).toBe(0);
    await expect(rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: false }, { actor: gridWorker })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('weighs emergencies and stops at the daily cap', async () => {
    const s = await enrolSteward(app);
    const flood = () => rpc.request<TaskView>(TasksRpc.taskPublish, task({ kind: 'emergency', emergencyType: 'flood', points: 20, title: '防汛值守' }), { actor: gridWorker });
    const first = await finishUpTo(s, (await flood()).id);
    expect((await rpc.request<ClaimView>(TasksRpc.taskVerify, { claimId: first.id, approve: true }, { actor: gridWorker })).pointsAwarded).toBe(40);
    const second = await finishUpTo(s, (await flood()).id);
    expect((await rpc.request<ClaimView>(TasksRpc.taskVerify, { claimId: second.id, approve: true }, { actor: gridWorker })).pointsAwarded).toBe(20);
    const third = await finishUpTo(s, (await flood()).id);
    const capped = await rpc.request<ClaimView>(TasksRpc.taskVerify, { claimId: third.id, approve: true }, { actor: gridWorker });
    expect(capped).toMatchObject({ status: 'verified', pointsAwarded: null });
    expect(await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: s.actor })).toMatchObject({ balance: 60, todayEarned: 60, dailyCap: 60 });
  });

  it('closes a task when every place is verified', async () => {
    const v = await rpc.request<TaskView>(TasksRpc.taskPublish, task({ capacity: 1 }), { actor: gridWorker });
    const s = await enrolSteward(app);
    const c = await finishUpTo(s, v.id);
    await rpc.request(TasksRpc.taskVerify, { claimId: c.id, approve: true }, { actor: gridWorker });
    expect((await rpc.request<TaskView>(TasksRpc.taskGet, { id: v.id }, { actor: gridWorker })).status).toBe('closed');
  });
});

describe('manual adjustments', () => {
  it('need an admin of the region to request with a reason and another admin to approve; one request per key; overdrafts refused', async () => {
    const s = await enrolSteward(app);
    const requester: Actor = actorOf('community_admin', XIANGSHAN);
    const approver: Actor = actorOf('street_admin', 'jingmen/dongbao/longquan');
    const input = { stewardId: s.steward.id, amount: 15, reason: '补记11月防汛值守', requestKey: 'adj-2026-12-0001' };
    await expect(rpc.request(TasksRpc.adjustmentRequest, input, { actor: gridWorker })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rpc.request(TasksRpc.adjustmentRequest, input, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const asked = await rpc.request<{ id: string; status: string }>(TasksRpc.adjustmentRequest, input, { actor: requester });
    expect(asked).toMatchObject({ status: 'pending', amount: 15 });
    expect((await rpc.request<{ id: string }>(TasksRpc.adjustmentRequest, input, { actor: requester })).id).toBe(asked.id);
    expect((await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: s.actor })).balance).toBe(0);

    await expect(rpc.request(TasksRpc.adjustmentDecide, { id: asked.id, approve: true }, { actor: requester })).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'SELF_APPROVAL' });
    await expect(rpc.request(TasksRpc.adjustmentDecide, { id: asked.id, approve: true }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const pending = await rpc.request<{ id: string }[]>(TasksRpc.adjustments, { region: XIANGSHAN }, { actor: approver });
    expect(pending.map((x) => x.id)).toContain(asked.id);
    expect(await rpc.request(TasksRpc.adjustmentDecide, { id: asked.id, approve: true }, { actor: approver })).toMatchObject({ status: 'approved', decidedBy: approver.personId });
    await expect(rpc.request(TasksRpc.adjustmentDecide, { id: asked.id, approve: true }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect((await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: s.actor })).balance).toBe(15);
    const [txn] = await app.em().execute(`select reason, approved_by_person from "${app.config.DB_SCHEMA}".points_txn where source_type = 'manual_adjustment' and source_id = ?`, [asked.id]);
    expect(txn).toEqual({ reason: '补记11月防汛值守', approved_by_person: approver.personId });

    const overdraft = await rpc.request<{ id: string }>(TasksRpc.adjustmentRequest, { ...input, amount: -16, requestKey: 'adj-2026-12-0002' }, { actor: requester });
    await expect(rpc.request(TasksRpc.adjustmentDecide, { id: overdraft.id, approve: true }, { actor: approver })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'INSUFFICIENT_POINTS' });
    expect((await rpc.request<{ id: string; status: string }[]>(TasksRpc.adjustments, { region: XIANGSHAN }, { actor: approver })).find((x) => x.id === overdraft.id)?.status).toBe('pending');
    expect((await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: s.actor })).balance).toBe(15);
  });
});
