import { AppError, notFound, type Actor } from '@gov/kernel';
import { REGIONS_TILE_LAYER, TILE_MAX_BYTES, TILE_MAX_ZOOM, TerritoryIoErrorReason, type RegionLevel, type TileInput, type TileView } from '@gov/grids-contracts';
import { TerritoryIoRepository } from '@gov/grids-data-access';
import { requireActor } from '@gov/platform-auth';
import { Injectable } from '@nestjs/common';

/** The comprehensive layer's grids are the tree's grid nodes (ADR 0008); other layers have their own. */
const COMPREHENSIVE_LAYER = 'comprehensive';

/** Levels of the `regions` layer at a zoom: counties, then streets, communities, and from 14 grids with their buildings (points). */
export function levelsAtZoom(z: number): RegionLevel[] {
  if (z < 10) return ['county'];
  if (z < 12) return ['street'];
  if (z < 14) return ['community'];
  return ['grid', 'building'];
}

/**
 * Mapbox vector tiles (ST_AsMVT, EPSG:3857) of the region tree and of each grid layer, holding
 * only what the caller sees (their regions, above and below).
 */
@Injectable()
export class TileService {
  constructor(private readonly repo: TerritoryIoRepository) {}

  async tile(actor: Actor | null, { layer, z, x, y }: TileInput): Promise<TileView> {
    const a = requireActor(actor);
    if (z < 0 || z > TILE_MAX_ZOOM || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) {
      throw new AppError('VALIDATION', `no tile ${z}/${x}/${y}: z is 0..${TILE_MAX_ZOOM}, x and y 0..2^z-1`, TerritoryIoErrorReason.tileOutOfRange, [{ path: 'z', message: 'out of range' }]);
    }
    const grantPaths = a.grants.map((g) => g.region);
    let tile: { mvt: Buffer | null; features: number };
    if (layer === REGIONS_TILE_LAYER) tile = await this.repo.tile({ z, x, y, grantPaths, levels: levelsAtZoom(z), layerName: layer });
    else if (layer === COMPREHENSIVE_LAYER) tile = await this.repo.tile({ z, x, y, grantPaths, levels: ['grid'], layerName: layer });
    else if (await this.repo.layerExists(layer)) tile = await this.repo.tile({ z, x, y, grantPaths, layerKey: layer });
    else throw notFound('tile layer', layer);
    const bytes = tile.mvt?.length ?? 0;
    if (bytes > TILE_MAX_BYTES) {
      throw new AppError('VALIDATION', `the tile would have ${bytes} bytes, at most ${TILE_MAX_BYTES}: zoom in`, TerritoryIoErrorReason.tileTooLarge, [{ path: 'z', message: 'zoom in' }]);
    }
    return { layer, z, x, y, mvt: bytes ? tile.mvt!.toString('base64') : '', bytes, features: tile.features };
  }
}
