import { Organisation } from './organisation/organisation.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';
import { Migration002StatsRollup } from './migrations/002-stats-rollup.js';

export { Organisation };
export * from './sql.js';
export * from './case/case.repository.js';
export * from './meeting/meeting.repository.js';
export * from './meeting/committee.repository.js';
export * from './agreement/agreement.repository.js';
export * from './session/session.repository.js';
export * from './follow-up/follow-up.repository.js';
export * from './organisation/organisation.repository.js';
export * from './directory/steward.repository.js';
export * from './directory/household.repository.js';
export * from './directory/directory.repository.js';
export * from './stats/stats.repository.js';
export * from './demo/demo.repository.js';
// Repositories are added here as they are written: export * from './<feature>/<feature>.repository.js';

/** Mediation reads and writes mostly with SQL in its repositories; organisations are an entity. */
export const mediationEntities = [Organisation];
export const mediationMigrations = [
  { name: '001-initial', class: Migration001Initial },
  { name: '002-stats-rollup', class: Migration002StatsRollup },
];
