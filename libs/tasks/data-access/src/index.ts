import { Task } from './task/task.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';
import { Migration002Rewards } from './migrations/002-rewards.js';
import { Migration003PeriodClose } from './migrations/003-period-close.js';
import { Migration004PetitionSource } from './migrations/004-petition-source.js';
import { Migration005DecisionSource } from './migrations/005-decision-source.js';

export { Task };
export * from './task/task.repository.js';
export * from './points/points-ledger.repository.js';
export * from './points/adjustment.repository.js';
export * from './directory/directory.repository.js';
export * from './duty/duty.repository.js';
export * from './pg-array.js';
export * from './demo/demo.repository.js';
export * from './rankings/period-close.repository.js';
export * from './rewards/voucher.repository.js';
export * from './rewards/rewards.repository.js';
export * from './micro-wish/micro-wish.repository.js';
export * from './rankings/rankings.repository.js';

export const tasksEntities = [Task];
export const tasksMigrations = [{ name: '001-initial', class: Migration001Initial }, { name: '002-rewards', class: Migration002Rewards }, { name: '003-period-close', class: Migration003PeriodClose }, { name: '004-petition-source', class: Migration004PetitionSource }, { name: '005-decision-source', class: Migration005DecisionSource }];
