import { tasksEntities, tasksMigrations } from '@gov/tasks-data-access';
import { PlatformModule } from '@gov/platform-service';
import { Module } from '@nestjs/common';
import { tasksConfigSchema } from './config.js';
import { DecisionLinkModule } from './decision-link/decision-link.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { DutyModule } from './duty/duty.module.js';
import { MicroWishModule } from './micro-wish/micro-wish.module.js';
import { PetitionLinkModule } from './petition-link/petition-link.module.js';
import { PointsModule } from './points/points.module.js';
import { RankingsModule } from './rankings/rankings.module.js';
import { RewardsModule } from './rewards/rewards.module.js';
import { TaskModule } from './task/task.module.js';

/** The tasks service: tasks on the map, the points ledger, rankings, honours and rewards. */
@Module({
  imports: [
    PlatformModule.forService({ name: 'tasks', config: tasksConfigSchema, entities: tasksEntities, migrations: tasksMigrations }),
    DecisionLinkModule,
    DirectoryModule,
    DutyModule,
    MicroWishModule,
    PetitionLinkModule,
    PointsModule,
    RankingsModule,
    RewardsModule,
    TaskModule,
  ],
})
export class TasksAppModule {}
