import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { HOUSEHOLD_MEMBER_ADDED, HOUSEHOLD_MOVED, HOUSEHOLD_REGISTERED, STEWARD_ENROLLED, STEWARD_UPDATED } from './directory-events.js';
import { DirectoryService } from './directory.service.js';

/** identity's stewards and grids' households, consumed from JetStream (one durable consumer per type). */
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @EventPattern<string>(STEWARD_ENROLLED)
  onStewardEnrolled(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordSteward(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(STEWARD_UPDATED)
  onStewardUpdated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordSteward(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(HOUSEHOLD_REGISTERED)
  onHouseholdRegistered(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordHousehold(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(HOUSEHOLD_MOVED)
  onHouseholdMoved(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordHousehold(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(HOUSEHOLD_MEMBER_ADDED)
  onMemberAdded(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordMember(ctx.getConsumer()!, event);
  }
}
