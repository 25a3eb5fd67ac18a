import { PlaceRepository, RegionRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { PlaceController } from './place.controller.js';
import { PlaceService } from './place.service.js';

/** Places on the map: sentinel posts, steward studios and stations, markets, back streets, party-mass centres, offices. */
@Module({
  controllers: [PlaceController],
  providers: [PlaceService, PlaceRepository, RegionRepository],
  exports: [PlaceService],
})
export class PlaceModule {}
