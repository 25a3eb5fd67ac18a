import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PETITION_TASK_REQUESTED } from './petition-link-events.js';
import { PetitionLinkService } from './petition-link.service.js';

/** petitions' requests for a volunteer task, consumed from JetStream (one durable consumer). */
@Controller()
export class PetitionLinkController {
  constructor(private readonly link: PetitionLinkService) {}

  @EventPattern<string>(PETITION_TASK_REQUESTED)
  onTaskRequested(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.link.publishForPetition(ctx.getConsumer()!, event);
  }
}
