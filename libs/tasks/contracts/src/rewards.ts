/**
 * Rewards (积分超市, 红色商家联盟, 积分奖券): merchants and their reward items, redemptions of points
 * for goods, and the audited voucher lotteries. Zod inputs and the views the service answers with.
 */
import { cursorSchema, idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';

/** Redemption codes: 8 characters without the look-alikes 0/O, 1/I/L, so a cashier types them back without doubt. */
export const REDEMPTION_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const REDEMPTION_CODE_LENGTH = 8;
/** Pieces of one item one redemption takes (the table's check). */
export const MAX_REDEEM_QUANTITY = 10;
export const MAX_ITEM_PRICE_POINTS = 100_000;
export const MAX_ITEM_STOCK = 1_000_000;
export const MAX_LOTTERY_WINNERS = 1000;
/** Voucher ids per page of a draw's pool (`lottery(id).pool`): a page stays well inside one NATS message. */
export const MAX_LOTTERY_POOL_PAGE = 5000;
/** Merchants per page of `merchants(region)` (the alliance has a few hundred per city). */
export const MAX_MERCHANTS_PAGE = 300;

export const REDEMPTION_STATUSES = ['issued', 'confirmed', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];
export const VOUCHER_STATUSES = ['held', 'won'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

/** Reasons (`details.reason`) of refusals particular to rewards, beside TaskRefusal's INSUFFICIENT_POINTS, OUT_OF_STOCK, WRONG_STATE. */
export const RewardRefusal = {
  /** A draw over a region with no held vouchers. */
  NO_VOUCHERS: 'NO_VOUCHERS',
  /** The item was taken off the shelf. */
  ITEM_INACTIVE: 'ITEM_INACTIVE',
} as const;
export type RewardRefusal = (typeof RewardRefusal)[keyof typeof RewardRefusal];

/**
 * How a draw picks its winners, so anyone can recompute it from `lottery(id)`:
 * the pool is the held voucher ids (lowercase UUIDs) sorted as strings; `poolDigest` is the hex
 * SHA-256 of those ids joined by "\n"; each voucher's ticket is the hex HMAC-SHA256 keyed by the
 * seed (UTF-8) over its id; vouchers sorted by ticket (then id) and the first `winners` win, rank 1 first.
 */
export const LOTTERY_ALGORITHM =
  'pool = held voucher ids sorted ascending; poolDigest = hex(sha256(pool.join("\\n"))); ticket(id) = hex(hmac_sha256(key = utf8(seed), message = id)); winners = the first N of pool sorted by (ticket, id), rank 1 first';

const cursor = cursorSchema.nullish().transform((v) => v ?? undefined);
const name = z.string().trim().min(1).max(100);
const depth = (p: string) => p.split('/').length;

/** A merchant sits in a county or below (its county's points pay for its goods). */
export const CreateMerchantInput = z.object({
  name,
  region: regionPath.refine((p) => depth(p) >= 2, { message: 'must lie in a county (city/county/…)' }),
  address: z.string().trim().max(200).default(''),
  /** The person who confirms redemptions at the till; admins of the merchant's region can too. */
  contactPersonId: id.nullish().transform((v) => v ?? null),
});

export const ListMerchantsInput = z.object({
  region: regionPath,
  first: z.number().int().min(1).max(MAX_MERCHANTS_PAGE).default(100),
  after: cursor,
});

export const CreateRewardItemInput = z.object({
  merchantId: id,
  name,
  pricePoints: z.number().int().min(1).max(MAX_ITEM_PRICE_POINTS),
  stock: z.number().int().min(0).max(MAX_ITEM_STOCK),
});

/** Adds stock; `active` puts the item on (true) or takes it off (false) the shelf. */
export const RestockRewardItemInput = z.object({
  itemId: id,
  quantity: z.number().int().min(0).max(MAX_ITEM_STOCK),
  active: z.boolean().nullish().transform((v) => v ?? null),
});

export const RedeemInput = z.object({
  itemId: id,
  quantity: z.number().int().min(1).max(MAX_REDEEM_QUANTITY).default(1),
});

/** Spaces, dashes and lower case are forgiven: `abcd-2345` is `ABCD2345`. */
export const redemptionCode = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(new RegExp(`^[${REDEMPTION_CODE_ALPHABET}]{${REDEMPTION_CODE_LENGTH}}$`), 'must be the 8-character code of a redemption'));

export const ConfirmRedemptionInput = z.object({ code: redemptionCode });

export const MyRedemptionsInput = z.object({
  statuses: z.array(z.enum(REDEMPTION_STATUSES)).max(REDEMPTION_STATUSES.length).nullish(),
  first,
  after: cursor,
});

export const MyVouchersInput = z.object({
  statuses: z.array(z.enum(VOUCHER_STATUSES)).max(VOUCHER_STATUSES.length).nullish(),
  first,
  after: cursor,
});

export const DrawLotteryInput = z.object({
  /** A county (city/county) or a street (city/county/street): the draw is over the vouchers issued there. */
  region: regionPath.refine((p) => depth(p) === 2 || depth(p) === 3, { message: 'must be a county or a street' }),
  title: name,
  winners: z.number().int().min(1).max(MAX_LOTTERY_WINNERS),
  /** The seed a public event fixes (e.g. numbers drawn on stage); a random one is drawn and stored when absent. */
  seed: z.string().trim().min(1).max(128).nullish().transform((v) => v ?? null),
});

export const GetLotteryInput = z.object({
  id,
  /** A page of the pool: ids after `poolAfter` (a voucher id), at most `poolFirst`. */
  poolFirst: z.number().int().min(0).max(MAX_LOTTERY_POOL_PAGE).default(1000),
  poolAfter: id.nullish().transform((v) => v ?? null),
});

export interface RewardItemView {
  id: string;
  merchantId: string;
  name: string;
  pricePoints: number;
  stock: number;
  active: boolean;
  createdAt: string;
}

export interface MerchantView {
  id: string;
  name: string;
  region: string;
  address: string;
  contactPersonId: string | null;
  createdAt: string;
  items: RewardItemView[];
}

export interface RedemptionView {
  id: string;
  stewardId: string;
  itemId: string;
  itemName: string;
  merchantId: string;
  merchantName: string;
  quantity: number;
  /** Points paid: price × quantity. */
  points: number;
  /** Shown at the merchant's till, who confirms it once. */
  code: string;
  status: RedemptionStatus;
  createdAt: string;
  confirmedAt: string | null;
}

export interface VoucherView {
  id: string;
  stewardId: string;
  claimId: string;
  /** The task whose five-star completion issued it. */
  taskId: string;
  county: string;
  status: VoucherStatus;
  issuedAt: string;
  /** The draw it won in, and its rank there. */
  drawId: string | null;
  rank: number | null;
}

export interface LotteryWinnerView {
  rank: number;
  voucherId: string;
  stewardId: string;
}

export interface LotteryView {
  id: string;
  county: string;
  region: string;
  title: string;
  seed: string;
  poolDigest: string;
  poolSize: number;
  winners: LotteryWinnerView[];
  drawnBy: string;
  drawnAt: string;
  /** LOTTERY_ALGORITHM: how to recompute the winners from the seed and the pool. */
  algorithm: string;
  /** A page of the pool (sorted voucher ids), for re-verification. */
  pool: string[];
  /** Pass as `poolAfter` for the next page; null on the last. */
  poolNextCursor: string | null;
}
