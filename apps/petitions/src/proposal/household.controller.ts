import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { HOUSEHOLD_MEMBER_ADDED, HOUSEHOLD_MOVED, HOUSEHOLD_REGISTERED } from './household-events.js';
import { HouseholdRegistry } from './household.service.js';

/** grids' households and their members, consumed from JetStream (one durable consumer per type). */
@Controller()
export class HouseholdController {
  constructor(private readonly households: HouseholdRegistry) {}

  @EventPattern<string>(HOUSEHOLD_REGISTERED)
  onRegistered(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.households.recordHousehold(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(HOUSEHOLD_MOVED)
  onMoved(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.households.recordHousehold(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(HOUSEHOLD_MEMBER_ADDED)
  onMemberAdded(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.households.recordMember(ctx.getConsumer()!, event);
  }
}
