import { countyOf, forbidden, notFound, type Actor } from '@gov/kernel';
import { LOTTERY_ALGORITHM, TasksEvents, type DrawLotteryInput, type GetLotteryInput, type LotteryView } from '@gov/tasks-contracts';
import { RewardsRepository, type LotteryDrawRecord } from '@gov/tasks-data-access';
import { drawWinners, mayKeepMerchants, poolDigest, rewardsVisibleTo, sortedPool } from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Outbox } from '@gov/platform-outbox';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { RewardErrors } from './rewards.errors.js';

/**
 * Voucher lotteries at reward events (积分奖券抽奖): an admin draws over the held vouchers issued in
 * a county or a street. Reproducible and audited: the pool, its digest and the seed are stored, the
 * winners follow from them by LOTTERY_ALGORITHM, and every draw is append-only.
 */
@Injectable()
export class LotteryService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly rewards: RewardsRepository,
  ) {}

  async draw(actor: Actor | null, input: z.output<typeof DrawLotteryInput>): Promise<LotteryView> {
    const a = requireActor(actor);
    if (!rewardsVisibleTo(a, input.region)) throw forbidden('no role on this region');
    if (!mayKeepMerchants(a, input.region)) throw forbidden('only admins of the region hold draws');
    const county = countyOf(input.region);
    const seed = input.seed ?? randomBytes(32).toString('hex');
    const id = randomUUID();
    await this.tx.run(async (em) => {
      const pool = sortedPool(await this.rewards.lockHeldVouchers(em, county, input.region));
      if (!pool.length) throw RewardErrors.noVouchers(input.region);
      const digest = poolDigest(pool);
      const winnerIds = drawWinners(seed, pool, input.winners);
      await this.rewards.insertDraw(em, {
        id,
        county,
        region: input.region,
        title: input.title,
        seed,
        poolDigest: digest,
        poolSize: pool.length,
        drawnByPerson: a.personId ?? a.accountId,
        pool,
        winnerIds,
      });
      await this.outbox.add(em, {
        ...TasksEvents.lotteryDrawn,
        region: input.region,
        subjectId: id,
        data: { id, region: input.region, title: input.title, seed, poolDigest: digest, poolSize: pool.length, winners: winnerIds.map((voucherId, i) => ({ rank: i + 1, voucherId })) },
      });
    });
    return this.view((await this.rewards.drawById(id))!, null, 1000);
  }

  /** The draw with everything needed to re-verify it, and a page of its pool; NOT_FOUND for another county's. */
  async get(actor: Actor | null, input: z.output<typeof GetLotteryInput>): Promise<LotteryView> {
    const a = requireActor(actor);
    const draw = await this.rewards.drawById(input.id);
    if (!draw || !rewardsVisibleTo(a, draw.region)) throw notFound('lottery', input.id);
    return this.view(draw, input.poolAfter, input.poolFirst);
  }

  private async view(d: LotteryDrawRecord, poolAfter: string | null, poolFirst: number): Promise<LotteryView> {
    const [winners, pool] = await Promise.all([this.rewards.drawWinners(d.id), poolFirst > 0 ? this.rewards.drawPool(d.id, poolAfter, poolFirst + 1) : Promise.resolve([])]);
    const page = pool.slice(0, poolFirst);
    return {
      id: d.id,
      county: d.county,
      region: d.region,
      title: d.title,
      seed: d.seed,
      poolDigest: d.poolDigest,
      poolSize: d.poolSize,
      winners,
      drawnBy: d.drawnByPerson,
      drawnAt: new Date(d.drawnAt).toISOString(),
      algorithm: LOTTERY_ALGORITHM,
      pool: page,
      poolNextCursor: pool.length > poolFirst ? page.at(-1)! : null,
    };
  }
}
