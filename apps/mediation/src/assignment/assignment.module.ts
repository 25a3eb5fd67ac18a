import { HouseholdRepository, OrganisationRepository } from '@gov/mediation-data-access';
import { Module } from '@nestjs/common';
import { CaseModule } from '../case/case.module.js';
import { AssignmentController } from './assignment.controller.js';
import { AssignmentService } from './assignment.service.js';

/** Suggesting and assigning mediators, with the conflict-of-interest check. */
@Module({
  imports: [CaseModule],
  controllers: [AssignmentController],
  providers: [AssignmentService, OrganisationRepository, HouseholdRepository],
})
export class AssignmentModule {}
