import { StewardEnrolmentRepository, StewardNumberRepository, StewardViewRepository } from '@gov/identity-data-access';
import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { StewardController } from './steward.controller.js';
import { StewardService } from './steward.service.js';

@Module({
  imports: [CommonModule],
  controllers: [StewardController],
  providers: [StewardService, StewardNumberRepository, StewardViewRepository, StewardEnrolmentRepository],
  exports: [StewardService],
})
export class StewardModule {}
