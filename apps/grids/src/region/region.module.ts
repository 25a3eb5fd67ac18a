import { RegionRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { RegionController } from './region.controller.js';
import { RegionService } from './region.service.js';

@Module({
  controllers: [RegionController],
  providers: [RegionService, RegionRepository],
  exports: [RegionService, RegionRepository],
})
export class RegionModule {}
