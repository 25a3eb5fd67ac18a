import { ADMIN_ROLES, actorCan, type Actor, type RoleName } from '@gov/kernel';
import { createHash, createHmac } from 'node:crypto';
import { taskVisibleTo } from './task-policy.js';

/** Who keeps the red merchant alliance (红色商家联盟): admins of the merchant's region and above; they also hold the lotteries. */
export const REWARDS_ADMIN_ROLES: readonly RoleName[] = ADMIN_ROLES;

/** The county (city/county) a region lies in; the city itself for the city's path. */
export function countyPathOf(region: string): string {
  return region.split('/').slice(0, 2).join('/');
}

/**
 * Merchants, their items, redemptions and draws are the county's: visible to anyone working in
 * the county, above it or below it (a steward of any street redeems at any merchant of the county),
 * never to another county.
 */
export function rewardsVisibleTo(actor: Actor, region: string): boolean {
  return taskVisibleTo(actor, countyPathOf(region));
}

export function mayKeepMerchants(actor: Actor, region: string): boolean {
  return actorCan(actor, REWARDS_ADMIN_ROLES, region);
}

/**
 * The county paths (or the city, for a city-wide grant) whose rewards `actor` sees: a list query
 * keeps the merchants whose county equals one of them or lies below one.
 */
export function rewardsScope(actor: Actor): string[] {
  return [...new Set(actor.grants.map((g) => countyPathOf(g.region)))];
}


/**
 * The voucher lottery (积分奖券抽奖), reproducible by anyone (LOTTERY_ALGORITHM in the contracts):
 * the pool is the voucher ids sorted as strings, its digest the SHA-256 of them joined by "\n";
 * each voucher's ticket is HMAC-SHA256(seed, id); the lowest tickets win, rank 1 first.
 */
export function sortedPool(ids: readonly string[]): string[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].sort(compare);
}

export function poolDigest(pool: readonly string[]): string {
  return createHash('sha256').update(sortedPool(pool).join('\n'), 'utf8').digest('hex');
}

export function lotteryTicket(seed: string, voucherId: string): string {
  return createHmac('sha256', Buffer.from(seed, 'utf8')).update(voucherId.toLowerCase(), 'utf8').digest('hex');
}

/** The winners in rank order: at most `winners` of the pool. */
export function drawWinners(seed: string, pool: readonly string[], winners: number): string[] {
  return sortedPool(pool)
    .map((id) => ({ id, ticket: lotteryTicket(seed, id) }))
    .sort((a, b) => compare(a.ticket, b.ticket) || compare(a.id, b.id))
    .slice(0, Math.max(0, winners))
    .map((t) => t.id);
}

/** Code-unit order, the same in every language (not the locale's). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
