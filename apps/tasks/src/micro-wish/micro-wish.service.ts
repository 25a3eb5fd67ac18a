import { actorCan, AppError, forbidden, notFound, pathNotFound, ROLES, type Actor, type Page } from '@gov/kernel';
import {
  DEFAULT_CHECKIN_RADIUS_M,
  MICRO_WISH_DEADLINE_DAYS,
  MICRO_WISH_POINTS,
  TasksEvents,
  type ConfirmMicroWishInput,
  type MicroWishStatsInput,
  type MicroWishStatsView,
  type MicroWishView,
  type MicroWishesInput,
  type PostMicroWishInput,
} from '@gov/tasks-contracts';
import { MicroWishRepository, type MicroWishRecord } from '@gov/tasks-data-access';
import { communityOf, taskVisibleTo } from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { TaskService, taskScope } from '../task/task.service.js';
import { MicroWishErrors } from './micro-wish.errors.js';

const DAY_MS = 24 * 3600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * Micro-wishes (微心愿): a resident posts one, and it becomes a one-place task stewards claim,
 * check in on and submit through the ordinary task lifecycle; the resident confirms the work,
 * which verifies it (the steward's points) and rates it (five stars: bonus and voucher) in one
 * transaction. The wish's status follows its task's claim (see MicroWishRepository).
 */
@Injectable()
export class MicroWishService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly wishes: MicroWishRepository,
    private readonly tasks: TaskService,
  ) {}

  /** Anyone with a role on the region (residents included) posts; the wish and its task commit together with both events. */
  async post(actor: Actor | null, input: z.output<typeof PostMicroWishInput>): Promise<MicroWishView> {
    const a = requireActor(actor);
    if (!actorCan(a, ROLES, input.region)) throw forbidden('no role on this region');
    const personId = a.personId;
    if (!personId) throw MicroWishErrors.noPerson();
    const id = randomUUID();
    const community = communityOf(input.region);
    return this.tx.run(async (em) => {
      const task = await this.tasks.publishWithin(em, {
        id: randomUUID(),
        kind: 'micro_wish',
        emergencyType: null,
        title: input.title,
        description: input.description,
        region: input.region,
        lat: input.location.lat,
        lng: input.location.lng,
        placeId: null,
        checkinRadiusM: DEFAULT_CHECKIN_RADIUS_M,
        points: MICRO_WISH_POINTS,
        capacity: 1,
        requiredClasses: [],
        deadline: new Date(Date.now() + MICRO_WISH_DEADLINE_DAYS * DAY_MS),
        publishedByPerson: personId,
        publishedBySteward: null,
      });
      await this.wishes.insert(em, { id, taskId: task.id, category: input.category, region: input.region, community, postedByPerson: personId });
      // Same transaction as the task: created_at (now()) is the task's.
      const v: MicroWishView = {
        id,
        taskId: task.id,
        category: input.category,
        title: task.title,
        description: task.description,
        region: task.region,
        community,
        location: task.location,
        status: 'posted',
        postedBy: personId,
        points: task.points,
        deadline: task.deadline,
        createdAt: task.createdAt,
        claimId: null,
        stewardId: null,
        fulfilledAt: null,
        confirmedAt: null,
        stars: null,
      };
      await this.outbox.add(em, { ...TasksEvents.microWishPosted, region: v.region, subjectId: id, data: { ...v } });
      return v;
    });
  }

  /** The board: wishes in the asked subtree that the caller may see, newest first. */
  async board(actor: Actor | null, input: z.output<typeof MicroWishesInput>): Promise<Page<MicroWishView>> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, input.region)) throw pathNotFound('region');
    const after = input.after ? decodeCursor(input.after) : null;
    const rows = await this.wishes.board({ scope: taskScope(a), region: input.region, status: input.status, after, limit: input.first + 1 });
    const items = rows.slice(0, input.first).map(microWishView);
    const last = rows.length > input.first ? rows[input.first - 1] : null;
    return { items, endCursor: last ? encodeCursor(last) : null, hasNextPage: last !== null };
  }

  /**
   * The resident who posted the wish confirms the steward's submitted work: the same verification
   * as any task (the steward's points), the rating (five stars: bonus and voucher) and the wish's
   * confirmation commit together, or nothing does.
   */
  async confirm(actor: Actor | null, input: z.output<typeof ConfirmMicroWishInput>): Promise<MicroWishView> {
    const a = requireActor(actor);
    const wish = await this.wishes.byId(input.id);
    if (!wish || !taskVisibleTo(a, wish.region)) throw notFound('micro-wish', input.id);
    if (!a.personId) throw MicroWishErrors.noPerson();
    if (wish.postedByPerson !== a.personId) throw MicroWishErrors.notTheResident();
    await this.tx.run(async (em) => {
      const w = await this.wishes.lock(em, wish.id);
      if (!w) throw notFound('micro-wish', input.id);
      if (w.storedStatus !== 'posted') throw MicroWishErrors.wrongState(w.storedStatus);
      if (w.taskStatus === 'cancelled') throw MicroWishErrors.wrongState('cancelled');
      const claim = w.claim;
      if (!claim || (claim.status !== 'submitted' && claim.status !== 'verified')) throw MicroWishErrors.notFulfilled();
      // Nested in this transaction: the task lifecycle's own checks (not one's own work, nor a
      // subordinate's), points and events. A claim the resident already verified or rated through
      // the task itself is not decided twice.
      if (claim.status === 'submitted') await this.tasks.verify(a, { claimId: claim.id, approve: true, reason: null });
      if (claim.rating === null) await this.tasks.rate(a, { claimId: claim.id, stars: input.stars });
      await this.wishes.markConfirmed(em, w.id, claim.submittedAt, new Date());
      await this.outbox.add(em, {
        ...TasksEvents.microWishConfirmed,
        region: w.region,
        subjectId: w.id,
        data: { id: w.id, taskId: w.taskId, claimId: claim.id, stars: claim.rating ?? input.stars },
      });
    });
    const confirmed = await this.wishes.byId(wish.id);
    if (!confirmed) throw new AppError('INTERNAL', `micro-wish ${wish.id} vanished`);
    return microWishView(confirmed);
  }

  /** Collected and confirmed wishes per community under the region, counting what the caller may see. */
  async stats(actor: Actor | null, { region }: z.output<typeof MicroWishStatsInput>): Promise<MicroWishStatsView> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, region)) throw pathNotFound('region');
    const communities = await this.wishes.counts(taskScope(a), region);
    return {
      region,
      collected: communities.reduce((n, c) => n + c.collected, 0),
      fulfilled: communities.reduce((n, c) => n + c.fulfilled, 0),
      communities,
    };
  }
}

export function microWishView(r: MicroWishRecord): MicroWishView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    taskId: r.taskId,
    category: r.category,
    title: r.title,
    description: r.description,
    region: r.region,
    community: r.community,
    location: { lat: r.lat, lng: r.lng },
    status: r.status,
    postedBy: r.postedByPerson,
    points: r.points,
    deadline: r.deadline.toISOString(),
    createdAt: r.createdAt.toISOString(),
    claimId: r.claimId,
    stewardId: r.stewardId,
    fulfilledAt: iso(r.fulfilledAt),
    confirmedAt: iso(r.confirmedAt),
    stars: r.stars,
  };
}

function encodeCursor(r: MicroWishRecord): string {
  return Buffer.from(JSON.stringify([r.cursorAt, r.id])).toString('base64url');
}

function decodeCursor(s: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(s, 'base64url').toString()) as [unknown, unknown];
    if (typeof at !== 'string' || typeof id !== 'string' || !CURSOR_AT.test(at) || !UUID.test(id)) throw new Error('bad');
    return { at, id };
  } catch {
    throw new AppError('VALIDATION', 'after: not a cursor this list gave out', undefined, [{ path: 'after', message: 'not a cursor this list gave out' }]);
  }
}
