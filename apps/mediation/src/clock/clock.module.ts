import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { FollowUpModule } from '../follow-up/follow-up.module.js';
import { MediationClock } from './mediation-clock.js';

/** The sweeper of the mediation clocks: confirmation reminders and lapses, overdue follow-ups. */
@Module({
  imports: [CaseModule, FollowUpModule],
  providers: [MediationClock],
})
export class ClockModule {}
