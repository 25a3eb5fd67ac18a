import { Module } from '@nestjs/common';
import { PetitionModule } from '../petition/petition.module.js';
import { LinkController } from './link.controller.js';
import { LinkService } from './link.service.js';

/** Links a petition to the task or mediation case another service opened for it. */
@Module({
  imports: [PetitionModule],
  controllers: [LinkController],
  providers: [LinkService],
})
export class LinkModule {}
