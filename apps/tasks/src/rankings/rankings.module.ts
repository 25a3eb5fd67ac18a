import { PeriodCloseRepository, RankingsRepository } from '@gov/tasks-data-access';
import { Module } from '@nestjs/common';
import { PeriodCloser } from './period-closer.js';
import { HonoursService } from './honours.service.js';
import { RankingsController } from './rankings.controller.js';
import { RankingsService } from './rankings.service.js';

/** Live rankings (排行榜) over the ledger's per-period sums, and honours: stars, excellent stewards, unit tiers. */
@Module({
  controllers: [RankingsController],
  providers: [RankingsService, HonoursService, RankingsRepository, PeriodCloser, PeriodCloseRepository],
  exports: [RankingsService, HonoursService],
})
export class RankingsModule {}
