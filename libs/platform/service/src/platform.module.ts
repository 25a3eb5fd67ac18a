import { actorKeys, parseConfig, type serviceConfigSchema, type ServiceConfig } from '@gov/platform-config';
import { parseSigningKey, parseVerifyKeys } from '@gov/platform-auth';
import { connectNats, ensureStreams, Namespace, NatsTransport, natsReady, RpcClient } from '@gov/platform-messaging';
import { createLogger, HealthController, Metrics, PinoNestLogger, READINESS_CHECKS, ShutdownState } from '@gov/platform-observability';
import { Inbox, Outbox, OutboxRelay } from '@gov/platform-outbox';
import { DB_SCHEMA, PreparedReads, dbReady, ormOptions, runMigrations, type OrmSettings } from '@gov/platform-persistence';
import type { Constructor } from '@mikro-orm/core';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { MikroORM, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Global, Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { RpcErrorFilter } from './rpc-exception.filter.js';
import { RpcContextInterceptor } from './rpc-context.interceptor.js';
import { ENV, LOGGER, NATS_CONNECTION, SCHEMA_READY, SERVICE_CONFIG } from './tokens.js';
import { TransactionRunner } from './transaction.runner.js';

/** What a service tells the platform about itself; everything else comes from its configuration. */
export interface ServiceDefinition {
  /** Service name: logs, metrics, queue group, event source and durable-consumer prefix. */
  name: string;
  /** Its configuration schema, built on `serviceConfigSchema` from @gov/platform-config. */
  config: ReturnType<typeof serviceConfigSchema>;
  entities: OrmSettings['entities'];
  migrations: OrmSettings['migrations'];
}

/** Starts the outbox relay once the app is up and stops it before connections close. */
@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly relay: OutboxRelay,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}
  onApplicationBootstrap() {
    if (this.config.OUTBOX_RELAY === 'on') this.relay.start();
  }
  async beforeApplicationShutdown() {
    await this.relay.stop();
  }
}

/** Drains the NATS connection last, after the transport stopped taking messages. */
@Injectable()
class NatsLifecycle implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}
  async onApplicationShutdown() {
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => undefined);
  }
}

/** The environment and the parsed configuration, on their own so the ORM module can read them. */
function configModule(def: ServiceDefinition): DynamicModule {
  @Global()
  @Module({})
  class ServiceConfigModule {}
  return {
    module: ServiceConfigModule,
    providers: [
      { provide: ENV, useValue: process.env },
      { provide: SERVICE_CONFIG, useFactory: (env: Record<string, string | undefined>) => parseConfig(def.config, env), inject: [ENV] },
    ],
    exports: [ENV, SERVICE_CONFIG],
  };
}

/**
 * Everything a service needs from the platform in one import: configuration, logger, metrics,
 * health, the ORM on its own schema (migrated at start outside production), NATS with the
 * transport its controllers are served on, the outbox with its relay, the inbox, and the
 * RPC error filter and context interceptor that `startServiceApp` installs.
 */
@Module({})
export class PlatformModule {
  static forService(def: ServiceDefinition): DynamicModule {
    const config = configModule(def);
    const providers: Provider[] = [
      { provide: LOGGER, useFactory: (c: ServiceConfig) => createLogger(def.name, c.LOG_LEVEL), inject: [SERVICE_CONFIG] },
      { provide: PinoNestLogger, useFactory: (logger: Logger) => new PinoNestLogger(logger), inject: [LOGGER] },
      { provide: Metrics, useFactory: (c: ServiceConfig) => new Metrics(def.name, c.NODE_ENV !== 'test'), inject: [SERVICE_CONFIG] },
      { provide: ShutdownState, useFactory: () => new ShutdownState() },
      { provide: Namespace, useFactory: (c: ServiceConfig) => new Namespace(c.SUBJECT_PREFIX), inject: [SERVICE_CONFIG] },
      { provide: DB_SCHEMA, useFactory: (c: ServiceConfig) => c.DB_SCHEMA, inject: [SERVICE_CONFIG] },
      {
        provide: NATS_CONNECTION,
        useFactory: async (c: ServiceConfig, ns: Namespace) => {
          const nc = await connectNats(c.NATS_URL, def.name, { user: c.NATS_USER, password: c.NATS_PASSWORD });
          const days = 86_400_000;
          await ensureStreams(nc, ns, {
            maxAgeMs: c.NATS_STREAM_MAX_AGE_DAYS * days,
            maxBytes: c.NATS_STREAM_MAX_BYTES,
            replicas: c.NATS_STREAM_REPLICAS,
            dlqMaxAgeMs: c.NATS_DLQ_MAX_AGE_DAYS * days,
            dlqMaxBytes: c.NATS_DLQ_MAX_BYTES,
          });
          return nc;
        },
        inject: [SERVICE_CONFIG, Namespace],
      },
      {
        // Production migrates in a Kubernetes Job before rollout; elsewhere the service does it at start.
        provide: SCHEMA_READY,
        useFactory: async (orm: MikroORM, c: ServiceConfig) => (c.NODE_ENV === 'production' ? [] : runMigrations(orm, c.DB_SCHEMA)),
        inject: [MikroORM, SERVICE_CONFIG],
      },
      {
        provide: READINESS_CHECKS,
        useFactory: (orm: MikroORM, nc: NatsConnection) => ({ database: () => dbReady(orm), nats: () => natsReady(nc) }),
        inject: [MikroORM, NATS_CONNECTION],
      },
      {
        provide: NatsTransport,
        useFactory: (nc: NatsConnection, ns: Namespace, logger: Logger, metrics: Metrics, c: ServiceConfig) => {
          const keys = actorKeys(c, 'verify');
          if (keys.development) logger.warn('ACTOR_VERIFY_KEYS is not set: accepting actors signed with the public development key');
          return new NatsTransport({ nc, ns, service: def.name, logger, metrics, verifier: parseVerifyKeys(keys.verifyKeys) });
        },
        inject: [NATS_CONNECTION, Namespace, LOGGER, Metrics, SERVICE_CONFIG],
      },
      {
        provide: RpcClient,
        useFactory: (nc: NatsConnection, ns: Namespace, c: ServiceConfig, metrics: Metrics) => {
          // A service signs actors only when it has a key of its own (outside production: the development key).
          const signer = c.ACTOR_SIGNING_KEY || c.NODE_ENV !== 'production' ? parseSigningKey(actorKeys(c, 'sign').signingKey) : undefined;
          return new RpcClient(nc, ns, { timeoutMs: c.RPC_TIMEOUT_MS, signer, metrics });
        },
        inject: [NATS_CONNECTION, Namespace, SERVICE_CONFIG, Metrics],
      },
      { provide: Outbox, useFactory: (c: ServiceConfig) => new Outbox(c.DB_SCHEMA, def.name), inject: [SERVICE_CONFIG] },
      {
        provide: OutboxRelay,
        useFactory: (orm: MikroORM, c: ServiceConfig, nc: NatsConnection, ns: Namespace, logger: Logger, metrics: Metrics, _ready: unknown) =>
          new OutboxRelay(orm, c.DB_SCHEMA, nc, ns, logger, metrics, { pollMs: c.OUTBOX_POLL_MS, maxAttempts: c.OUTBOX_MAX_ATTEMPTS }),
        inject: [MikroORM, SERVICE_CONFIG, NATS_CONNECTION, Namespace, LOGGER, Metrics, SCHEMA_READY],
      },
      { provide: PreparedReads, useFactory: (orm: MikroORM, c: ServiceConfig) => new PreparedReads(orm, c.DB_SCHEMA), inject: [MikroORM, SERVICE_CONFIG] },
      { provide: Inbox, useFactory: (orm: MikroORM, c: ServiceConfig) => new Inbox(orm, c.DB_SCHEMA), inject: [MikroORM, SERVICE_CONFIG] },
      TransactionRunner,
      RpcErrorFilter,
      RpcContextInterceptor,
      OutboxRelayLifecycle,
      NatsLifecycle,
    ];
    return {
      module: PlatformModule,
      global: true,
      imports: [
        config,
        MikroOrmModule.forRootAsync({
          imports: [config],
          driver: PostgreSqlDriver,
          inject: [SERVICE_CONFIG],
          useFactory: (c: ServiceConfig) => ({
            ...ormOptions({ databaseUrl: c.DATABASE_URL, schema: c.DB_SCHEMA, entities: def.entities as Constructor<object>[], migrations: def.migrations, poolMax: c.DB_POOL_MAX }),
            // Messages get their context from RpcContextInterceptor; HTTP routes (health) need none.
            registerRequestContext: false,
          }),
        }),
      ],
      controllers: [HealthController],
      providers,
      exports: [config, ...providers.map((p) => (typeof p === 'function' ? p : p.provide))],
    };
  }
}
