import type { Actor } from '@gov/kernel';
import { DecideAdjustmentInput, ListAdjustmentsInput, PointsLedgerInput, RequestAdjustmentInput, TasksRpc } from '@gov/tasks-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { z } from 'zod';
import { PointsService } from './points.service.js';

const MyPointsInput = z.object({});

@Controller()
export class PointsController {
  constructor(private readonly points: PointsService) {}

  @MessagePattern(TasksRpc.pointsMine)
  mine(@CurrentActor() actor: Actor | null, @Input(MyPointsInput) _input: z.output<typeof MyPointsInput>) {
    return this.points.mine(actor);
  }

  @MessagePattern(TasksRpc.pointsLedger)
  ledger(@CurrentActor() actor: Actor | null, @Input(PointsLedgerInput) input: z.output<typeof PointsLedgerInput>) {
    return this.points.ledger(actor, input);
  }

  @MessagePattern(TasksRpc.adjustmentRequest)
  requestAdjustment(@CurrentActor() actor: Actor | null, @Input(RequestAdjustmentInput) input: z.output<typeof RequestAdjustmentInput>) {
    return this.points.requestAdjustment(actor, input);
  }

  @MessagePattern(TasksRpc.adjustmentDecide)
  decideAdjustment(@CurrentActor() actor: Actor | null, @Input(DecideAdjustmentInput) input: z.output<typeof DecideAdjustmentInput>) {
    return this.points.decideAdjustment(actor, input);
  }

  @MessagePattern(TasksRpc.adjustments)
  adjustments(@CurrentActor() actor: Actor | null, @Input(ListAdjustmentsInput) input: z.output<typeof ListAdjustmentsInput>) {
    return this.points.listAdjustments(actor, input);
  }
}
