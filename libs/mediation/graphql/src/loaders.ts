import { MediationRpc, type MediationCaseView } from '@gov/mediation-contracts';
import { batchLoader } from '@gov/platform-graphql';

/** Batch reads other fields resolve through (`ctx.loaders.get(mediationCaseLoader).load(id)`). */
export const mediationCaseLoader = batchLoader<MediationCaseView>(MediationRpc.caseGetMany);
