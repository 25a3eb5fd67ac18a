import { HouseholdRepository, StewardRepository } from '@gov/mediation-data-access';
import { Global, Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller.js';
import { DirectoryService } from './directory.service.js';

/** Local read models of identity's stewards and grids' households (fed by their events); global so assignment and the seed read them. */
@Global()
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryService, StewardRepository, HouseholdRepository],
  exports: [StewardRepository, HouseholdRepository],
})
export class DirectoryModule {}
