import { Petition } from './petition/petition.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';

export { Petition };

export const petitionsEntities = [Petition];
export const petitionsMigrations = [{ name: '001-initial', class: Migration001Initial }];
