import 'reflect-metadata';
import { identityEntities, identityMigrations } from '@gov/identity-data-access';
import { parseConfig } from '@gov/platform-config';
import { RpcServer, Namespace, connectNats, ensureStreams, natsReady } from '@gov/platform-messaging';
import { createLogger, Metrics, ObservabilityModule, PinoNestLogger } from '@gov/platform-observability';
import { Outbox, OutboxRelay } from '@gov/platform-outbox';
import { PiiCipher, dbReady, initOrm, runMigrations } from '@gov/platform-persistence';
import { Controller, Get, Inject, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { accessHandlers } from './access/access.handlers.js';
import { AccessService } from './access/access.service.js';
import { SigningKeys } from './access/signing-keys.js';
import { auditHandlers } from './audit/audit.handlers.js';
import { AuditLog } from './audit/audit.service.js';
import { identityConfigSchema, type IdentityConfig } from './config.js';
import type { Deps } from './deps.js';
import { personHandlers } from './person/person.handlers.js';
import { PersonService } from './person/person.service.js';
import { roleHandlers } from './role/role.handlers.js';
import { RoleService } from './role/role.service.js';
import { stewardHandlers } from './steward/steward.handlers.js';
import { StewardService } from './steward/steward.service.js';
import { unitHandlers } from './unit/unit.handlers.js';
import { UnitService } from './unit/unit.service.js';

export interface IdentityApp {
  config: IdentityConfig;
  url: string;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  keys: SigningKeys;
  deps: Deps;
  logger: Logger;
  /** Graceful: stop taking requests, finish those in flight, flush the outbox, close connections. */
  close(): Promise<void>;
  /** Like a crash: drop connections without draining (for tests of what survives). */
  kill(): Promise<void>;
}

const JWKS = Symbol('JWKS');

/** The JWKS over HTTP too, for integrators that verify tokens themselves. */
@Controller()
class JwksController {
  constructor(@Inject(JWKS) private readonly keys: SigningKeys) {}
  @Get('.well-known/jwks.json')
  jwks() {
    return this.keys.jwks();
  }
}

/** Everything but the RPC and HTTP servers: config, migrated database, NATS, outbox relay (not started) and the services' deps. */
export interface IdentityCore {
  config: IdentityConfig;
  logger: Logger;
  metrics: Metrics;
  ns: Namespace;
  orm: MikroORM;
  nc: NatsConnection;
  relay: OutboxRelay;
  audit: AuditLog;
  deps: Deps;
}

/** Opens identity's connections without serving (startIdentity and the demo seed use it). */
export async function openIdentity(env: Record<string, string | undefined> = process.env): Promise<IdentityCore> {
  const config = parseConfig(identityConfigSchema, env);
  const logger = createLogger('identity', config.LOG_LEVEL);
  const metrics = new Metrics('identity', config.NODE_ENV !== 'test');
  const ns = new Namespace(config.SUBJECT_PREFIX);
  const schema = config.DB_SCHEMA;

  const orm = await initOrm({ databaseUrl: config.DATABASE_URL, schema, entities: identityEntities, migrations: identityMigrations, poolMax: config.DB_POOL_MAX });
  // Production runs migrations as a Kubernetes Job before rollout; elsewhere the service applies them.
  if (config.NODE_ENV !== 'production') await runMigrations(orm, schema);
  const nc = await connectNats(config.NATS_URL, 'identity');
  await ensureStreams(nc, ns);

  const pii = new PiiCipher(PiiCipher.parseKeys(config.PII_KEYS), config.PII_ACTIVE_KEY_ID, Buffer.from(config.PII_HMAC_KEY, 'base64'));
  const relay = new OutboxRelay(orm, schema, nc, ns, logger, metrics, { pollMs: config.OUTBOX_POLL_MS });
  const audit = new AuditLog(orm, schema);
  const deps: Deps = {
    config,
    orm,
    schema,
    outbox: new Outbox(schema, 'identity'),
    audit,
    pii,
    logger,
    em: () => orm.em.fork(),
    async transaction(fn) {
      const result = await orm.em.fork().transactional(fn);
      relay.nudge();
      return result;
    },
  };
  return { config, logger, metrics, ns, orm, nc, relay, audit, deps };
}

export async function startIdentity(env: Record<string, string | undefined> = process.env): Promise<IdentityApp> {
  const { config, logger, metrics, ns, orm, nc, relay, audit, deps } = await openIdentity(env);
  const keys = new SigningKeys(orm, deps.pii, config.SIGNING_KEY_ROTATE_DAYS, config.ACCESS_TOKEN_TTL_SECONDS + 300);
  await keys.ensure();
  const keyReload = setInterval(() => keys.ensure().catch((err) => logger.warn({ err }, 'signing key reload failed')), 60_000);
  keyReload.unref();

  const rpc = new RpcServer(nc, ns, 'identity', logger, metrics);
  rpc.handleAll({
    ...accessHandlers(new AccessService(deps, keys)),
    ...personHandlers(new PersonService(deps)),
    ...unitHandlers(new UnitService(deps)),
    ...stewardHandlers(new StewardService(deps)),
    ...roleHandlers(new RoleService(deps)),
    ...auditHandlers(audit),
  });
  await nc.flush();
  if (config.OUTBOX_RELAY === 'on') relay.start();

  @Module({
    imports: [ObservabilityModule.forRoot(metrics, { database: () => dbReady(orm), nats: () => natsReady(nc) })],
    controllers: [JwksController],
    providers: [{ provide: JWKS, useValue: keys }],
  })
  class IdentityHttpModule {}

  const http: INestApplication = await NestFactory.create(IdentityHttpModule, { logger: new PinoNestLogger(logger) });
  await http.listen(config.HTTP_PORT, '0.0.0.0');
  const url = (await http.getUrl()).replace('[::1]', '127.0.0.1');
  logger.info({ url }, 'identity service ready');

  return {
    config,
    url,
    orm,
    nc,
    relay,
    keys,
    deps,
    logger,
    async close() {
      clearInterval(keyReload);
      await rpc.close();
      await relay.stop();
      await http.close();
      await nc.drain();
      await orm.close();
    },
    async kill() {
      clearInterval(keyReload);
      await relay.stop();
      await http.close();
      await nc.close();
      await orm.close(true);
    },
  };
}
