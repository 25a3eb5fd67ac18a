import { GetManyInput, type Actor } from '@gov/kernel';
import { CreatePetitionInput, GetPetitionInput, PetitionsRpc } from '@gov/petitions-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { PetitionService } from './petition.service.js';

@Controller()
export class PetitionController {
  constructor(private readonly petitionService: PetitionService) {}

  @MessagePattern(PetitionsRpc.petitionCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreatePetitionInput) input: z.output<typeof CreatePetitionInput>) {
    return this.petitionService.create(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetPetitionInput) input: z.output<typeof GetPetitionInput>) {
    return this.petitionService.get(actor, input);
  }

  @MessagePattern(PetitionsRpc.petitionGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.petitionService.getMany(actor, input);
  }
}
