import type { Actor } from '@gov/kernel';
import {
  AddHouseholdMemberInput,
  AppointCentralHeadInput,
  CentralHeadCoverageInput,
  GridsRpc,
  LinkToCentralHeadInput,
  ListHouseholdsInput,
  MoveHouseholdInput,
  RegisterHouseholdInput,
} from '@gov/grids-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { CentralHeadService } from './central-head.service.js';
import { HouseholdService } from './household.service.js';

@Controller()
export class HouseholdController {
  constructor(private readonly households: HouseholdService) {}

  @MessagePattern(GridsRpc.householdRegister)
  register(@CurrentActor() actor: Actor | null, @Input(RegisterHouseholdInput) input: z.output<typeof RegisterHouseholdInput>) {
    return this.households.register(actor, input);
  }

  @MessagePattern(GridsRpc.householdMove)
  move(@CurrentActor() actor: Actor | null, @Input(MoveHouseholdInput) input: z.output<typeof MoveHouseholdInput>) {
    return this.households.move(actor, input);
  }

  @MessagePattern(GridsRpc.householdAddMember)
  addMember(@CurrentActor() actor: Actor | null, @Input(AddHouseholdMemberInput) input: z.output<typeof AddHouseholdMemberInput>) {
    return this.households.addMember(actor, input);
  }

  @MessagePattern(GridsRpc.householdList)
  list(@CurrentActor() actor: Actor | null, @Input(ListHouseholdsInput) input: z.output<typeof ListHouseholdsInput>) {
    return this.households.list(actor, input);
  }
}

@Controller()
export class CentralHeadController {
  constructor(private readonly heads: CentralHeadService) {}

  @MessagePattern(GridsRpc.centralHeadAppoint)
  appoint(@CurrentActor() actor: Actor | null, @Input(AppointCentralHeadInput) input: z.output<typeof AppointCentralHeadInput>) {
    return this.heads.appoint(actor, input);
  }

  @MessagePattern(GridsRpc.centralHeadLink)
  link(@CurrentActor() actor: Actor | null, @Input(LinkToCentralHeadInput) input: z.output<typeof LinkToCentralHeadInput>) {
    return this.heads.link(actor, input);
  }

  @MessagePattern(GridsRpc.centralHeadCoverage)
  coverage(@CurrentActor() actor: Actor | null, @Input(CentralHeadCoverageInput) input: z.output<typeof CentralHeadCoverageInput>) {
    return this.heads.coverage(actor, input);
  }
}
