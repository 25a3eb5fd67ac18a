import type { Actor } from '@gov/kernel';
import { BaseRpcContext } from '@nestjs/microservices';
import type { MsgHdrs } from '@nats-io/transport-node';

type NatsRpcContextArgs = [subject: string, headers: MsgHdrs | undefined, actor: Actor | null, correlationId: string, consumer: string | null];

/**
 * What a handler may know about the message it handles, read with `@Ctx()`; handlers normally
 * use `@CurrentActor()` instead. `consumer` is the durable name for JetStream events (the inbox
 * key) and null for request-reply.
 */
export class NatsRpcContext extends BaseRpcContext<NatsRpcContextArgs> {
  getSubject(): string {
    return this.args[0];
  }
  getHeaders(): MsgHdrs | undefined {
    return this.args[1];
  }
  getActor(): Actor | null {
    return this.args[2];
  }
  getCorrelationId(): string {
    return this.args[3];
  }
  getConsumer(): string | null {
    return this.args[4];
  }
}
