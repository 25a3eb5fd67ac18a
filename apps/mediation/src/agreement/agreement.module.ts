import { AgreementRepository } from '@gov/mediation-data-access';
import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { AgreementController } from './agreement.controller.js';
import { AgreementService } from './agreement.service.js';
import { ConfirmationService } from './confirmation.service.js';

/** Agreements (调解协议书), their documents and judicial confirmation (司法确认); every change goes through CaseWorkflow. */
@Module({
  imports: [CaseModule],
  controllers: [AgreementController],
  providers: [AgreementService, ConfirmationService, AgreementRepository],
})
export class AgreementModule {}
