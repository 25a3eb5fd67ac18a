import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { HOUSEHOLD_MEMBER_ADDED, HOUSEHOLD_MOVED, HOUSEHOLD_REGISTERED, PETITION_SUBMITTED, PROPOSAL_CREATED, STEWARD_ENROLLED, STEWARD_UPDATED } from './directory-events.js';
import { DirectoryService } from './directory.service.js';

/** identity's stewards, grids' households and petitions' petitions and proposals, consumed from JetStream (one durable consumer per type). */
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

  @EventPattern<string>(PETITION_SUBMITTED)
  onPetitionSubmitted(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordPetition(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(PROPOSAL_CREATED)
  onProposalCreated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordProposal(ctx.getConsumer()!, event);
  }
}
