import { runMain, type ServiceConfig } from '@gov/platform-config';
import { NatsTransport } from '@gov/platform-messaging';
import { PinoNestLogger } from '@gov/platform-observability';
import { OutboxRelay } from '@gov/platform-outbox';
import { MikroORM } from '@mikro-orm/core';
import type { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { RpcContextInterceptor } from './rpc-context.interceptor.js';
import { RpcErrorFilter } from './rpc-exception.filter.js';
import { LOGGER, NATS_CONNECTION, SERVICE_CONFIG } from './tokens.js';

/** A running service: the Nest app serving NATS and HTTP, and the two ways it can stop. */
export interface ServiceApp {
  app: INestApplication;
  /** Base URL of its HTTP side (health, metrics and whatever the service adds). */
  url: string;
  logger: Logger;
  /** Graceful: stop taking messages, finish those in flight, stop the relay, close connections. */
  close(): Promise<void>;
  /** Like a crash: drop connections without draining (for tests of what survives). */
  kill(): Promise<void>;
}

/**
 * Turns a created (not yet initialised) Nest application into a running hybrid service: the NATS
 * transport with the RPC error filter and context interceptor, then HTTP. `main.ts` passes what
 * NestFactory made; tests pass what `Test.createTestingModule(...).createNestApplication()` made.
 */
export async function startServiceApp(app: INestApplication): Promise<ServiceApp> {
  app.useLogger(app.get(PinoNestLogger));
  const logger = app.get<Logger>(LOGGER);
  const config = app.get<ServiceConfig>(SERVICE_CONFIG);
  const transport = app.get(NatsTransport);
  // Deferred: handlers must be wrapped after the filter and interceptor below are registered.
  const microservice = app.connectMicroservice({ strategy: transport }, { inheritAppConfig: false, deferInitialization: true });
  microservice.useGlobalFilters(app.get(RpcErrorFilter));
  microservice.useGlobalInterceptors(app.get(RpcContextInterceptor));
  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  logger.info({ url }, 'service ready');
  return {
    app,
    url,
    logger,
    async close() {
      await transport.close();
      await app.get(OutboxRelay).stop();
      await app.close();
    },
    async kill() {
      await app.get(OutboxRelay).stop();
      await app.get<NatsConnection>(NATS_CONNECTION).close();
      await app.get(MikroORM).close(true);
      await app.close().catch(() => undefined);
    },
  };
}

/** The whole of a service's main.ts: build, serve, stop on SIGTERM, one line for a bad setting. */
export function runService(name: string, appModule: Type<unknown>): Promise<void> {
  // Nest stays silent until startServiceApp installs the service's pino logger: a bad setting is
  // then the one line runMain prints, not a stack trace from Nest's default logger.
  return runMain(name, async () => startServiceApp(await NestFactory.create(appModule, { logger: false, abortOnError: false })));
}

