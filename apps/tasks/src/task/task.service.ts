import { AppError, countyOf, forbidden, notFound, pathNotFound, regionContains, type Actor, type GetManyInput, type Page } from '@gov/kernel';
import {
  DEFAULT_CHECKIN_RADIUS_M,
  TasksEvents,
  type CancelTaskInput,
  type CheckInInput,
  type ClaimTaskInput,
  type ClaimView,
  type GetTaskInput,
  type MyClaimsInput,
  type PublishTaskInput,
  type RateTaskInput,
  type SearchTasksInput,
  type SubmitTaskInput,
  type TaskClaimsInput,
  type TaskView,
  type VerifyTaskInput,
} from '@gov/tasks-contracts';
import { TaskRepository, VoucherRepository, type ClaimRecord, type StewardRef, type TaskRecord, type TaskScope } from '@gov/tasks-data-access';
import {
  FIVE_STAR_BONUS,
  POINTS_RANGE,
  VOUCHER_STARS,
  communityOf,
  completionPoints,
  mayPublishTask,
  mayVerifyTask,
  pointsInRange,
  taskVisibleTo,
} from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DirectoryService } from '../directory/directory.service.js';
import { PointsLedger } from '../points/points-ledger.service.js';
import { TaskErrors } from './task.errors.js';

/** Levels of the sentinel chain above a claimant (哨兵 → 组长 → 班长) that may not verify their work. */
const SENTINEL_CHAIN_DEPTH = 3;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The task lifecycle (可发、可领、可核): publish → claim → check in → submit → verify or reject →
 * closed; cancelled and expired. Every change commits with its event; claims never exceed
 * capacity (the task row is locked while a claim is taken).
 */
@Injectable()
export class TaskService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly tasks: TaskRepository,
    private readonly vouchers: VoucherRepository,
    private readonly directory: DirectoryService,
    private readonly points: PointsLedger,
  ) {}

  async publish(actor: Actor | null, input: z.output<typeof PublishTaskInput>): Promise<TaskView> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, input.region)) throw forbidden('no role on this region');
    if (!mayPublishTask(a, input.region, input.kind === 'emergency')) throw forbidden(input.kind === 'emergency' ? 'only grid workers and admins publish emergency tasks' : 'no role that may publish tasks here');
    if ((input.kind === 'emergency') !== (input.emergencyType !== null)) throw TaskErrors.emergencyTypeNeeded();
    const range = POINTS_RANGE[input.kind];
    if (!pointsInRange(input.kind, input.points)) throw TaskErrors.pointsOutOfRange(input.kind, range.min, range.max);
    const deadline = new Date(input.deadline);
    if (deadline.getTime() <= Date.now()) throw TaskErrors.deadlinePassed();
    let radius = DEFAULT_CHECKIN_RADIUS_M;
    if (input.placeId) {
      const place = await this.directory.placeById(input.placeId);
      if (!place || place.archived || !taskVisibleTo(a, place.region)) throw notFound('place', input.placeId);
      if (!regionContains(input.region, place.region) && !regionContains(place.region, input.region)) throw TaskErrors.placeOutsideRegion();
      radius = place.checkinRadiusM;
    }
    const publisher = await this.directory.stewardOrNull(a);
    return this.tx.run(async (em) => {
      const row = await this.tasks.insert(em, {
        id: randomUUID(),
        kind: input.kind,
        emergencyType: input.emergencyType,
        title: input.title,
        description: input.description,
        region: input.region,
        community: communityOf(input.region),
        lat: input.location.lat,
        lng: input.location.lng,
        placeId: input.placeId,
        checkinRadiusM: radius,
        points: input.points,
        capacity: input.capacity,
        requiredClasses: input.requiredClasses,
        deadline,
        publishedByPerson: a.personId ?? a.accountId,
        publishedBySteward: publisher?.id ?? null,
      });
      const v = taskView(row);
      await this.outbox.add(em, { ...TasksEvents.taskPublished, region: v.region, subjectId: v.id, data: { ...v } });
      return v;
    });
  }

  /** Publishes a task another feature has vetted (a micro-wish's, a petition's) in the caller's transaction. */
  async publishWithin(em: EntityManager, t: Omit<Parameters<TaskRepository['insert']>[1], 'community'>): Promise<TaskView> {
    const row = await this.tasks.insert(em, { ...t, community: communityOf(t.region) });
    const v = taskView(row);
    await this.outbox.add(em, { ...TasksEvents.taskPublished, region: v.region, subjectId: v.id, data: { ...v } });
    return v;
  }

  async get(actor: Actor | null, { id }: z.output<typeof GetTaskInput>): Promise<TaskView> {
    return taskView(await this.visibleTask(requireActor(actor), id));
  }

  async getMany(actor: Actor | null, { ids }: GetManyInput): Promise<TaskView[]> {
    const a = requireActor(actor);
    return (await this.tasks.byIds(ids)).filter((t) => taskVisibleTo(a, t.region)).map(taskView);
  }

  /** The map: within a radius, a box or a subtree, filtered, nearest first; only what the caller may see. */
  async search(actor: Actor | null, input: z.output<typeof SearchTasksInput>): Promise<TaskView[]> {
    const a = requireActor(actor);
    if (input.region && !taskVisibleTo(a, input.region)) throw pathNotFound('region');
    const rows = await this.tasks.search({
      scope: taskScope(a),
      near: input.near ?? null,
      bbox: input.bbox ?? null,
      region: input.region ?? null,
      kinds: input.kinds ?? null,
      statuses: input.statuses ?? ['published'],
      stewardClass: input.stewardClass ?? null,
      limit: input.first,
    });
    return rows.map(taskView);
  }

  async cancel(actor: Actor | null, input: z.output<typeof CancelTaskInput>): Promise<TaskView> {
    const a = requireActor(actor);
    const task = await this.visibleTask(a, input.id);
    const own = task.publishedByPerson === (a.personId ?? a.accountId);
    if (!own && !mayVerifyTask(a, task.region)) throw forbidden('only the publisher or a verifier of the region may cancel');
    return this.tx.run(async (em) => {
      const locked = (await this.tasks.lockTask(em, task.id))!;
      if (locked.status !== 'published') throw TaskErrors.closed(locked.status);
      await this.tasks.setTaskStatus(em, task.id, 'cancelled');
      for (const c of await this.tasks.openClaims(em, task.id)) await this.tasks.updateClaim(em, c.id, { status: 'withdrawn' });
      await this.outbox.add(em, { ...TasksEvents.taskCancelled, region: task.region, subjectId: task.id, data: { id: task.id, reason: input.reason } });
      return taskView({ ...locked, status: 'cancelled' });
    });
  }

  /** Takes a place on the task. The task row is locked, so concurrent claims never exceed capacity. */
  async claim(actor: Actor | null, { taskId }: z.output<typeof ClaimTaskInput>): Promise<ClaimView> {
    const a = requireActor(actor);
    await this.visibleTask(a, taskId);
    const steward = await this.directory.stewardOf(a);
    return this.tx.run(async (em) => {
      const task = (await this.tasks.lockTask(em, taskId))!;
      if (task.status !== 'published') throw TaskErrors.closed(task.status);
      if (task.deadline.getTime() <= Date.now()) throw TaskErrors.expired();
      if (task.requiredClasses.length && !task.requiredClasses.includes(steward.class)) throw TaskErrors.classNotAllowed(task.requiredClasses);
      if (await this.tasks.claimOf(em, taskId, steward.id)) throw TaskErrors.alreadyClaimed();
      if (task.claimed >= task.capacity) throw TaskErrors.full();
      const id = randomUUID();
      await this.tasks.insertClaim(em, { id, taskId, stewardId: steward.id, personId: steward.personId });
      await this.tasks.addClaimed(em, taskId, 1);
      await this.outbox.add(em, { ...TasksEvents.taskClaimed, region: task.region, subjectId: task.id, data: { taskId, claimId: id, stewardId: steward.id } });
      return this.claimViewIn(em, id);
    });
  }

  /** Gives the place back before submitting. */
  async withdraw(actor: Actor | null, { taskId }: z.output<typeof ClaimTaskInput>): Promise<ClaimView> {
    const a = requireActor(actor);
    await this.visibleTask(a, taskId);
    const steward = await this.directory.stewardOf(a);
    return this.tx.run(async (em) => {
      await this.tasks.lockTask(em, taskId);
      const claim = await this.tasks.claimOf(em, taskId, steward.id);
      if (!claim) throw notFound('claim on task', taskId);
      if (claim.status !== 'claimed' && claim.status !== 'checked_in') throw TaskErrors.wrongState(claim.status, 'withdraw');
      await this.tasks.updateClaim(em, claim.id, { status: 'withdrawn' });
      await this.tasks.addClaimed(em, taskId, -1);
      return this.claimViewIn(em, claim.id);
    });
  }

  /** Checks in on the spot: counts only within the task's radius (metres on the sphere). */
  async checkIn(actor: Actor | null, input: z.output<typeof CheckInInput>): Promise<ClaimView> {
    const a = requireActor(actor);
    const task = await this.visibleTask(a, input.taskId);
    const steward = await this.directory.stewardOf(a);
    return this.tx.run(async (em) => {
      const claim = await this.tasks.claimOf(em, task.id, steward.id);
      if (!claim) throw notFound('claim on task', task.id);
      if (claim.status !== 'claimed') throw TaskErrors.wrongState(claim.status, 'check in on');
      const distance = await this.tasks.distanceToTask(em, task.id, input.location);
      if (distance > task.checkinRadiusM) throw TaskErrors.outsideGeofence(distance, task.checkinRadiusM);
      await this.tasks.updateClaim(em, claim.id, { status: 'checked_in', checkedInAt: new Date(), checkinDistanceM: distance });
      await this.outbox.add(em, { ...TasksEvents.taskCheckedIn, region: task.region, subjectId: task.id, data: { taskId: task.id, claimId: claim.id, distanceM: Math.round(distance) } });
      return this.claimViewIn(em, claim.id);
    });
  }

  /** Hands in the work with its evidence (a note, photo references); once. */
  async submit(actor: Actor | null, input: z.output<typeof SubmitTaskInput>): Promise<ClaimView> {
    const a = requireActor(actor);
    const task = await this.visibleTask(a, input.taskId);
    const steward = await this.directory.stewardOf(a);
    return this.tx.run(async (em) => {
      const claim = await this.tasks.claimOf(em, task.id, steward.id);
      if (!claim) throw notFound('claim on task', task.id);
      if (claim.status !== 'checked_in') throw TaskErrors.wrongState(claim.status, 'submit');
      await this.tasks.updateClaim(em, claim.id, { status: 'submitted', submittedAt: new Date(), note: input.note, photos: input.photos });
      await this.outbox.add(em, { ...TasksEvents.taskSubmitted, region: task.region, subjectId: task.id, data: { taskId: task.id, claimId: claim.id, photos: input.photos.length } });
      return this.claimViewIn(em, claim.id);
    });
  }

  /**
   * Verifies or rejects a submission. Nobody verifies their own work, nor the work of someone who
   * reports to them in the sentinel chain. A verification posts the task's points (emergency
   * weights, the daily cap) in the same transaction.
   */
  async verify(actor: Actor | null, input: z.output<typeof VerifyTaskInput>): Promise<ClaimView> {
    const a = requireActor(actor);
    const { claim, task } = await this.visibleClaim(a, input.claimId);
    // A micro-wish's work is verified by the resident who posted it (confirmMicroWish), nobody else.
    const mayVerify = task.kind === 'micro_wish' ? task.publishedByPerson === a.personId : mayVerifyTask(a, task.region);
    if (!mayVerify) throw forbidden(task.kind === 'micro_wish' ? 'only the resident who posted a micro-wish verifies its work' : 'no role that may verify tasks here');
    if (claim.personId === a.personId || claim.personId === a.accountId) throw TaskErrors.selfVerification();
    const verifier = await this.directory.stewardOrNull(a);
    if (verifier && (await this.reportsTo(claim.stewardId, verifier.id))) throw TaskErrors.chainVerification();
    return this.tx.run(async (em) => {
      await this.tasks.lockTask(em, task.id);
      const locked = (await this.tasks.lockClaim(em, claim.id))!;
      if (locked.status !== 'submitted') throw TaskErrors.wrongState(locked.status, 'verify');
      const now = new Date();
      const decider = a.personId ?? a.accountId;
      if (!input.approve) {
        await this.tasks.updateClaim(em, claim.id, { status: 'rejected', decidedAt: now, decidedByPerson: decider, rejectionReason: input.reason });
        await this.tasks.addClaimed(em, task.id, -1);
        await this.outbox.add(em, { ...TasksEvents.taskRejected, region: task.region, subjectId: task.id, data: { taskId: task.id, claimId: claim.id, reason: input.reason } });
        return this.claimViewIn(em, claim.id);
      }
      await this.tasks.updateClaim(em, claim.id, { status: 'verified', decidedAt: now, decidedByPerson: decider });
      const steward = (await this.directory.stewardById(claim.stewardId)) as StewardRef | null;
      const awarded = await this.points.earn(
        em,
        {
          stewardId: claim.stewardId,
          region: steward?.grid ?? task.region,
          sourceType: 'task_completion',
          sourceId: claim.id,
          memo: `完成任务：${task.title}`,
          points: completionPoints(task.kind, task.emergencyType, task.points),
          postedByPerson: decider,
        },
        now,
      );
      await this.outbox.add(em, {
        ...TasksEvents.taskVerified,
        region: task.region,
        subjectId: task.id,
        data: { taskId: task.id, claimId: claim.id, stewardId: claim.stewardId, points: awarded },
      });
      const counts = await this.tasks.claimCounts(em, task.id);
      if ((counts.verified ?? 0) >= task.capacity) {
        await this.tasks.setTaskStatus(em, task.id, 'closed');
        await this.outbox.add(em, { ...TasksEvents.taskClosed, region: task.region, subjectId: task.id, data: { id: task.id } });
      }
      return this.claimViewIn(em, claim.id);
    });
  }

  /**
   * The publisher rates a verified completion. Five stars add a bonus and a lottery voucher;
   * each claim is rated once.
   */
  async rate(actor: Actor | null, input: z.output<typeof RateTaskInput>, rater?: (task: TaskRecord, a: Actor) => boolean): Promise<ClaimView> {
    const a = requireActor(actor);
    const { claim, task } = await this.visibleClaim(a, input.claimId);
    const mayRate = rater ? rater(task, a) : task.publishedByPerson === (a.personId ?? a.accountId);
    if (!mayRate) throw forbidden('only the publisher rates a completion');
    return this.tx.run(async (em) => {
      const locked = (await this.tasks.lockClaim(em, claim.id))!;
      if (locked.status !== 'verified') throw TaskErrors.wrongState(locked.status, 'rate');
      if (locked.rating !== null) throw TaskErrors.alreadyRated();
      const now = new Date();
      await this.tasks.updateClaim(em, claim.id, { rating: input.stars, ratedAt: now, ratedByPerson: a.personId ?? a.accountId });
      let voucherId: string | null = null;
      if (input.stars >= VOUCHER_STARS) {
        const steward = await this.directory.stewardById(claim.stewardId);
        const region = steward?.grid ?? task.region;
        await this.points.earn(em, { stewardId: claim.stewardId, region, sourceType: 'rating_bonus', sourceId: claim.id, memo: `五星评价：${task.title}`, points: FIVE_STAR_BONUS }, now);
        voucherId = await this.vouchers.issue(em, { id: randomUUID(), stewardId: claim.stewardId, claimId: claim.id, county: countyOf(region) });
        if (voucherId) await this.outbox.add(em, { ...TasksEvents.voucherIssued, region, subjectId: claim.stewardId, data: { voucherId, claimId: claim.id, stewardId: claim.stewardId } });
      }
      await this.outbox.add(em, { ...TasksEvents.taskRated, region: task.region, subjectId: task.id, data: { taskId: task.id, claimId: claim.id, stars: input.stars, voucherId } });
      return this.claimViewIn(em, claim.id);
    });
  }

  /** A task's claims: for those who may verify it, and each steward's own. */
  async claims(actor: Actor | null, { taskId }: z.output<typeof TaskClaimsInput>): Promise<ClaimView[]> {
    const a = requireActor(actor);
    const task = await this.visibleTask(a, taskId);
    const all = await this.tasks.claimsOfTask(taskId);
    if (mayVerifyTask(a, task.region) || task.publishedByPerson === (a.personId ?? a.accountId)) return all.map(claimView);
    return all.filter((c) => c.personId === a.personId).map(claimView);
  }

  async myClaims(actor: Actor | null, input: z.output<typeof MyClaimsInput>): Promise<Page<ClaimView>> {
    const a = requireActor(actor);
    const steward = await this.directory.stewardOrNull(a);
    if (!steward) return { items: [], endCursor: null, hasNextPage: false };
    const after = input.after ? decodeCursor(input.after) : null;
    const rows = await this.tasks.claimsOfSteward(steward.id, input.statuses ?? null, after, input.first + 1);
    const items = rows.slice(0, input.first).map(claimView);
    const last = rows.length > input.first ? rows[input.first - 1] : null;
    return { items, endCursor: last ? encodeCursor(last) : null, hasNextPage: last !== null };
  }

  /** The task, or NOT_FOUND alike for a missing one and one outside the caller's regions. */
  async visibleTask(a: Actor, id: string): Promise<TaskRecord> {
    const task = await this.tasks.byId(id);
    if (!task || !taskVisibleTo(a, task.region)) throw notFound('task', id);
    return task;
  }

  private async visibleClaim(a: Actor, claimId: string): Promise<{ claim: ClaimRecord; task: TaskRecord }> {
    const claim = await this.tasks.claimById(claimId);
    const task = claim ? await this.tasks.byId(claim.taskId) : null;
    if (!claim || !task || !taskVisibleTo(a, task.region)) throw notFound('claim', claimId);
    return { claim, task };
  }

  /** True when `claimant` reports to `verifier` within the sentinel chain's depth. */
  private async reportsTo(claimantId: string, verifierId: string): Promise<boolean> {
    let current = await this.directory.stewardById(claimantId);
    for (let i = 0; i < SENTINEL_CHAIN_DEPTH && current?.reportsToId; i++) {
      if (current.reportsToId === verifierId) return true;
      current = await this.directory.stewardById(current.reportsToId);
    }
    return false;
  }

  private async claimViewIn(em: EntityManager, id: string): Promise<ClaimView> {
    const row = await this.tasks.lockClaim(em, id);
    if (!row) throw new AppError('INTERNAL', `claim ${id} vanished`);
    return claimView(row);
  }
}

/** Tasks the caller may see: on any ancestor of a grant (a street task for a community worker) or at or below a grant. */
export function taskScope(a: Actor): TaskScope {
  const exact = new Set<string>();
  for (const g of a.grants) {
    const segments = g.region.split('/');
    for (let n = 1; n <= segments.length; n++) exact.add(segments.slice(0, n).join('/'));
  }
  return { exact: [...exact], below: [...new Set(a.grants.map((g) => g.region))] };
}

export function taskView(t: TaskRecord): TaskView {
  return {
    id: t.id,
    kind: t.kind,
    emergencyType: t.emergencyType,
    title: t.title,
    description: t.description,
    region: t.region,
    location: { lat: t.lat, lng: t.lng },
    placeId: t.placeId,
    checkinRadiusM: t.checkinRadiusM,
    points: t.points,
    capacity: t.capacity,
    claimed: t.claimed,
    requiredClasses: t.requiredClasses,
    deadline: new Date(t.deadline).toISOString(),
    status: t.status,
    publishedBy: t.publishedByPerson,
    sourcePetitionId: t.sourcePetitionId,
    sourceDecisionId: t.sourceDecisionId,
    createdAt: new Date(t.createdAt).toISOString(),
    distanceM: t.distanceM === null ? null : Math.round(t.distanceM * 10) / 10,
  };
}

export function claimView(c: ClaimRecord): ClaimView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: c.id,
    taskId: c.taskId,
    stewardId: c.stewardId,
    status: c.status,
    claimedAt: new Date(c.claimedAt).toISOString(),
    checkedInAt: iso(c.checkedInAt),
    checkinDistanceM: c.checkinDistanceM === null ? null : Math.round(c.checkinDistanceM * 10) / 10,
    submittedAt: iso(c.submittedAt),
    note: c.note,
    photos: c.photos,
    decidedAt: iso(c.decidedAt),
    rejectionReason: c.rejectionReason,
    rating: c.rating,
    pointsAwarded: c.pointsAwarded,
  };
}

function encodeCursor(c: ClaimRecord): string {
  return Buffer.from(JSON.stringify([new Date(c.claimedAt).toISOString(), c.id])).toString('base64url');
}

function decodeCursor(s: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [string, string];
    if (typeof id !== 'string' || !UUID.test(id) || Number.isNaN(Date.parse(at))) throw new Error('bad');
    return { at: new Date(at), id };
  } catch {
    throw new AppError('VALIDATION', 'after: not a cursor this list gave out', undefined, [{ path: 'after', message: 'not a cursor this list gave out' }]);
  }
}
