import { LayerGridRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { RegionModule } from '../region/region.module.js';
import { LayerController } from './layer.controller.js';
import { LayerService } from './layer.service.js';

@Module({
  imports: [RegionModule],
  controllers: [LayerController],
  providers: [LayerService, LayerGridRepository],
  exports: [LayerService],
})
export class LayerModule {}
