import { GetManyInput, type Actor } from '@gov/kernel';
import { CreateMediationCaseInput, GetMediationCaseInput, MediationRpc } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { MediationCaseService } from './mediation-case.service.js';

@Controller()
export class MediationCaseController {
  constructor(private readonly mediationCaseService: MediationCaseService) {}

  @MessagePattern(MediationRpc.mediationCaseCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreateMediationCaseInput) input: z.output<typeof CreateMediationCaseInput>) {
    return this.mediationCaseService.create(actor, input);
  }

  @MessagePattern(MediationRpc.mediationCaseGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetMediationCaseInput) input: z.output<typeof GetMediationCaseInput>) {
    return this.mediationCaseService.get(actor, input);
  }

  @MessagePattern(MediationRpc.mediationCaseGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.mediationCaseService.getMany(actor, input);
  }
}
