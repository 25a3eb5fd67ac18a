import { Module } from '@nestjs/common';
import { TaskModule } from '../task/task.module.js';
import { PetitionLinkController } from './petition-link.controller.js';
import { PetitionLinkService } from './petition-link.service.js';

/** Tasks published for petitions (诉求) at their handlers' request; each task names its petition. */
@Module({
  imports: [TaskModule],
  controllers: [PetitionLinkController],
  providers: [PetitionLinkService],
})
export class PetitionLinkModule {}
