import { GetManyInput, type Actor } from '@gov/kernel';
import { CreateUnitInput, IdentityRpc, ListUnitsInput } from '@gov/identity-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { UnitService } from './unit.service.js';

@Controller()
export class UnitController {
  constructor(private readonly units: UnitService) {}

  @MessagePattern(IdentityRpc.unitCreate)
  create(@CurrentActor() actor: Actor | null, @Input(CreateUnitInput) input: z.output<typeof CreateUnitInput>) {
    return this.units.create(actor, input);
  }

  @MessagePattern(IdentityRpc.unitList)
  list(@CurrentActor() actor: Actor | null, @Input(ListUnitsInput) input: z.output<typeof ListUnitsInput>) {
    return this.units.list(actor, input);
  }

  @MessagePattern(IdentityRpc.unitGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.units.getMany(actor, input);
  }
}
