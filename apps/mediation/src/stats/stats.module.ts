import { MediationStatsRepository } from '@gov/mediation-data-access';
import { Module } from '@nestjs/common';
import { StatsController } from './stats.controller.js';
import { StatsService } from './stats.service.js';

/** Live mediation statistics (调解统计): cases taken and resolved, success rate, days to agreement. */
@Module({
  controllers: [StatsController],
  providers: [StatsService, MediationStatsRepository],
})
export class StatsModule {}
