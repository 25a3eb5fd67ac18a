import { RegionRepository, TerritoryIoRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { TerritoryExportService } from './territory-export.service.js';
import { TerritoryImportService } from './territory-import.service.js';
import { TerritoryIoController } from './territory-io.controller.js';
import { TileService } from './tile.service.js';

/** Import and export of the territory (GeoJSON, households CSV) and its vector tiles. */
@Module({
  controllers: [TerritoryIoController],
  providers: [TerritoryImportService, TerritoryExportService, TileService, TerritoryIoRepository, RegionRepository],
})
export class TerritoryIoModule {}
