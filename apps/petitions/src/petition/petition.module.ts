import { Module } from '@nestjs/common';
import { PetitionController } from './petition.controller.js';
import { PetitionService } from './petition.service.js';

@Module({
  controllers: [PetitionController],
  providers: [PetitionService],
  exports: [PetitionService],
})
export class PetitionModule {}
