import { Region } from './region/region.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';

export { Region };

export const gridsEntities = [Region];
export const gridsMigrations = [{ name: '001-initial', class: Migration001Initial }];
