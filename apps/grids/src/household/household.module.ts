import { CentralHeadRepository, HouseholdRepository, RegionRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { PersonModule } from '../person/person.module.js';
import { CentralHeadService } from './central-head.service.js';
import { CentralHeadController, HouseholdController } from './household.controller.js';
import { HouseholdService } from './household.service.js';

/** Households (户) and their members, central-household heads (中心户长, 十户一联). */
@Module({
  imports: [PersonModule],
  controllers: [HouseholdController, CentralHeadController],
  providers: [HouseholdService, CentralHeadService, HouseholdRepository, CentralHeadRepository, RegionRepository],
  exports: [HouseholdService],
})
export class HouseholdModule {}
