import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { RegionModule } from '../region/region.module.js';
import { UnitController } from './unit.controller.js';
import { UnitService } from './unit.service.js';

@Module({
  imports: [CommonModule, RegionModule],
  controllers: [UnitController],
  providers: [UnitService],
  exports: [UnitService],
})
export class UnitModule {}
