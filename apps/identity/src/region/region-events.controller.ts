import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { REGION_ARCHIVED, REGION_CREATED, REGION_MOVED, REGION_UPDATED, RegionDirectory } from './region-directory.service.js';

/**
 * grids' region events. Each handler gets a durable JetStream consumer of its own
 * (`identity__gov_grids_region_<event>_v1`, filter `evt.*.grids.region.<event>.v1`), acked once
 * the read model committed.
 */
@Controller()
export class RegionEventsController {
  constructor(private readonly directory: RegionDirectory) {}

  @EventPattern<string>(REGION_CREATED)
  onCreated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordNode(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(REGION_UPDATED)
  onUpdated(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordNode(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(REGION_MOVED)
  onMoved(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordMoved(ctx.getConsumer()!, event);
  }

  @EventPattern<string>(REGION_ARCHIVED)
  onArchived(@Payload() event: DomainEvent<unknown>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordArchived(ctx.getConsumer()!, event);
  }
}
