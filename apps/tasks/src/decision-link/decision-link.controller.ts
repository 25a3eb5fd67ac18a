import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { MEETING_DECISION_RECORDED } from './decision-link-events.js';
import { DecisionLinkService } from './decision-link.service.js';

/** mediation's deliberation meetings' decisions, consumed from JetStream (one durable consumer). */
@Controller()
export class DecisionLinkController {
  constructor(private readonly link: DecisionLinkService) {}

  @EventPattern<string>(MEETING_DECISION_RECORDED)
  onDecisionRecorded(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.link.publishForDecision(ctx.getConsumer()!, event);
  }
}
