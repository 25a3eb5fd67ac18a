import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PLACE_CREATED, STEWARD_ENROLLED, STEWARD_NUMBER_REISSUED, STEWARD_UPDATED, UNIT_CREATED } from './directory-events.js';
import { DirectoryService } from './directory.service.js';

/** identity's stewards and units and grids' places, consumed from JetStream (one durable consumer per type). */
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

  @EventPattern<string>(STEWARD_NUMBER_REISSUED)
  onStewardNumberReissued(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordNumberReissued(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(UNIT_CREATED)
  onUnitCreated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordUnit(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(PLACE_CREATED)
  onPlaceCreated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordPlace(ctx.getConsumer()!, event);
  }
}
