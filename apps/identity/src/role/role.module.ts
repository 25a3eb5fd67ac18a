import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { RegionModule } from '../region/region.module.js';
import { RoleController } from './role.controller.js';
import { RoleService } from './role.service.js';

@Module({
  imports: [CommonModule, RegionModule],
  controllers: [RoleController],
  providers: [RoleService],
  exports: [RoleService],
})
export class RoleModule {}
