import { EVENTS_STREAM } from '@gov/kernel';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Namespace } from './namespace.js';
import { NatsTransport } from './nats.transport.js';

/** How long a demo seed waits for its running service to catch up: the whole demo start-up fits in it. */
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_POLL_MS = 200;

export interface WaitForConsumersOptions {
  /** One deadline for all the types together. */
  timeoutMs?: number;
  /** Pause between two looks at a consumer. */
  pollMs?: number;
}

/**
 * Waits until the running `service`'s durable consumers of `eventTypes` (the ones its
 * `@EventPattern` handlers get, see NatsTransport.durableName) have nothing pending and nothing
 * unacknowledged. A consumer acks only after its handler's transaction committed, so afterwards
 * the service's read models hold every such event published so far.
 *
 * Why: a one-off command (a demo seed) runs in its own process beside the service; it must not
 * seed on read models its service has not yet filled from other services' events. A consumer that
 * does not exist yet counts as behind (the service has not started). Throws, naming the service
 * and the type still behind, once `timeoutMs` has passed.
 */
export async function waitForConsumers(nc: NatsConnection, ns: Namespace, service: string, eventTypes: readonly string[], opts: WaitForConsumersOptions = {}): Promise<void> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, pollMs = DEFAULT_POLL_MS } = opts;
  const jsm = await jetstreamManager(nc);
  const until = Date.now() + timeoutMs;
  for (const type of eventTypes) {
    const durable = NatsTransport.durableName(service, type);
    for (;;) {
      const info = await jsm.consumers.info(ns.stream(EVENTS_STREAM), durable).catch(() => null);
      if (info && info.num_pending === 0 && info.num_ack_pending === 0) break;
      if (Date.now() > until) throw new Error(`${service} has not consumed ${type} within ${timeoutMs / 1000} s (is the ${service} service running?)`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }
}
