import { AppError, notFound, type Actor } from '@gov/kernel';
import { EXPORT_MAX_BYTES, EXPORT_MAX_FEATURES, TerritoryIoErrorReason, type ExportRegionsInput, type RegionFeatureCollection } from '@gov/grids-contracts';
import { RegionRepository, TerritoryIoRepository } from '@gov/grids-data-access';
import { regionVisibleTo } from '@gov/grids-domain';
import { requireActor } from '@gov/platform-auth';
import { Injectable } from '@nestjs/common';

/**
 * A subtree as a GeoJSON FeatureCollection, parents first: the import's own format, so an export
 * can be edited and imported elsewhere. Only what the caller sees; capped to one NATS reply.
 */
@Injectable()
export class TerritoryExportService {
  constructor(
    private readonly regions: RegionRepository,
    private readonly repo: TerritoryIoRepository,
  ) {}

  async export(actor: Actor | null, { regionId }: ExportRegionsInput): Promise<RegionFeatureCollection> {
    const a = requireActor(actor);
    const node = await this.regions.byId(regionId);
    if (!node || !regionVisibleTo(a, node.path)) throw notFound('region', regionId);
    const size = await this.repo.subtreeSize(node.path);
    if (size > EXPORT_MAX_FEATURES) throw tooLarge(`${size} nodes below ${node.name}, at most ${EXPORT_MAX_FEATURES} in one export`);
    const rows = (await this.repo.subtree(node.path, EXPORT_MAX_FEATURES)).filter((r) => regionVisibleTo(a, r.path));
    const collection: RegionFeatureCollection = {
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature',
        properties: { path: r.path, name: r.name, level: r.level, kind: r.kind, code: r.code },
        geometry: r.geometry ? JSON.parse(r.geometry) : null,
      })),
    };
    const bytes = Buffer.byteLength(JSON.stringify(collection));
    if (bytes > EXPORT_MAX_BYTES) throw tooLarge(`the export of ${node.name} would have ${bytes} bytes, at most ${EXPORT_MAX_BYTES}`);
    return collection;
  }
}

function tooLarge(message: string): AppError {
  return new AppError('VALIDATION', `${message}: export its streets or communities one by one`, TerritoryIoErrorReason.exportTooLarge, [{ path: 'regionId', message: 'subtree too large' }]);
}
