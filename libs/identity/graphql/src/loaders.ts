import { IdentityRpc, type PersonView, type StewardCard, type StewardView, type UnitView } from '@gov/identity-contracts';
import { batchLoader } from '@gov/platform-graphql';

/** Batch reads other fields resolve through (`ctx.loaders.get(personLoader).load(id)`). */
export const personLoader = batchLoader<PersonView>(IdentityRpc.personGetMany);
export const unitLoader = batchLoader<UnitView>(IdentityRpc.unitGetMany);
export const stewardLoader = batchLoader<StewardView>(IdentityRpc.stewardGetMany);
/** Steward cards by steward id: the `card` of every steward in a list costs one request. */
export const stewardCardLoader = batchLoader<StewardCard>(IdentityRpc.stewardCards);
