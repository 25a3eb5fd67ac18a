import { CommitteeRepository, MeetingRepository } from '@gov/mediation-data-access';
import { Module } from '@nestjs/common';
import { CommitteeService } from './committee.service.js';
import { MeetingController } from './meeting.controller.js';
import { MeetingService } from './meeting.service.js';

/** Deliberation meetings (议事会) and the community committee's four lists (四张清单). */
@Module({
  controllers: [MeetingController],
  providers: [MeetingService, CommitteeService, MeetingRepository, CommitteeRepository],
})
export class MeetingModule {}
