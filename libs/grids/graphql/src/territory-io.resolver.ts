import { GridsRpc, type ImportReportView, type RegionFeatureCollection } from '@gov/grids-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GeoJSONScalar } from './geojson.scalar.js';
import { ImportRegionsInput, ImportReport } from './territory-io.types.js';

/** Import and export of the territory as GeoJSON (vector tiles are served over HTTP: GET /tiles/{layer}/{z}/{x}/{y}.pbf). */
@Resolver()
export class TerritoryIoResolver {
  @Mutation(() => ImportReport, {
    description: 'Bulk import of regions (and households) from GeoJSON: validated first, written in one transaction only without errors. County admins (or above) on every path.',
  })
  importRegions(@Args('input') input: ImportRegionsInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<ImportReportView>(GridsRpc.territoryImport, { geojson: input.geojson, householdsCsv: input.householdsCsv ?? null, dryRun: input.dryRun ?? false });
  }

  @Query(() => GeoJSONScalar, { description: 'A node and everything below it you see, as a GeoJSON FeatureCollection (parents first; at most 5000 nodes: EXPORT_TOO_LARGE).' })
  exportRegions(@Args('regionId', { type: () => ID }) regionId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<RegionFeatureCollection>(GridsRpc.territoryExport, { regionId });
  }
}
