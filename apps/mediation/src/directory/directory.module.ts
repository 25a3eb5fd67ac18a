import { DirectoryRepository, HouseholdRepository, StewardRepository } from '@gov/mediation-data-access';
import { Global, Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller.js';
import { DirectoryService } from './directory.service.js';

/** Local read models of identity's stewards, grids' households and petitions' petitions and proposals (fed by their events); global so assignment and the seed read them. */
@Global()
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryService, StewardRepository, HouseholdRepository, DirectoryRepository],
  exports: [StewardRepository, HouseholdRepository, DirectoryRepository],
})
export class DirectoryModule {}
