import type { Actor } from '@gov/kernel';
import {
  ConfirmRedemptionInput,
  CreateMerchantInput,
  CreateRewardItemInput,
  DrawLotteryInput,
  GetLotteryInput,
  ListMerchantsInput,
  MyRedemptionsInput,
  MyVouchersInput,
  RedeemInput,
  RestockRewardItemInput,
  TasksRpc,
} from '@gov/tasks-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { LotteryService } from './lottery.service.js';
import { MerchantService } from './merchant.service.js';
import { RedemptionService } from './redemption.service.js';

@Controller()
export class RewardsController {
  constructor(
    private readonly merchants: MerchantService,
    private readonly redemptions: RedemptionService,
    private readonly lotteries: LotteryService,
  ) {}

  @MessagePattern(TasksRpc.merchants)
  list(@CurrentActor() actor: Actor | null, @Input(ListMerchantsInput) input: z.output<typeof ListMerchantsInput>) {
    return this.merchants.list(actor, input);
  }

  @MessagePattern(TasksRpc.merchantCreate)
  createMerchant(@CurrentActor() actor: Actor | null, @Input(CreateMerchantInput) input: z.output<typeof CreateMerchantInput>) {
    return this.merchants.create(actor, input);
  }

  @MessagePattern(TasksRpc.rewardItemCreate)
  createItem(@CurrentActor() actor: Actor | null, @Input(CreateRewardItemInput) input: z.output<typeof CreateRewardItemInput>) {
    return this.merchants.createItem(actor, input);
  }

  @MessagePattern(TasksRpc.rewardItemRestock)
  restock(@CurrentActor() actor: Actor | null, @Input(RestockRewardItemInput) input: z.output<typeof RestockRewardItemInput>) {
    return this.merchants.restock(actor, input);
  }

  @MessagePattern(TasksRpc.redeem)
  redeem(@CurrentActor() actor: Actor | null, @Input(RedeemInput) input: z.output<typeof RedeemInput>) {
    return this.redemptions.redeem(actor, input);
  }

  @MessagePattern(TasksRpc.redemptionConfirm)
  confirm(@CurrentActor() actor: Actor | null, @Input(ConfirmRedemptionInput) input: z.output<typeof ConfirmRedemptionInput>) {
    return this.redemptions.confirm(actor, input);
  }

  @MessagePattern(TasksRpc.redemptionsMine)
  myRedemptions(@CurrentActor() actor: Actor | null, @Input(MyRedemptionsInput) input: z.output<typeof MyRedemptionsInput>) {
    return this.redemptions.mine(actor, input);
  }

  @MessagePattern(TasksRpc.vouchersMine)
  myVouchers(@CurrentActor() actor: Actor | null, @Input(MyVouchersInput) input: z.output<typeof MyVouchersInput>) {
    return this.redemptions.myVouchers(actor, input);
  }

  @MessagePattern(TasksRpc.lotteryDraw)
  draw(@CurrentActor() actor: Actor | null, @Input(DrawLotteryInput) input: z.output<typeof DrawLotteryInput>) {
    return this.lotteries.draw(actor, input);
  }

  @MessagePattern(TasksRpc.lotteryGet)
  lottery(@CurrentActor() actor: Actor | null, @Input(GetLotteryInput) input: z.output<typeof GetLotteryInput>) {
    return this.lotteries.get(actor, input);
  }
}
