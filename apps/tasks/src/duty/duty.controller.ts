import type { Actor } from '@gov/kernel';
import { DutyCheckInInput, DutySummaryInput, TasksRpc } from '@gov/tasks-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { DutyService } from './duty.service.js';

@Controller()
export class DutyController {
  constructor(private readonly duty: DutyService) {}

  @MessagePattern(TasksRpc.dutyCheckIn)
  checkIn(@CurrentActor() actor: Actor | null, @Input(DutyCheckInInput) input: z.output<typeof DutyCheckInInput>) {
    return this.duty.checkIn(actor, input);
  }

  @MessagePattern(TasksRpc.dutyCheckIns)
  summary(@CurrentActor() actor: Actor | null, @Input(DutySummaryInput) input: z.output<typeof DutySummaryInput>) {
    return this.duty.summary(actor, input);
  }
}
