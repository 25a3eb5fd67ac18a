import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { STEWARD_ENROLLED, STEWARD_UPDATED, UNIT_CREATED } from './directory-events.js';
import { DirectoryService } from './directory.service.js';

/** identity's departments and stewards, consumed from JetStream (one durable consumer per type). */
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @EventPattern<string>(UNIT_CREATED)
  onUnitCreated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordUnit(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(STEWARD_ENROLLED)
  onStewardEnrolled(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordSteward(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(STEWARD_UPDATED)
  onStewardUpdated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordSteward(ctx.getConsumer()!, event);
  }
}
