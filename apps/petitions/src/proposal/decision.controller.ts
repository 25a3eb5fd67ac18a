import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { MEETING_DECISION_RECORDED } from './decision-events.js';
import { DecisionIntake } from './decision-intake.service.js';

/** mediation's deliberation meetings' decisions, consumed from JetStream (one durable consumer). */
@Controller()
export class DecisionController {
  constructor(private readonly intake: DecisionIntake) {}

  @EventPattern<string>(MEETING_DECISION_RECORDED)
  onDecisionRecorded(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.intake.createFromDecision(ctx.getConsumer()!, event);
  }
}
