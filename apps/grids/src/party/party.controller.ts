import type { Actor } from '@gov/kernel';
import { CreatePartyOrgInput, GridsRpc, LinkCentralHeadToPartyInput, ListPartyOrgsInput } from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { PartyService } from './party.service.js';

@Controller()
export class PartyController {
  constructor(private readonly party: PartyService) {}

  @MessagePattern(GridsRpc.partyOrgCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreatePartyOrgInput) input: z.output<typeof CreatePartyOrgInput>) {
    return this.party.create(actor, input);
  }

  @MessagePattern(GridsRpc.partyOrgLinkCentralHead)
  linkCentralHead(@CurrentActor() actor: Actor | null, @Input(LinkCentralHeadToPartyInput) input: z.output<typeof LinkCentralHeadToPartyInput>) {
    return this.party.linkCentralHead(actor, input);
  }

  @MessagePattern(GridsRpc.partyOrgList)
  list(@CurrentActor() actor: Actor | null, @Input(ListPartyOrgsInput) input: z.output<typeof ListPartyOrgsInput>) {
    return this.party.list(actor, input);
  }
}
