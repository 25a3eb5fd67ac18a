import { GridsRpc, type RegionView } from '@gov/grids-contracts';
import { batchLoader } from '@gov/platform-graphql';

/** Batch reads other fields resolve through (`ctx.loaders.get(regionLoader).load(id)`). */
export const regionLoader = batchLoader<RegionView>(GridsRpc.regionGetMany);
