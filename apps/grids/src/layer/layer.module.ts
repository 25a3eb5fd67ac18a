import { LayerGridRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { PersonModule } from '../person/person.module.js';
import { RegionModule } from '../region/region.module.js';
import { LayerController } from './layer.controller.js';
import { LayerService } from './layer.service.js';

@Module({
  imports: [RegionModule, PersonModule],
  controllers: [LayerController],
  providers: [LayerService, LayerGridRepository],
  exports: [LayerService],
})
export class LayerModule {}
