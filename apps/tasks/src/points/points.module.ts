import { AdjustmentRepository, PointsLedgerRepository } from '@gov/tasks-data-access';
import { Module } from '@nestjs/common';
import { PointsLedger } from './points-ledger.service.js';
import { PointsController } from './points.controller.js';
import { PointsService } from './points.service.js';

/** The points ledger: the only way points move (PointsLedger), and the steward's view of it. */
@Module({
  controllers: [PointsController],
  providers: [PointsLedger, PointsService, PointsLedgerRepository, AdjustmentRepository],
  exports: [PointsLedger, PointsLedgerRepository],
})
export class PointsModule {}
