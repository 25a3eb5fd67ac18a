import { FollowUpRepository } from '@gov/mediation-data-access';
import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { FollowUpController } from './follow-up.controller.js';
import { FollowUpService } from './follow-up.service.js';

/** Follow-ups (回访、履行跟踪) of agreed cases, built on the case workflow; the clock reports the overdue ones. */
@Module({
  imports: [CaseModule],
  controllers: [FollowUpController],
  providers: [FollowUpService, FollowUpRepository],
  exports: [FollowUpRepository],
})
export class FollowUpModule {}
