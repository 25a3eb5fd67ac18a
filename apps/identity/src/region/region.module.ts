import { KnownRegionRepository } from '@gov/identity-data-access';
import { Module } from '@nestjs/common';
import { RegionEventsController } from './region-events.controller.js';
import { RegionDirectory } from './region-directory.service.js';

/** grids' region tree, as far as identity needs it (a read model fed by grids' events). */
@Module({
  controllers: [RegionEventsController],
  providers: [RegionDirectory, KnownRegionRepository],
  exports: [RegionDirectory, KnownRegionRepository],
})
export class RegionModule {}
