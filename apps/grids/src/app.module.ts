import { gridsEntities, gridsMigrations } from '@gov/grids-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { gridsConfigSchema } from './config.js';
import { HouseholdModule } from './household/household.module.js';
import { LayerModule } from './layer/layer.module.js';
import { PartyModule } from './party/party.module.js';
import { PersonModule } from './person/person.module.js';
import { PlaceModule } from './place/place.module.js';
import { QrModule } from './qr/qr.module.js';
import { RegionModule } from './region/region.module.js';
import { TerritoryIoModule } from './territory-io/territory-io.module.js';

/** The grids service: the territory, its grid layers, households, places and building QR codes. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'grids', config: gridsConfigSchema, entities: gridsEntities, migrations: gridsMigrations }),
    PersonModule,
    RegionModule,
    LayerModule,
    HouseholdModule,
    PartyModule,
    PlaceModule,
    QrModule,
    TerritoryIoModule,
  ],
})
export class GridsAppModule {}
