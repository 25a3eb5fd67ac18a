import type { DomainEvent } from '@gov/kernel';
import type { NatsRpcContext } from '@gov/platform-messaging';
import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { PERSON_REGISTERED, PersonDirectory, type PersonRegisteredData } from './person-directory.js';

@Controller()
export class PersonController {
  constructor(private readonly directory: PersonDirectory) {}

  @EventPattern<string>(PERSON_REGISTERED)
  onRegistered(@Payload() event: DomainEvent<PersonRegisteredData>, @Ctx() ctx: NatsRpcContext) {
    return this.directory.recordRegistered(ctx.getConsumer()!, event);
  }
}
