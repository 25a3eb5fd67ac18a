import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { MEDIATION_CASE_OPENED, TASK_PUBLISHED } from './link-events.js';
import { LinkService } from './link.service.js';

/** Tasks' and mediation's answers to a petition handed on, consumed from JetStream (one durable consumer per type). */
@Controller()
export class LinkController {
  constructor(private readonly links: LinkService) {}

  @EventPattern<string>(TASK_PUBLISHED)
  onTaskPublished(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.links.record(ctx.getConsumer()!, event, 'task');
  }

  @EventPattern<string>(MEDIATION_CASE_OPENED)
  onMediationCaseOpened(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.links.record(ctx.getConsumer()!, event, 'mediation');
  }
}
