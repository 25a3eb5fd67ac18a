import { gridsEntities, gridsMigrations } from '@gov/grids-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { RegionModule } from './region/region.module.js';
import { gridsConfigSchema } from './config.js';

/** The grids service. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'grids', config: gridsConfigSchema, entities: gridsEntities, migrations: gridsMigrations }),
    RegionModule,
  ],
})
export class GridsAppModule {}
