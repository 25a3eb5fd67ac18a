import { Module } from '@nestjs/common';
import { TaskModule } from '../task/task.module.js';
import { DecisionLinkController } from './decision-link.controller.js';
import { DecisionLinkService } from './decision-link.service.js';

/** Tasks published for deliberation meetings' decisions (议事会决定); each task names its decision. */
@Module({
  imports: [TaskModule],
  controllers: [DecisionLinkController],
  providers: [DecisionLinkService],
})
export class DecisionLinkModule {}
