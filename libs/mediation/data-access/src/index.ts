import { MediationCase } from './mediation-case/mediation-case.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';

export { MediationCase };

export const mediationEntities = [MediationCase];
export const mediationMigrations = [{ name: '001-initial', class: Migration001Initial }];
