import { Category } from './category/category.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';
import { Migration002Proposals } from './migrations/002-proposals.js';
import { Migration003Stats } from './migrations/003-stats.js';
import { Migration004Taxonomy } from './migrations/004-taxonomy.js';
import { Migration005Open311 } from './migrations/005-open311.js';
import { Migration006DecisionProposals } from './migrations/006-decision-proposals.js';

export { Category };
export * from './petition/petition.repository.js';
export * from './directory/directory.repository.js';
export * from './whistle/whistle.repository.js';
export * from './stats/stats.repository.js';
export * from './category/category.repository.js';
export * from './demo/demo.repository.js';
export * from './open311/open311.repository.js';
export * from './proposal/proposal.repository.js';
export * from './proposal/household.repository.js';

/** Petitions reads and writes mostly with SQL in its repositories; categories are an entity. */
export const petitionsEntities = [Category];
export const petitionsMigrations = [
  { name: '001-initial', class: Migration001Initial },
  { name: '002-proposals', class: Migration002Proposals },
  { name: '003-stats', class: Migration003Stats },
  { name: '004-taxonomy', class: Migration004Taxonomy },
  { name: '005-open311', class: Migration005Open311 },
  { name: '006-decision-proposals', class: Migration006DecisionProposals },
];
