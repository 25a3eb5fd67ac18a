/** Petitions (诉求): a resident's request, from intake to the resident's rating. */
import { cursorSchema, idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

/**
 * Intake channels: building QR code (扫码), photo report (随手拍), 12345 hotline operator,
 * sentinel report (哨兵上报), steward app, door-knocking visit (敲门行动) and red mailbox (红色信箱).
 */
export const CHANNELS = ['qr', 'photo', 'hotline', 'sentinel', 'steward_app', 'door_knock', 'mailbox'] as const;
export type Channel = (typeof CHANNELS)[number];
/** Channels anyone may use without an account (the QR code on a building, a photo report). */
export const PUBLIC_CHANNELS: readonly Channel[] = ['qr', 'photo'];
/** Channels staff type in for a resident (the hotline, door-knocking, the mailbox). */
export const STAFF_CHANNELS: readonly Channel[] = ['hotline', 'door_knock', 'mailbox'];

/**
 * The loop 发现—甄别—交办—办理—督办—评价. Screening ends in `screened` (valid) or one of the
 * terminal outcomes `merged` (duplicate), `invalid`, `not_responsible` and `referred`.
 */
export const PETITION_STATES = [
  'submitted',
  'screened',
  'assigned',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'merged',
  'invalid',
  'not_responsible',
  'referred',
] as const;
export type PetitionState = (typeof PETITION_STATES)[number];
/** States in which a handler's clock runs. */
export const HANDLING_STATES: readonly PetitionState[] = ['assigned', 'accepted', 'in_progress'];
export const OPEN_STATES: readonly PetitionState[] = ['submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved'];

export const SCREEN_OUTCOMES = ['valid', 'duplicate', 'invalid', 'not_responsible', 'referred'] as const;
export type ScreenOutcome = (typeof SCREEN_OUTCOMES)[number];

/** Handling levels, lowest first: 小事不出网格、大事不出社区, then the street, then a department. */
export const LEVELS = ['grid', 'community', 'street', 'department'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * The six preventions (六防) a sentinel report must be about: fire, disaster, disorder, epidemic,
 * hardship, fraud.
 */
export const SIX_PREVENTIONS = ['fire', 'disaster', 'disorder', 'epidemic', 'hardship', 'fraud'] as const;
export type SixPrevention = (typeof SIX_PREVENTIONS)[number];

/** Ratings of 1–2 are unsatisfied and reopen the petition; 3–5 close it. */
export const MIN_SATISFIED_RATING = 3;
export const MAX_ATTACHMENTS = 9;
export const TRACKING_CODE_PATTERN = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const LatLng = z.object({ lat, lng });
const nullish = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);
const text = (max: number) => z.string().trim().min(1).max(max);
const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);
const mobile = z.string().trim().regex(/^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, 'must be a mobile or landline number');

export const ContactInput = z.object({ name: text(50), phone: mobile });
export type ContactInput = z.infer<typeof ContactInput>;

export const SubmitPetitionInput = z.object({
  channel: z.enum(CHANNELS),
  /** A minor category key, e.g. `municipal.streetlight` (its current version is recorded). */
  category: z.string().trim().min(1).max(64),
  title: nullish(text(60)),
  description: text(2000),
  /** The token in a building's QR code: binds the petition to that building, its grid and team. */
  qrToken: nullish(z.string().trim().min(1).max(120)),
  /** Where the problem is (a photo report); resolved to its grid. */
  location: nullish(LatLng),
  /** Staff channels and sentinels: the grid or community the petition belongs to. */
  region: nullish(regionPath),
  /** Required for the sentinel channel. */
  sixPrevention: nullish(z.enum(SIX_PREVENTIONS)),
  anonymous: z.boolean().default(false),
  contact: nullish(ContactInput),
  /** Ids returned by the gateway's upload endpoint (POST /uploads). */
  attachmentIds: z.array(id).max(MAX_ATTACHMENTS).default([]),
});
export type SubmitPetitionInput = z.input<typeof SubmitPetitionInput>;

export const GetPetitionInput = z.object({ id });
export const TrackingInput = z.object({ trackingCode: z.string().trim().toUpperCase().regex(TRACKING_CODE_PATTERN, 'must be a tracking code like ABCD-EFGH-JKLM') });

export const ListPetitionsInput = z.object({
  /** Subtree to list (default: every region the caller handles). */
  region: nullish(regionPath),
  states: nullish(z.array(z.enum(PETITION_STATES)).max(PETITION_STATES.length)),
  channels: nullish(z.array(z.enum(CHANNELS)).max(CHANNELS.length)),
  /** A major or minor category key. */
  category: nullish(z.string().trim().min(1).max(64)),
  level: nullish(z.enum(LEVELS)),
  departmentId: nullish(id),
  overdue: nullish(z.boolean()),
  first,
  after: cursor,
});

export const ScreenPetitionInput = z.object({
  id,
  outcome: z.enum(SCREEN_OUTCOMES),
  /** For `duplicate`: the petition it repeats (its cluster is joined). */
  duplicateOf: nullish(id),
  /** 1 (low) – 3 (urgent): set by the grid worker by nature, reach and urgency. */
  priority: z.number().int().min(1).max(3).default(2),
  note: nullish(text(500)),
});
export const AssignPetitionInput = z.object({
  id,
  level: z.enum(LEVELS),
  /** grid, community or street level: the node at that level (at or above the petition's place). */
  region: nullish(regionPath),
  /** department level: an identity unit of kind government_department. */
  departmentId: nullish(id),
  note: nullish(text(500)),
});
export const PetitionActionInput = z.object({ id, note: nullish(text(500)) });
export const ResolvePetitionInput = z.object({
  id,
  result: text(2000),
  evidenceAttachmentIds: z.array(id).max(MAX_ATTACHMENTS).default([]),
});
export const RatePetitionInput = z.object({
  /** A signed-in submitter gives the id; anyone else the tracking code with the key they got at submission. */
  id: nullish(id),
  trackingCode: nullish(z.string().trim().toUpperCase().regex(TRACKING_CODE_PATTERN)),
  submitterKey: nullish(z.string().trim().min(16).max(64)),
  rating: z.number().int().min(1).max(5),
  comment: nullish(text(500)),
}).refine((r) => r.id || (r.trackingCode && r.submitterKey), { message: 'give id, or trackingCode and submitterKey' });
export const ReopenPetitionInput = z.object({ id, reason: text(500) });
export const SPAWN_KINDS = ['task', 'mediation'] as const;
export const SpawnFromPetitionInput = z.object({ id, kind: z.enum(SPAWN_KINDS), note: nullish(text(500)) });
export const BuildingNoticesInput = z.object({ qrToken: z.string().trim().min(1).max(120), first });

export type ListPetitionsInput = z.output<typeof ListPetitionsInput>;
export type ScreenPetitionInput = z.output<typeof ScreenPetitionInput>;
export type AssignPetitionInput = z.output<typeof AssignPetitionInput>;

export interface AttachmentView {
  id: string;
  contentType: string;
  bytes: number;
  /** Path under the gateway that serves it (GET, same authorisation as the petition). */
  url: string;
}

export interface AssigneeView {
  level: Level;
  region: string;
  departmentId: string | null;
  departmentName: string | null;
}

/** A petition as staff of its region see it (contact masked; `petitionContact` unmasks, audited). */
export interface PetitionView {
  id: string;
  trackingCode: string;
  channel: Channel;
  state: PetitionState;
  category: string;
  categoryNameZh: string;
  majorCategory: string;
  categoryVersion: number;
  title: string;
  description: string;
  /** The grid (or community) the petition belongs to. */
  region: string;
  buildingId: string | null;
  buildingName: string | null;
  location: { lat: number; lng: number } | null;
  sixPrevention: SixPrevention | null;
  anonymous: boolean;
  /** e.g. 张** 138****5678, or null when anonymous. */
  contactMasked: string | null;
  priority: number;
  assignee: AssigneeView | null;
  /** When the current level's clock runs out. */
  levelDeadline: string | null;
  /** When the category's time limit runs out. */
  deadline: string;
  overdue: boolean;
  escalations: number;
  supervised: boolean;
  clusterId: string | null;
  duplicateOf: string | null;
  clusterSize: number;
  result: string | null;
  resolvedAt: string | null;
  rating: number | null;
  ratingComment: string | null;
  reopenCount: number;
  taskId: string | null;
  mediationCaseId: string | null;
  attachments: AttachmentView[];
  evidence: AttachmentView[];
  submittedBy: string | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/** What a submitter gets back once: the tracking code to follow it and the key to rate it. */
export interface SubmittedPetitionView {
  petition: PublicPetitionView;
  /** Shown once; only its hash is stored. */
  submitterKey: string;
}

/** What anyone holding the tracking code sees: no contact, no staff notes, no names. */
export interface PublicPetitionView {
  trackingCode: string;
  state: PetitionState;
  channel: Channel;
  category: string;
  categoryNameZh: string;
  title: string;
  description: string;
  buildingName: string | null;
  /** e.g. 网格 / 社区 / 街道 / 部门 */
  level: Level | null;
  handlerName: string | null;
  deadline: string;
  result: string | null;
  resolvedAt: string | null;
  rating: number | null;
  createdAt: string;
  steps: PublicStepView[];
}

export interface PublicStepView {
  at: string;
  action: string;
  /** Chinese label of the step for residents. */
  labelZh: string;
}

/** One row of a petition's timeline: every transition, with who did it (audited). */
export interface TimelineEntryView {
  seq: string;
  at: string;
  action: string;
  fromState: PetitionState | null;
  toState: PetitionState;
  actorAccountId: string | null;
  /** `resident`, `system` (a sweep), or the caller's username. */
  actorLabel: string;
  level: Level | null;
  note: string | null;
}

export interface ContactView {
  petitionId: string;
  name: string;
  phone: string;
}

export interface DuplicateCandidateView {
  petition: PetitionView;
  distanceM: number | null;
  sameBuilding: boolean;
}

/** A resolved petition published to the residents of its building or compound (结果公示). */
export interface NoticeView {
  trackingCode: string;
  categoryNameZh: string;
  title: string;
  result: string;
  resolvedAt: string;
  rating: number | null;
}
