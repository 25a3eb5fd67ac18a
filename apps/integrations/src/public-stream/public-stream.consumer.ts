import { EventConsumer, ensurePublicStream, Namespace } from '@gov/platform-messaging';
import { Metrics } from '@gov/platform-observability';
import { LOGGER, NATS_CONNECTION, SERVICE_CONFIG } from '@gov/platform-service';
import { MikroORM } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IntegrationsConfig } from '../config.js';
import { PublicStreamLock } from './public-stream.lock.js';
import { PublicStreamPublisher } from './public-stream.publisher.js';

/** The durable consumer on GOV_EVENTS; stable across deployments (its position is the stream's progress). */
export const PUBLIC_STREAM_DURABLE = 'integrations__public-stream';

/** Attempts before an event goes to dlq.integrations__public-stream: with the 30 s backoff cap, about a day of a failing GOV_PUBLIC. */
const MAX_DELIVER = 3000;

/** Events held at once, and the most republished in one go. */
const MAX_BATCH = 64;

/** How often a standby replica tries to take over the republishing. */
const STANDBY_MS = 1_000;

const DAY_MS = 86_400_000;

/**
 * Every internal event (`evt.>` on GOV_EVENTS), republished for integrators on GOV_PUBLIC by
 * PublicStreamPublisher; acked only after JetStream stored the public copy.
 *
 * In the order received: one replica at a time republishes (PublicStreamLock; the others stand
 * by and take over when it goes), in batches of what arrived together, whose publishes go out
 * back to back (PublicStreamPublisher.publishAll: JetStream stores them in the order sent, and an
 * object's second event in a batch waits until its first was stored). An event that failed is
 * tried again in place while the later ones wait (`retryInPlace`), so the public stream keeps
 * GOV_EVENTS' order, and so each aggregate's. An event of a type not in the catalogue is acked
 * without being published.
 *
 * Like an `@EventPattern` handler's consumer (the same EventConsumer), but on `evt.>`: one
 * consumer for every type, since `@EventPattern` takes one type each.
 */
@Injectable()
export class PublicStreamConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;
  private lock?: PublicStreamLock;
  private leading?: Promise<void>;
  private stopping = false;
  private signalStop!: () => void;
  private readonly stopped = new Promise<void>((resolve) => (this.signalStop = resolve));

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly publisher: PublicStreamPublisher,
    private readonly orm: MikroORM,
    private readonly metrics: Metrics,
    @Inject(SERVICE_CONFIG) private readonly config: IntegrationsConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Called again when the NATS microservice starts: one republisher, which shutdown stops.
    if (this.lock) return;
    const c = this.config;
    this.lock = new PublicStreamLock(this.orm, c.DB_SCHEMA, this.logger);
    await ensurePublicStream(this.nc, this.ns, { maxAgeMs: c.NATS_STREAM_MAX_AGE_DAYS * DAY_MS, maxBytes: c.NATS_STREAM_MAX_BYTES, replicas: c.NATS_STREAM_REPLICAS });
    // The first try in the open (a replica alone starts republishing before it is ready); then in the background.
    const first = await this.lock.tryTake();
    if (first) await this.startConsumer();
    this.leading = this.lead(first);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.leading;
    await this.consumer?.stop();
    await this.lock?.release();
  }

  /** Republishes while holding the lock; stands by, trying to take it, while another replica does. */
  private async lead(holding: boolean): Promise<void> {
    const lock = this.lock!;
    for (;;) {
      if (holding) {
        await Promise.race([lock.lost, this.stopped]);
        if (this.stopping) return;
        this.logger.warn('public stream: lock lost; stopping until it is taken again');
        await this.consumer?.stop();
        this.consumer = undefined;
      }
      await Promise.race([new Promise((resolve) => setTimeout(resolve, STANDBY_MS).unref()), this.stopped]);
      if (this.stopping) return;
      try {
        holding = await lock.tryTake();
        if (holding) {
          await this.startConsumer();
          this.logger.info('public stream: this replica republishes (holds the lock)');
        }
      } catch (err) {
        this.logger.warn({ err }, 'public stream: could not take over the republishing; trying again');
        await lock.release();
        holding = false;
      }
    }
  }

  private async startConsumer(): Promise<void> {
    this.consumer = new EventConsumer(
      this.nc,
      this.ns,
      { durable: PUBLIC_STREAM_DURABLE, filterSubject: 'evt.>', maxAckPending: MAX_BATCH, maxBatch: MAX_BATCH, maxDeliver: MAX_DELIVER, retryInPlace: true },
      {
        batch: async (events) => {
          await this.publisher.publishAll(events);
        },
      },
      this.logger,
      this.metrics,
    );
    await this.consumer.start();
  }
}
