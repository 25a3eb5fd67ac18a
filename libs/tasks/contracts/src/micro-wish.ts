/**
 * Micro-wishes (微心愿): small suggestions, disputes, hazards and difficulties residents post on
 * the board or by their building's QR code; a steward claims and fulfils one as a task (kind
 * `micro_wish`, one place) and the resident who posted it confirms and rates the work. Zod inputs
 * and the views the service answers with.
 */
import { cursorSchema, idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';
import { LatLngInput } from './inputs.js';

export const MICRO_WISH_CATEGORIES = ['suggestion', 'dispute', 'hazard', 'difficulty'] as const;
export type MicroWishCategory = (typeof MICRO_WISH_CATEGORIES)[number];

/**
 * posted (open) → claimed (a steward holds its task) → fulfilled (the steward submitted the work)
 * → confirmed (the resident confirmed and rated it); cancelled: withdrawn by the resident, or
 * lapsed at its deadline unfulfilled.
 */
export const MICRO_WISH_STATUSES = ['posted', 'claimed', 'fulfilled', 'confirmed', 'cancelled'] as const;
export type MicroWishStatus = (typeof MICRO_WISH_STATUSES)[number];

/** Points a confirmed micro-wish earns its steward (within POINTS_RANGE.micro_wish, 1–10). */
export const MICRO_WISH_POINTS = 5;
/** Days a micro-wish stays open for stewards to claim (its task's deadline). */
export const MICRO_WISH_DEADLINE_DAYS = 30;
/** Region depth a wish sits at or below: a grid (city/county/street/community/grid), a compound or a building. */
export const MICRO_WISH_MIN_REGION_DEPTH = 5;

/** Reasons (`details.reason`) particular to micro-wishes, beside TaskRefusal's WRONG_STATE. */
export const MicroWishRefusal = {
  /** The caller's account belongs to no person (a service account): wishes are posted by residents. */
  NO_PERSON: 'NO_PERSON',
} as const;
export type MicroWishRefusal = (typeof MicroWishRefusal)[keyof typeof MicroWishRefusal];

const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);

export const PostMicroWishInput = z.object({
  category: z.enum(MICRO_WISH_CATEGORIES),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).default(''),
  /** The grid, compound or building the wish is about (the building's QR code names it). */
  region: regionPath.refine((p) => p.split('/').length >= MICRO_WISH_MIN_REGION_DEPTH, {
    message: 'must be a grid, compound or building: city/county/street/community/grid[/…]',
  }),
  location: LatLngInput,
});

/** The board: wishes in a region subtree that the caller may see, newest first. */
export const MicroWishesInput = z.object({
  region: regionPath,
  status: z.enum(MICRO_WISH_STATUSES).nullish().transform((v) => v ?? null),
  first,
  after: cursor,
});

/** The resident who posted the wish confirms the steward's work and rates it (five stars: a bonus and a voucher). */
export const ConfirmMicroWishInput = z.object({ id, stars: z.number().int().min(1).max(5) });

export const MicroWishStatsInput = z.object({ region: regionPath });

export interface MicroWishView {
  id: string;
  /** The task stewards claim, check in on and submit. */
  taskId: string;
  category: MicroWishCategory;
  title: string;
  description: string;
  region: string;
  /** The community (社区/村) the wish counts in. */
  community: string;
  location: { lat: number; lng: number };
  status: MicroWishStatus;
  /** The person (resident) who posted it. */
  postedBy: string;
  /** Points its steward earns on confirmation. */
  points: number;
  deadline: string;
  createdAt: string;
  /** The steward's claim on it (claimed, checked in, submitted or verified), null while open. */
  claimId: string | null;
  stewardId: string | null;
  /** When the steward submitted the work. */
  fulfilledAt: string | null;
  confirmedAt: string | null;
  /** The resident's stars, once confirmed. */
  stars: number | null;
}

export interface CommunityMicroWishStatsView {
  community: string;
  /** Wishes posted (收集). */
  collected: number;
  /** Wishes confirmed by their residents (办结). */
  fulfilled: number;
}

export interface MicroWishStatsView {
  region: string;
  collected: number;
  fulfilled: number;
  /** One entry per community with wishes, by path. */
  communities: CommunityMicroWishStatsView[];
}
