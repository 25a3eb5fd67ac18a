import { CaseRepository } from '@gov/mediation-data-access';
import { piiCipherFromConfig, PiiCipher } from '@gov/platform-persistence';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import type { MediationConfig } from '../config.js';
import { CaseIntakeController } from './case-intake.controller.js';
import { CaseIntake } from './case-intake.service.js';
import { CaseWorkflow } from './case-workflow.js';
import { CaseController } from './case.controller.js';
import { CaseService } from './case.service.js';

/** Cases from intake to closing. Sessions, agreements and assignment build on CaseWorkflow. */
@Module({
  controllers: [CaseController, CaseIntakeController],
  providers: [
    CaseService,
    CaseWorkflow,
    CaseIntake,
    CaseRepository,
    { provide: PiiCipher, useFactory: (c: MediationConfig) => piiCipherFromConfig(c), inject: [SERVICE_CONFIG] },
  ],
  exports: [CaseService, CaseWorkflow, CaseRepository, PiiCipher],
})
export class CaseModule {}
