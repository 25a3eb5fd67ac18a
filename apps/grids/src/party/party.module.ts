import { CentralHeadRepository, PartyOrgRepository, RegionRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { PersonModule } from '../person/person.module.js';
import { PartyController } from './party.controller.js';
import { PartyService } from './party.service.js';

/** The party organisation overlay (党组织) and party-member central households (党员中心户). */
@Module({
  imports: [PersonModule],
  controllers: [PartyController],
  providers: [PartyService, PartyOrgRepository, CentralHeadRepository, RegionRepository],
})
export class PartyModule {}
