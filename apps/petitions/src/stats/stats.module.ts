import { StatsRepository } from '@gov/petitions-data-access';
import { Module } from '@nestjs/common';
import { StatsCompactor } from './stats-compactor.js';
import { StatsController } from './stats.controller.js';
import { StatsService } from './stats.service.js';

/** Live statistics (统计) of a region's petitions and its overdue list; docs/petition-stats.md. */
@Module({
  controllers: [StatsController],
  providers: [StatsService, StatsCompactor, StatsRepository],
  exports: [StatsCompactor],
})
export class StatsModule {}
