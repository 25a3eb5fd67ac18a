/** Inputs of the tasks service: zod schemas, validated by the service's pipe before a handler runs. */
import { cursorSchema, idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

/** Task kinds (任务类型): yearly duty, dispatched (派单), emergency (应急), micro-wish (微心愿). */
export const TASK_KINDS = ['annual_duty', 'dispatched', 'emergency', 'micro_wish'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const EMERGENCY_TYPES = ['epidemic', 'flood', 'fire', 'earthquake'] as const;
export type EmergencyType = (typeof EMERGENCY_TYPES)[number];
export const TASK_STATUSES = ['published', 'closed', 'cancelled', 'expired'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const CLAIM_STATUSES = ['claimed', 'checked_in', 'submitted', 'verified', 'rejected', 'withdrawn', 'expired'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Default check-in radius (metres on the sphere) when neither the task nor its place sets one. */
export const DEFAULT_CHECKIN_RADIUS_M = 50;
export const MAX_TASK_CAPACITY = 1000;
/** Largest radius of a map search, metres. */
export const MAX_MAP_RADIUS_M = 20_000;
export const MAX_EVIDENCE_PHOTOS = 9;

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
export const LatLngInput = z.object({ lat, lng });
const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);
const stewardClass = z.number().int().min(1).max(6);

export const PublishTaskInput = z.object({
  kind: z.enum(TASK_KINDS).exclude(['micro_wish']),
  emergencyType: z.enum(EMERGENCY_TYPES).nullish().transform((v) => v ?? null),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  /** The node (building, market, street…) the task sits at. */
  region: regionPath,
  location: LatLngInput,
  /** A place (post, office) whose check-in radius applies; it must lie in the task's region. */
  placeId: id.nullish().transform((v) => v ?? null),
  /** Points for a verified completion; the rules for the kind bound it (task-rules.ts in domain). */
  points: z.number().int().min(0).max(200),
  capacity: z.number().int().min(1).max(MAX_TASK_CAPACITY),
  requiredClasses: z.array(stewardClass).max(6).default([]).transform((c) => [...new Set(c)].sort()),
  deadline: z.iso.datetime({ offset: true }),
});

export const GetTaskInput = z.object({ id });

/** Map search: within a radius, a bounding box or a region subtree (at least one), nearest first when a point is given. */
export const SearchTasksInput = z
  .object({
    near: z.object({ lat, lng, radiusM: z.number().positive().max(MAX_MAP_RADIUS_M) }).nullish(),
    bbox: z.object({ west: lng, south: lat, east: lng, north: lat }).nullish(),
    region: regionPath.nullish(),
    kinds: z.array(z.enum(TASK_KINDS)).max(TASK_KINDS.length).nullish(),
    statuses: z.array(z.enum(TASK_STATUSES)).max(TASK_STATUSES.length).nullish(),
    stewardClass: stewardClass.nullish(),
    first,
  })
  .refine((s) => s.near || s.bbox || s.region, { message: 'give near, bbox or region' })
  .refine((s) => !s.bbox || (s.bbox.west < s.bbox.east && s.bbox.south < s.bbox.north), { message: 'bbox: west < east and south < north' });

export const CancelTaskInput = z.object({ id, reason: z.string().trim().min(1).max(500) });
export const ClaimTaskInput = z.object({ taskId: id });
export const CheckInInput = z.object({ taskId: id, location: LatLngInput });
export const SubmitTaskInput = z.object({
  taskId: id,
  note: z.string().trim().min(1).max(2000),
  /** References to uploaded photos (storage keys), not the photos themselves. */
  photos: z.array(z.string().trim().min(1).max(300)).max(MAX_EVIDENCE_PHOTOS).default([]),
});
export const VerifyTaskInput = z
  .object({ claimId: id, approve: z.boolean(), reason: z.string().trim().max(500).nullish().transform((v) => v ?? null) })
  .refine((v) => v.approve || v.reason, { message: 'a rejection needs a reason', path: ['reason'] });
export const RateTaskInput = z.object({ claimId: id, stars: z.number().int().min(1).max(5) });
export const TaskClaimsInput = z.object({ taskId: id });
export const MyClaimsInput = z.object({ statuses: z.array(z.enum(CLAIM_STATUSES)).max(CLAIM_STATUSES.length).nullish(), first, after: cursor });

export const DutyCheckInInput = z.object({ placeId: id, location: LatLngInput });
export const DutySummaryInput = z.object({ year: z.number().int().min(2000).max(2100), stewardId: id.nullish() });

export const PointsLedgerInput = z.object({
  /** Whose ledger; the caller's own when absent. */
  stewardId: id.nullish(),
  /** A period (2026, 2026-Q3, 2026-11) to explain a ranking figure; all time when absent. */
  period: z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'must be a year (2026), a quarter (2026-Q3) or a month (2026-11)').nullish(),
  first,
  after: cursor,
});
export const RequestAdjustmentInput = z.object({
  stewardId: id,
  amount: z.number().int().min(-1000).max(1000).refine((n) => n !== 0, 'must not be 0'),
  reason: z.string().trim().min(4).max(500),
  /** The requester's key for this adjustment: the same key twice makes one request. */
  requestKey: z.string().trim().min(8).max(100),
});
export const DecideAdjustmentInput = z.object({ id, approve: z.boolean() });
export const ListAdjustmentsInput = z.object({ region: regionPath, pendingOnly: z.boolean().default(true), first });
