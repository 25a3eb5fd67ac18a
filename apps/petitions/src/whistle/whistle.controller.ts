import type { Actor } from '@gov/kernel';
import { AcknowledgeWhistleInput, BlowWhistleInput, ListWhistlesInput, PetitionsRpc } from '@gov/petitions-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { WhistleService } from './whistle.service.js';

@Controller()
export class WhistleController {
  constructor(private readonly whistles: WhistleService) {}

  @MessagePattern(PetitionsRpc.whistleBlow)
  blow(@CurrentActor() actor: Actor | null, @Input(BlowWhistleInput) input: z.output<typeof BlowWhistleInput>) {
    return this.whistles.blow(actor, input);
  }

  @MessagePattern(PetitionsRpc.whistleAcknowledge)
  acknowledge(@CurrentActor() actor: Actor | null, @Input(AcknowledgeWhistleInput) input: z.output<typeof AcknowledgeWhistleInput>) {
    return this.whistles.acknowledge(actor, input);
  }

  @MessagePattern(PetitionsRpc.whistleList)
  list(@CurrentActor() actor: Actor | null, @Input(ListWhistlesInput) input: z.output<typeof ListWhistlesInput>) {
    return this.whistles.list(actor, input);
  }
}
