import { MicroWishRepository } from '@gov/tasks-data-access';
import { Module } from '@nestjs/common';
import { TaskModule } from '../task/task.module.js';
import { MicroWishController } from './micro-wish.controller.js';
import { MicroWishService } from './micro-wish.service.js';

/** Micro-wishes (微心愿): residents' wishes on the board, fulfilled as one-place tasks and confirmed by their residents. */
@Module({
  imports: [TaskModule],
  controllers: [MicroWishController],
  providers: [MicroWishService, MicroWishRepository],
})
export class MicroWishModule {}
