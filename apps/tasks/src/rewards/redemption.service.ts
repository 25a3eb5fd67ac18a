import { AppError, countyOf, forbidden, notFound, type Actor, type Page } from '@gov/kernel';
import {
  REDEMPTION_CODE_ALPHABET,
  REDEMPTION_CODE_LENGTH,
  TasksEvents,
  type ConfirmRedemptionInput,
  type MyRedemptionsInput,
  type MyVouchersInput,
  type RedeemInput,
  type RedemptionView,
  type VoucherView,
} from '@gov/tasks-contracts';
import { RewardsRepository, merchantAccount, type RedemptionRecord, type VoucherRecord } from '@gov/tasks-data-access';
import { mayKeepMerchants, rewardsVisibleTo } from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DirectoryService } from '../directory/directory.service.js';
import { PointsLedger } from '../points/points-ledger.service.js';
import { decodeIdCursor, encodeIdCursor } from './cursor.js';
import { MerchantService } from './merchant.service.js';
import { RewardErrors } from './rewards.errors.js';

/** Codes drawn before giving up: with 31⁸ codes a second draw is already rare. */
const CODE_ATTEMPTS = 5;

/**
 * The points supermarket (积分超市): a steward redeems points for an item and shows the code at the
 * merchant's till, where the merchant's contact person (or an admin of its region) confirms it once.
 */
@Injectable()
export class RedemptionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly rewards: RewardsRepository,
    private readonly merchants: MerchantService,
    private readonly directory: DirectoryService,
    private readonly points: PointsLedger,
  ) {}

  /**
   * In one transaction, under the item's row lock: stock checked, points paid to the merchant
   * through the ledger (under the steward's balance lock), stock taken, the redemption written
   * with a fresh code and its event. A refusal rolls all of it back.
   */
  async redeem(actor: Actor | null, input: z.output<typeof RedeemInput>): Promise<RedemptionView> {
    const a = requireActor(actor);
    // The item first: another county's item is not found, whoever asks.
    const seen = await this.merchants.visibleItem(a, input.itemId);
    const steward = await this.directory.stewardOf(a);
    if (countyOf(seen.merchantRegion) !== countyOf(steward.grid)) throw forbidden("points are spent with merchants of the steward's own county");
    const id = randomUUID();
    return this.tx.run(async (em) => {
      const item = (await this.rewards.lockItem(em, seen.id))!;
      if (!item.active) throw RewardErrors.inactive();
      if (item.stock < input.quantity) throw RewardErrors.outOfStock(item.stock, input.quantity);
      const points = item.pricePoints * input.quantity;
      await this.points.spend(em, {
        stewardId: steward.id,
        region: steward.grid,
        sourceType: 'redemption',
        sourceId: id,
        memo: `兑换：${item.name} × ${input.quantity}`,
        postedByPerson: a.personId,
        counterAccount: merchantAccount(item.merchantId),
        points,
      });
      await this.rewards.takeStock(em, item.id, input.quantity);
      await this.insertWithFreshCode(em, { id, stewardId: steward.id, itemId: item.id, quantity: input.quantity, points });
      const v = redemptionView((await this.rewards.redemptionIn(em, id))!);
      // The code is a bearer token for the goods: it stays between the steward and the till.
      const { code: _code, ...data } = v;
      await this.outbox.add(em, { ...TasksEvents.redeemed, region: item.merchantRegion, subjectId: id, data });
      return v;
    });
  }

  /**
   * The merchant hands over the goods: its contact person or an admin of its region confirms the
   * code, once. Unknown codes and codes of other counties answer NOT_FOUND alike.
   */
  async confirm(actor: Actor | null, { code }: z.output<typeof ConfirmRedemptionInput>): Promise<RedemptionView> {
    const a = requireActor(actor);
    const found = await this.rewards.redemptionByCode(code);
    const isContact = !!found?.contactPerson && found.contactPerson === a.personId;
    if (!found || !(isContact || rewardsVisibleTo(a, found.merchantRegion))) throw notFound('redemption', code);
    if (!isContact && !mayKeepMerchants(a, found.merchantRegion)) throw forbidden("only the merchant's contact person or an admin of its region confirms a redemption");
    return this.tx.run(async (em) => {
      const locked = (await this.rewards.redemptionIn(em, found.id, true))!;
      if (locked.status !== 'issued') throw RewardErrors.alreadyConfirmed(locked.status);
      const at = new Date();
      await this.rewards.confirmRedemption(em, locked.id, a.personId ?? a.accountId, at);
      const v = redemptionView((await this.rewards.redemptionIn(em, locked.id))!);
      const { code: _code, ...data } = v;
      await this.outbox.add(em, { ...TasksEvents.redemptionConfirmed, region: locked.merchantRegion, subjectId: locked.id, data });
      return v;
    });
  }

  /** The caller's redemptions, newest first (with their codes); none for a caller who is no steward. */
  async mine(actor: Actor | null, input: z.output<typeof MyRedemptionsInput>): Promise<Page<RedemptionView>> {
    const steward = await this.directory.stewardOrNull(requireActor(actor));
    const after = decodeIdCursor(input.after);
    if (!steward) return { items: [], endCursor: null, hasNextPage: false };
    const rows = await this.rewards.redemptionsOfSteward(steward.id, input.statuses ?? null, after, input.first + 1);
    const page = rows.slice(0, input.first);
    return { items: page.map(redemptionView), endCursor: page.length ? encodeIdCursor(page.at(-1)!.id) : null, hasNextPage: rows.length > input.first };
  }

  /** The caller's lottery vouchers (积分奖券), newest first, with the draw each won in. */
  async myVouchers(actor: Actor | null, input: z.output<typeof MyVouchersInput>): Promise<Page<VoucherView>> {
    const steward = await this.directory.stewardOrNull(requireActor(actor));
    const after = decodeIdCursor(input.after);
    if (!steward) return { items: [], endCursor: null, hasNextPage: false };
    const rows = await this.rewards.vouchersOfSteward(steward.id, input.statuses ?? null, after, input.first + 1);
    const page = rows.slice(0, input.first);
    return { items: page.map(voucherView), endCursor: page.length ? encodeIdCursor(page.at(-1)!.id) : null, hasNextPage: rows.length > input.first };
  }

  private async insertWithFreshCode(em: EntityManager, r: { id: string; stewardId: string; itemId: string; quantity: number; points: number }): Promise<void> {
    for (let i = 0; i < CODE_ATTEMPTS; i++) {
      if (await this.rewards.insertRedemption(em, { ...r, code: newRedemptionCode() })) return;
    }
    throw new AppError('UNAVAILABLE', 'no free redemption code was found: try again');
  }
}

/** 8 characters from the unambiguous alphabet, from the system's CSPRNG (codes must not be guessed). */
export function newRedemptionCode(): string {
  let code = '';
  for (let i = 0; i < REDEMPTION_CODE_LENGTH; i++) code += REDEMPTION_CODE_ALPHABET[randomInt(REDEMPTION_CODE_ALPHABET.length)];
  return code;
}

export function redemptionView(r: RedemptionRecord): RedemptionView {
  return {
    id: r.id,
    stewardId: r.stewardId,
    itemId: r.itemId,
    itemName: r.itemName,
    merchantId: r.merchantId,
    merchantName: r.merchantName,
    quantity: r.quantity,
    points: r.points,
    code: r.code,
    status: r.status,
    createdAt: new Date(r.createdAt).toISOString(),
    confirmedAt: r.confirmedAt ? new Date(r.confirmedAt).toISOString() : null,
  };
}

export function voucherView(v: VoucherRecord): VoucherView {
  return {
    id: v.id,
    stewardId: v.stewardId,
    claimId: v.claimId,
    taskId: v.taskId,
    county: v.county,
    status: v.status,
    issuedAt: new Date(v.issuedAt).toISOString(),
    drawId: v.drawId,
    rank: v.rank,
  };
}
