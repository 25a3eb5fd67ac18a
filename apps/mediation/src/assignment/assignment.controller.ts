import type { Actor } from '@gov/kernel';
import { AssignMediatorInput, MediationRpc, SuggestMediatorsInput } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { AssignmentService } from './assignment.service.js';

@Controller()
export class AssignmentController {
  constructor(private readonly assignments: AssignmentService) {}

  @MessagePattern(MediationRpc.mediatorSuggest)
  suggest(@CurrentActor() actor: Actor | null, @Input(SuggestMediatorsInput) input: z.output<typeof SuggestMediatorsInput>) {
    return this.assignments.suggest(actor, input);
  }

  @MessagePattern(MediationRpc.mediatorAssign)
  assign(@CurrentActor() actor: Actor | null, @Input(AssignMediatorInput) input: z.output<typeof AssignMediatorInput>) {
    return this.assignments.assign(actor, input);
  }
}
