import type { Actor } from '@gov/kernel';
import { ListSessionsInput, MediationRpc, RecordSessionInput, ScheduleSessionInput } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { SessionService } from './session.service.js';

@Controller()
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @MessagePattern(MediationRpc.sessionSchedule)
  schedule(@CurrentActor() actor: Actor | null, @Input(ScheduleSessionInput) input: z.output<typeof ScheduleSessionInput>) {
    return this.sessions.schedule(actor, input);
  }

  @MessagePattern(MediationRpc.sessionRecord)
  record(@CurrentActor() actor: Actor | null, @Input(RecordSessionInput) input: z.output<typeof RecordSessionInput>) {
    return this.sessions.record(actor, input);
  }

  @MessagePattern(MediationRpc.sessionList)
  list(@CurrentActor() actor: Actor | null, @Input(ListSessionsInput) input: z.output<typeof ListSessionsInput>) {
    return this.sessions.list(actor, input);
  }
}
