import { OrganisationRepository } from '@gov/mediation-data-access';
import { Module } from '@nestjs/common';
import { OrganisationController } from './organisation.controller.js';
import { OrganisationService } from './organisation.service.js';

/** Mediation organisations (调解组织) and their mediators; assignment reads the mediators a case may go to. */
@Module({
  controllers: [OrganisationController],
  providers: [OrganisationService, OrganisationRepository],
  exports: [OrganisationService, OrganisationRepository],
})
export class OrganisationModule {}
