// Retention of the event and dead-letter streams: what the configuration asks for is what the
// streams carry, whether set up by a service at start or by ensureStreams directly.
import { DLQ_STREAM, EVENTS_STREAM } from '@gov/kernel';
import { ConfigError, parseConfig, serviceConfigSchema } from '@gov/platform-config';
import { ensureStreams } from '@gov/platform-messaging';
import { PlatformModule, type ServiceApp } from '@gov/platform-service';
import { TestContext, startTestService } from '@gov/platform-testing';
import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { jetstreamManager } from '@nats-io/jetstream';
import { Module } from '@nestjs/common';

const DAY_NS = 86_400 * 1e9;
const MIB = 1024 * 1024;

@Entity({ tableName: 'retention_probe' })
class RetentionProbe {
  @PrimaryKey({ type: 'uuid' }) id!: string;
}

class Migration001 extends Migration {
  override up(): void {
    this.addSql('create table retention_probe (id uuid primary key)');
  }
}

@Module({
  imports: [
    PlatformModule.forService({
      name: 'retention',
      config: serviceConfigSchema({ schema: 'retention', httpPort: 0 }),
      entities: [RetentionProbe],
      migrations: [{ name: '001', class: Migration001 }],
    }),
  ],
})
class RetentionAppModule {}

describe('stream limits', () => {
  it('a service gives the streams the age, size and replicas its environment configures', async () => {
    const t = new TestContext();
    let app: ServiceApp | undefined;
    try {
      app = await startTestService(
        RetentionAppModule,
        t.env('retention', {
          OUTBOX_RELAY: 'off',
          NATS_STREAM_MAX_AGE_DAYS: '7',
          NATS_STREAM_MAX_BYTES: String(256 * MIB),
          NATS_STREAM_REPLICAS: '1',
          NATS_DLQ_MAX_AGE_DAYS: '60',
          NATS_DLQ_MAX_BYTES: String(64 * MIB),
        }),
      );
      const jsm = await jetstreamManager(await t.nats());
      const events = (await jsm.streams.info(t.ns.stream(EVENTS_STREAM))).config;
      expect(events).toMatchObject({ max_age: 7 * DAY_NS, max_bytes: 256 * MIB, num_replicas: 1, discard: 'old', duplicate_window: 120e9 });
      const dlq = (await jsm.streams.info(t.ns.stream(DLQ_STREAM))).config;
      expect(dlq).toMatchObject({ max_age: 60 * DAY_NS, max_bytes: 64 * MIB, num_replicas: 1, discard: 'old' });
    } finally {
      await app?.close();
      await t.cleanup();
    }
  });

  it('ensureStreams caps by age by default (sizes come from configuration), keeps a custom duplicate window, and updates streams that exist', async () => {
    const t = new TestContext();
    try {
      const nc = await t.nats();
      const jsm = await jetstreamManager(nc);
      await ensureStreams(nc, t.ns, { duplicateWindowMs: 1000 });
      expect((await jsm.streams.info(t.ns.stream(EVENTS_STREAM))).config).toMatchObject({ max_age: 30 * DAY_NS, max_bytes: -1, duplicate_window: 1e9 });
      expect((await jsm.streams.info(t.ns.stream(DLQ_STREAM))).config).toMatchObject({ max_age: 90 * DAY_NS, max_bytes: -1 });

      await ensureStreams(nc, t.ns, { maxAgeMs: 2 * 86_400_000, maxBytes: 32 * MIB, dlqMaxAgeMs: 3 * 86_400_000, dlqMaxBytes: 16 * MIB });
      expect((await jsm.streams.info(t.ns.stream(EVENTS_STREAM))).config).toMatchObject({ max_age: 2 * DAY_NS, max_bytes: 32 * MIB, duplicate_window: 120e9 });
      expect((await jsm.streams.info(t.ns.stream(DLQ_STREAM))).config).toMatchObject({ max_age: 3 * DAY_NS, max_bytes: 16 * MIB });
    } finally {
      await t.cleanup();
    }
  });

  it('configuration defaults to 30 days and 10 GiB of events, 90 days and 1 GiB of dead letters, one replica', () => {
    const schema = serviceConfigSchema({ schema: 'x', httpPort: 0 });
    expect(parseConfig(schema, {})).toMatchObject({
      NATS_STREAM_MAX_AGE_DAYS: 30,
      NATS_STREAM_MAX_BYTES: 10 * 1024 ** 3,
      NATS_STREAM_REPLICAS: 1,
      NATS_DLQ_MAX_AGE_DAYS: 90,
      NATS_DLQ_MAX_BYTES: 1024 ** 3,
    });
    expect(() => parseConfig(schema, { NATS_STREAM_REPLICAS: '2' })).toThrow(ConfigError);
    expect(() => parseConfig(schema, { NATS_STREAM_MAX_AGE_DAYS: '0' })).toThrow('NATS_STREAM_MAX_AGE_DAYS');
  });
});
