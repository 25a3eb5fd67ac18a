import { GetManyInput, type Actor } from '@gov/kernel';
import { EnrollStewardInput, GetByIdInput, IdentityRpc, ListStewardsInput, UpdateStewardInput } from '@gov/identity-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { StewardService } from './steward.service.js';

@Controller()
export class StewardController {
  constructor(private readonly stewards: StewardService) {}

  @MessagePattern(IdentityRpc.stewardEnroll)
  enroll(@CurrentActor() actor: Actor | null, @Input(EnrollStewardInput) input: z.output<typeof EnrollStewardInput>) {
    return this.stewards.enroll(actor, input);
  }

  @MessagePattern(IdentityRpc.stewardUpdate)
  update(@CurrentActor() actor: Actor | null, @Input(UpdateStewardInput) input: z.output<typeof UpdateStewardInput>) {
    return this.stewards.update(actor, input);
  }

  @MessagePattern(IdentityRpc.stewardGet)
  get(@CurrentActor() actor: Actor | null, @Input(GetByIdInput) input: z.output<typeof GetByIdInput>) {
    return this.stewards.get(actor, input);
  }

  @MessagePattern(IdentityRpc.stewardGetMany)
  getMany(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.stewards.getMany(actor, input);
  }

  @MessagePattern(IdentityRpc.stewardList)
  list(@CurrentActor() actor: Actor | null, @Input(ListStewardsInput) input: z.output<typeof ListStewardsInput>) {
    return this.stewards.list(actor, input);
  }

  @MessagePattern(IdentityRpc.stewardCard)
  card(@CurrentActor() actor: Actor | null, @Input(GetByIdInput) input: z.output<typeof GetByIdInput>) {
    return this.stewards.card(actor, input);
  }

  @MessagePattern(IdentityRpc.stewardNumberHistory)
  numberHistory(@CurrentActor() actor: Actor | null, @Input(GetByIdInput) input: z.output<typeof GetByIdInput>) {
    return this.stewards.numberHistory(actor, input);
  }

  @MessagePattern(IdentityRpc.stewardCards)
  cards(@CurrentActor() actor: Actor | null, @Input(GetManyInput) input: GetManyInput) {
    return this.stewards.cards(actor, input);
  }
}
