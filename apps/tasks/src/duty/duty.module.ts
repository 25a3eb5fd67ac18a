import { DutyRepository } from '@gov/tasks-data-access';
import { Module } from '@nestjs/common';
import { DutyController } from './duty.controller.js';
import { DutyService } from './duty.service.js';

/** Duty check-ins of cadres at their home community's office (双报到). DirectoryModule is global. */
@Module({
  controllers: [DutyController],
  providers: [DutyService, DutyRepository],
})
export class DutyModule {}
