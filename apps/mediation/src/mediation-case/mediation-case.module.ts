import { Module } from '@nestjs/common';
import { MediationCaseController } from './mediation-case.controller.js';
import { MediationCaseService } from './mediation-case.service.js';

@Module({
  controllers: [MediationCaseController],
  providers: [MediationCaseService],
  exports: [MediationCaseService],
})
export class MediationCaseModule {}
