/**
 * Events the tasks service publishes (ce-type gov.tasks.<aggregate>.<event>.v1); integrators
 * subscribe to these. Each entry's `schema` is the event's `data` exactly as published: the
 * outbox checks it in the writer's transaction and the event catalogue is generated from it.
 * Ids are uuid strings, times ISO-8601 strings.
 */
import { defineEvents, personalData } from '@gov/kernel';
import { z } from 'zod';
import { EMERGENCY_TYPES, TASK_KINDS, TASK_STATUSES } from './inputs.js';
import { MICRO_WISH_CATEGORIES, MICRO_WISH_STATUSES } from './micro-wish.js';
import { REDEMPTION_STATUSES } from './rewards.js';

const id = z.string();
const time = z.string();
const int = z.number().int();

/**
 * Where a task or a micro-wish is. Precise coordinates of what a resident reported (a micro-wish,
 * a petition handed on as a task): personal data, dropped from the public stream.
 */
const reportedLocation = personalData(z.object({ lat: z.number(), lng: z.number() }), 'drop');

/** The task as `TaskView` answers it. */
const taskSchema = z.object({
  id,
  kind: z.enum(TASK_KINDS),
  emergencyType: z.enum(EMERGENCY_TYPES).nullable(),
  title: z.string(),
  description: z.string(),
  region: z.string(),
  location: reportedLocation,
  placeId: id.nullable(),
  checkinRadiusM: int,
  points: int,
  capacity: int,
  claimed: int,
  requiredClasses: z.array(int),
  deadline: time,
  status: z.enum(TASK_STATUSES),
  /** The person who published it (or the petitions / deliberation desk's id). */
  publishedBy: id,
  sourcePetitionId: id.nullable(),
  sourceDecisionId: id.nullable(),
  createdAt: time,
  /** Metres from a search point: always null in events. */
  distanceM: z.number().nullable(),
});

/** Ledger sources of an earning (`points.awarded` / `points.adjusted`). */
const EARNING_SOURCE_TYPES = ['task_completion', 'rating_bonus', 'manual_adjustment'] as const;

/** A ledger posting that counts as an earning (either sign for adjustments). */
const earningSchema = z.object({
  txnId: id,
  stewardId: id,
  amount: int,
  sourceType: z.enum(EARNING_SOURCE_TYPES),
  /** The claim (task completion, rating bonus) or the adjustment (manual adjustment). */
  sourceId: id,
  at: time,
});

/** A redemption as `RedemptionView` answers it, without its code (a bearer token for the goods). */
const redemptionSchema = z.object({
  id,
  stewardId: id,
  itemId: id,
  itemName: z.string(),
  merchantId: id,
  merchantName: z.string(),
  quantity: int,
  points: int,
  status: z.enum(REDEMPTION_STATUSES),
  createdAt: time,
  confirmedAt: time.nullable(),
});

export const TasksEvents = defineEvents({
  taskPublished: {
    aggregate: 'task',
    event: 'published',
    version: 1,
    summary: 'A task was published for stewards to claim (by a worker, or for a micro-wish, a petition or a meeting decision).',
    schema: taskSchema,
  },
  taskCancelled: {
    aggregate: 'task',
    event: 'cancelled',
    version: 1,
    summary: 'A published task was cancelled by its publisher or a verifier, withdrawing its open claims.',
    schema: z.object({ id, reason: z.string() }),
  },
  taskExpired: {
    aggregate: 'task',
    event: 'expired',
    version: 1,
    summary: 'A published task passed its deadline and expired with its open claims.',
    schema: z.object({ id }),
  },
  taskClosed: {
    aggregate: 'task',
    event: 'closed',
    version: 1,
    summary: 'A task closed because as many claims were verified as it has places.',
    schema: z.object({ id }),
  },
  taskClaimed: {
    aggregate: 'task',
    event: 'claimed',
    version: 1,
    summary: 'A steward took a place on a task.',
    schema: z.object({ taskId: id, claimId: id, stewardId: id }),
  },
  taskCheckedIn: {
    aggregate: 'task',
    event: 'checked-in',
    version: 1,
    summary: "A steward checked in on the spot of a claimed task, within the task's radius.",
    schema: z.object({
      taskId: id,
      claimId: id,
      /** Metres from the task, rounded. */
      distanceM: int,
    }),
  },
  taskSubmitted: {
    aggregate: 'task',
    event: 'submitted',
    version: 1,
    summary: 'A steward handed in the work on a task with its evidence.',
    schema: z.object({
      taskId: id,
      claimId: id,
      /** How many evidence photos came with it. */
      photos: int,
    }),
  },
  taskVerified: {
    aggregate: 'task',
    event: 'verified',
    version: 1,
    summary: "A steward's submitted work on a task was verified and the task's points posted.",
    schema: z.object({
      taskId: id,
      claimId: id,
      stewardId: id,
      /** Points posted after the daily cap (0 when the cap was used up). */
      points: int,
    }),
  },
  taskRejected: {
    aggregate: 'task',
    event: 'rejected',
    version: 1,
    summary: "A steward's submitted work on a task was rejected with a reason.",
    schema: z.object({ taskId: id, claimId: id, reason: z.string() }),
  },
  taskRated: {
    aggregate: 'task',
    event: 'rated',
    version: 1,
    summary: 'The publisher rated a verified completion of a task (five stars earn a bonus and a lottery voucher).',
    schema: z.object({
      taskId: id,
      claimId: id,
      stars: int,
      /** The lottery voucher the rating issued, null when it issued none. */
      voucherId: id.nullable(),
    }),
  },
  dutyCheckedIn: {
    aggregate: 'duty',
    event: 'checked-in',
    version: 1,
    summary: "A steward checked in for the day's duty at an office of their home community.",
    schema: z.object({
      id,
      stewardId: id,
      placeId: id,
      community: z.string(),
      /** The day in China Standard Time, YYYY-MM-DD. */
      day: z.string(),
      /** Metres from the place, to 0.1 m. */
      distanceM: z.number(),
      at: time,
    }),
  },
  pointsAwarded: {
    aggregate: 'points',
    event: 'awarded',
    version: 1,
    summary: 'A steward earned points for a verified task completion or a five-star rating.',
    schema: earningSchema,
  },
  pointsAdjusted: {
    aggregate: 'points',
    event: 'adjusted',
    version: 1,
    summary: "An approved manual adjustment moved a steward's points (either sign).",
    schema: earningSchema,
  },
  adjustmentRequested: {
    aggregate: 'adjustment',
    event: 'requested',
    version: 1,
    summary: "An admin asked for a manual adjustment of a steward's points, waiting for a second admin.",
    schema: z.object({
      id,
      stewardId: id,
      amount: int,
      reason: z.string(),
      requestedBy: id,
      requestedAt: time,
      /** pending, unless the same request key was used again after a decision. */
      status: z.enum(['pending', 'approved', 'rejected']),
      decidedBy: id.nullable(),
      decidedAt: time.nullable(),
    }),
  },
  adjustmentRejected: {
    aggregate: 'adjustment',
    event: 'rejected',
    version: 1,
    summary: 'A second admin rejected a requested points adjustment.',
    schema: z.object({ id }),
  },
  voucherIssued: {
    aggregate: 'voucher',
    event: 'issued',
    version: 1,
    summary: 'A steward received a lottery voucher for a five-star rated completion.',
    schema: z.object({ voucherId: id, claimId: id, stewardId: id }),
  },
  lotteryDrawn: {
    aggregate: 'lottery',
    event: 'drawn',
    version: 1,
    summary: "An admin drew a voucher lottery over a county's or a street's held vouchers, reproducibly from its seed and pool.",
    schema: z.object({
      id,
      region: z.string(),
      title: z.string(),
      seed: z.string(),
      poolDigest: z.string(),
      poolSize: int,
      winners: z.array(z.object({ rank: int, voucherId: id })),
    }),
  },
  merchantCreated: {
    aggregate: 'merchant',
    event: 'created',
    version: 1,
    summary: 'An admin added a merchant to the red merchant alliance.',
    schema: z.object({
      id,
      name: z.string(),
      region: z.string(),
      /** The shop's address. */
      address: z.string(),
      contactPersonId: id.nullable(),
      createdAt: time,
    }),
  },
  redeemed: {
    aggregate: 'redemption',
    event: 'created',
    version: 1,
    summary: 'A steward redeemed points for a reward item at a merchant.',
    schema: redemptionSchema,
  },
  redemptionConfirmed: {
    aggregate: 'redemption',
    event: 'confirmed',
    version: 1,
    summary: 'The merchant handed over the goods of a redemption and confirmed its code.',
    schema: redemptionSchema,
  },
  microWishPosted: {
    aggregate: 'micro-wish',
    event: 'posted',
    version: 1,
    summary: 'A resident posted a micro-wish, published as a task for stewards.',
    schema: z.object({
      id,
      taskId: id,
      category: z.enum(MICRO_WISH_CATEGORIES),
      title: z.string(),
      description: z.string(),
      region: z.string(),
      community: z.string(),
      location: reportedLocation,
      status: z.enum(MICRO_WISH_STATUSES),
      /** The person (resident) who posted it. */
      postedBy: id,
      points: int,
      deadline: time,
      createdAt: time,
      claimId: id.nullable(),
      stewardId: id.nullable(),
      fulfilledAt: time.nullable(),
      confirmedAt: time.nullable(),
      stars: int.nullable(),
    }),
  },
  microWishConfirmed: {
    aggregate: 'micro-wish',
    event: 'confirmed',
    version: 1,
    summary: "The resident who posted a micro-wish confirmed and rated the steward's work.",
    schema: z.object({ id, taskId: id, claimId: id, stars: int }),
  },
  periodClosed: {
    aggregate: 'period',
    event: 'closed',
    version: 1,
    summary: "A ranking period (month, quarter or year, China Standard Time) ended in a county, so its rankings no longer change.",
    schema: z.object({
      county: z.string(),
      /** 2026, 2026-Q3 or 2026-11. */
      period: z.string(),
      /** Stewards who earned points in the period. */
      stewards: int,
      /** Points earned in the county in the period. */
      points: int,
    }),
  },
});
