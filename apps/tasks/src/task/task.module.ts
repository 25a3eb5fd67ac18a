import { DemoRepository, TaskRepository, VoucherRepository } from '@gov/tasks-data-access';
import { Module } from '@nestjs/common';
import { PointsModule } from '../points/points.module.js';
import { TaskExpiry } from './task-expiry.js';
import { TaskController } from './task.controller.js';
import { TaskService } from './task.service.js';

@Module({
  imports: [PointsModule],
  controllers: [TaskController],
  providers: [TaskService, TaskRepository, VoucherRepository, TaskExpiry, DemoRepository],
  exports: [TaskService, TaskRepository],
})
export class TaskModule {}
