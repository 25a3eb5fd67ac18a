import type { Actor } from '@gov/kernel';
import { AddMediatorInput, CreateOrganisationInput, ListMediatorsInput, ListOrganisationsInput, MediationRpc, UpdateMediatorInput } from '@gov/mediation-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { OrganisationService } from './organisation.service.js';

@Controller()
export class OrganisationController {
  constructor(private readonly organisations: OrganisationService) {}

  @MessagePattern(MediationRpc.organisationCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreateOrganisationInput) input: z.output<typeof CreateOrganisationInput>) {
    return this.organisations.create(actor, input);
  }

  @MessagePattern(MediationRpc.organisationList)
  list(@CurrentActor() actor: Actor | null, @Input(ListOrganisationsInput) input: z.output<typeof ListOrganisationsInput>) {
    return this.organisations.list(actor, input);
  }

  @MessagePattern(MediationRpc.mediatorAdd)
  addMediator(@CurrentActor() actor: Actor | null, @Input(AddMediatorInput) input: z.output<typeof AddMediatorInput>) {
    return this.organisations.addMediator(actor, input);
  }

  @MessagePattern(MediationRpc.mediatorUpdate)
  updateMediator(@CurrentActor() actor: Actor | null, @Input(UpdateMediatorInput) input: z.output<typeof UpdateMediatorInput>) {
    return this.organisations.updateMediator(actor, input);
  }

  @MessagePattern(MediationRpc.mediatorList)
  listMediators(@CurrentActor() actor: Actor | null, @Input(ListMediatorsInput) input: z.output<typeof ListMediatorsInput>) {
    return this.organisations.listMediators(actor, input);
  }
}
