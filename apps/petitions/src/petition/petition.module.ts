import { PetitionRepository, WhistleRepository } from '@gov/petitions-data-access';
import { piiCipherFromConfig, PiiCipher } from '@gov/platform-persistence';
import { SERVICE_CONFIG } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import type { PetitionsConfig } from '../config.js';
import { WhistleController } from '../whistle/whistle.controller.js';
import { WhistleService } from '../whistle/whistle.service.js';
import { AttachmentCheck } from './attachments.js';
import { GridsClient } from './grids.client.js';
import { PetitionClock } from './petition-clock.js';
import { PetitionIntakeService } from './petition-intake.service.js';
import { PetitionController } from './petition.controller.js';
import { PetitionService } from './petition.service.js';

/** Petitions from intake to closing, their clocks and the whistles blown on them. */
@Module({
  controllers: [PetitionController, WhistleController],
  providers: [
    PetitionIntakeService,
    PetitionService,
    PetitionClock,
    WhistleService,
    PetitionRepository,
    WhistleRepository,
    GridsClient,
    AttachmentCheck,
    { provide: PiiCipher, useFactory: (c: PetitionsConfig) => piiCipherFromConfig(c), inject: [SERVICE_CONFIG] },
  ],
  exports: [PetitionIntakeService, PetitionService, PetitionClock, PetitionRepository],
})
export class PetitionModule {}
