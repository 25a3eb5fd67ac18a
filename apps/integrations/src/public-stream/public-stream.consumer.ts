import { EventConsumer, ensurePublicStream, Namespace } from '@gov/platform-messaging';
import { Metrics } from '@gov/platform-observability';
import { LOGGER, NATS_CONNECTION, SERVICE_CONFIG } from '@gov/platform-service';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IntegrationsConfig } from '../config.js';
import { PublicStreamPublisher } from './public-stream.publisher.js';

/** The durable consumer on GOV_EVENTS; stable across deployments (its position is the stream's progress). */
export const PUBLIC_STREAM_DURABLE = 'integrations__public-stream';

/** Attempts before an event goes to dlq.integrations__public-stream: with the 30 s backoff cap, about a day of a failing GOV_PUBLIC. */
const MAX_DELIVER = 3000;

const DAY_MS = 86_400_000;

/**
 * Every internal event (`evt.>` on GOV_EVENTS), republished for integrators on GOV_PUBLIC by
 * PublicStreamPublisher; acked only after JetStream stored the public copy.
 *
 * In the order received: the consumer hands out one event at a time across all replicas
 * (`max_ack_pending` 1), so an event is published only after the one before it was, and one that
 * failed comes back before any later one — the public stream keeps GOV_EVENTS' order, and so
 * each aggregate's. An event of a type not in the catalogue is acked without being published.
 *
 * Like an `@EventPattern` handler's consumer (the same EventConsumer), but on `evt.>`: one
 * consumer for every type, since `@EventPattern` takes one type each.
 */
@Injectable()
export class PublicStreamConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly publisher: PublicStreamPublisher,
    private readonly metrics: Metrics,
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const c = this.config;
    await ensurePublicStream(this.nc, this.ns, { maxAgeMs: c.NATS_STREAM_MAX_AGE_DAYS * DAY_MS, maxBytes: c.NATS_STREAM_MAX_BYTES, replicas: c.NATS_STREAM_REPLICAS });
    this.consumer = new EventConsumer(
      this.nc,
      this.ns,
      { durable: PUBLIC_STREAM_DURABLE, filterSubject: 'evt.>', maxAckPending: 1, maxDeliver: MAX_DELIVER },
      async (event) => {
        await this.publisher.publish(event);
      },
      this.logger,
      this.metrics,
    );
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
