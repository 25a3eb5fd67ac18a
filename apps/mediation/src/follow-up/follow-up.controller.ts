import type { Actor } from '@gov/kernel';
import { ListFollowUpsInput, MediationRpc, RecordFollowUpInput, ScheduleFollowUpInput } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { FollowUpService } from './follow-up.service.js';

@Controller()
export class FollowUpController {
  constructor(private readonly followUps: FollowUpService) {}

  @MessagePattern(MediationRpc.followUpSchedule)
  schedule(@CurrentActor() actor: Actor | null, @Input(ScheduleFollowUpInput) input: z.output<typeof ScheduleFollowUpInput>) {
    return this.followUps.schedule(actor, input);
  }

  @MessagePattern(MediationRpc.followUpRecord)
  record(@CurrentActor() actor: Actor | null, @Input(RecordFollowUpInput) input: z.output<typeof RecordFollowUpInput>) {
    return this.followUps.record(actor, input);
  }

  @MessagePattern(MediationRpc.followUpList)
  list(@CurrentActor() actor: Actor | null, @Input(ListFollowUpsInput) input: z.output<typeof ListFollowUpsInput>) {
    return this.followUps.list(actor, input);
  }
}
