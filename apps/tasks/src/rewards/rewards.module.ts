import { RewardsRepository } from '@gov/tasks-data-access';
import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module.js';
import { LotteryService } from './lottery.service.js';
import { MerchantService } from './merchant.service.js';
import { RedemptionService } from './redemption.service.js';
import { RewardsController } from './rewards.controller.js';

/** The red merchant alliance (红色商家联盟), the points supermarket (积分超市) and voucher lotteries. */
@Module({
  imports: [PointsModule],
  controllers: [RewardsController],
  providers: [MerchantService, RedemptionService, LotteryService, RewardsRepository],
  exports: [RedemptionService],
})
export class RewardsModule {}
