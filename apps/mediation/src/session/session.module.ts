import { SessionRepository } from '@gov/mediation-data-access';
import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { SessionController } from './session.controller.js';
import { SessionService } from './session.service.js';

/** Mediation sessions (调解会), built on the case workflow. */
@Module({
  imports: [CaseModule],
  controllers: [SessionController],
  providers: [SessionService, SessionRepository],
})
export class SessionModule {}
