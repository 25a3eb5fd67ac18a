import type { Actor } from '@gov/kernel';
import { ExportRegionsInput, GridsRpc, ImportRegionsInput, TileInput } from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { TerritoryExportService } from './territory-export.service.js';
import { TerritoryImportService } from './territory-import.service.js';
import { TileService } from './tile.service.js';

@Controller()
export class TerritoryIoController {
  constructor(
    private readonly importer: TerritoryImportService,
    private readonly exporter: TerritoryExportService,
    private readonly tiles: TileService,
  ) {}

  @MessagePattern(GridsRpc.territoryImport)
  importRegions(@CurrentActor() actor: Actor | null, @Input(ImportRegionsInput) input: z.output<typeof ImportRegionsInput>) {
    return this.importer.import(actor, input);
  }

  @MessagePattern(GridsRpc.territoryExport)
  exportRegions(@CurrentActor() actor: Actor | null, @Input(ExportRegionsInput) input: z.output<typeof ExportRegionsInput>) {
    return this.exporter.export(actor, input);
  }

  @MessagePattern(GridsRpc.tileGet)
  tile(@CurrentActor() actor: Actor | null, @Input(TileInput) input: z.output<typeof TileInput>) {
    return this.tiles.tile(actor, input);
  }
}
