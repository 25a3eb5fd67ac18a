import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { CaseIntake } from './case-intake.service.js';
import { PETITION_MEDIATION_REQUESTED } from './petition-events.js';

/** Petitions handed on for mediation, consumed from JetStream. */
@Controller()
export class CaseIntakeController {
  constructor(private readonly intake: CaseIntake) {}

  @EventPattern<string>(PETITION_MEDIATION_REQUESTED)
  onMediationRequested(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.intake.fromPetition(ctx.getConsumer()!, event);
  }
}
