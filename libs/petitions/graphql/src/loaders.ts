import { PetitionsRpc, type PetitionView } from '@gov/petitions-contracts';
import { batchLoader } from '@gov/platform-graphql';

/** Batch reads other fields resolve through (`ctx.loaders.get(petitionLoader).load(id)`). */
export const petitionLoader = batchLoader<PetitionView>(PetitionsRpc.petitionGetMany);
