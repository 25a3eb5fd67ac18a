import { GetManyInput, type Actor } from '@gov/kernel';
import { GetByIdInput, IdentityRpc, RegisterPersonInput } from '@gov/identity-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { PersonService } from './person.service.js';

@Controller()
export class PersonController {
  constructor(private readonly persons: PersonService) {}

  @MessagePattern(IdentityRpc.personRegister)
  register(@CurrentActor() actor: Actor | null, @Input(RegisterPersonInput) input: z.output<typeof RegisterPersonInput>) {
    return this.persons.register(actor, input);
  }

  @MessagePattern(IdentityRpc.personGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetByIdInput) input: z.output<typeof GetByIdInput>) {
    return this.persons.get(actor, input);
  }

  @MessagePattern(IdentityRpc.personGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.persons.getMany(actor, input);
  }
}
