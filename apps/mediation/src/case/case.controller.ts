import { GetManyInput, type Actor } from '@gov/kernel';
import { CloseCaseInput, EscalateCaseInput, GetCaseInput, ListCasesInput, MediationRpc, OpenCaseInput, PartyContactInput, UpdatePartyInput } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { CaseService } from './case.service.js';

@Controller()
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  @MessagePattern(MediationRpc.caseOpen)
  open(@CurrentActor() actor: Actor | null, @Input(OpenCaseInput) input: z.output<typeof OpenCaseInput>) {
    return this.cases.open(actor, input);
  }

  @MessagePattern(MediationRpc.caseGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetCaseInput) input: z.output<typeof GetCaseInput>) {
    return this.cases.get(actor, input);
  }

  @MessagePattern(MediationRpc.caseGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.cases.getMany(actor, input);
  }

  @MessagePattern(MediationRpc.caseList)
  list(@CurrentActor() actor: Actor | null, @Input(ListCasesInput) input: z.output<typeof ListCasesInput>) {
    return this.cases.list(actor, input);
  }

  @MessagePattern(MediationRpc.caseTimeline)
  timeline(@CurrentActor() actor: Actor | null, @Input(GetCaseInput) input: z.output<typeof GetCaseInput>) {
    return this.cases.timeline(actor, input);
  }

  @MessagePattern(MediationRpc.partyContact)
  partyContact(@CurrentActor() actor: Actor | null, @Input(PartyContactInput) input: z.output<typeof PartyContactInput>) {
    return this.cases.partyContact(actor, input);
  }

  @MessagePattern(MediationRpc.partyUpdate)
  updateParty(@CurrentActor() actor: Actor | null, @Input(UpdatePartyInput) input: z.output<typeof UpdatePartyInput>) {
    return this.cases.updateParty(actor, input);
  }

  @MessagePattern(MediationRpc.caseEscalate)
  escalate(@CurrentActor() actor: Actor | null, @Input(EscalateCaseInput) input: z.output<typeof EscalateCaseInput>) {
    return this.cases.escalate(actor, input);
  }

  @MessagePattern(MediationRpc.caseClose)
  close(@CurrentActor() actor: Actor | null, @Input(CloseCaseInput) input: z.output<typeof CloseCaseInput>) {
    return this.cases.close(actor, input);
  }
}
