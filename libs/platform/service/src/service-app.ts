import { runMain, type ServiceConfig } from '@gov/platform-config';
import { NatsTransport } from '@gov/platform-messaging';
import { compactHeapBeforeServing, PinoNestLogger, ShutdownState, startTracing, stopTracing } from '@gov/platform-observability';
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
  /**
   * Graceful (what SIGTERM runs): readiness turns false at once; the request subscriptions are
   * drained (the queue group's other replicas get the new requests) and the requests in flight
   * answered; the event consumers and the outbox relay stop after their current message; then
   * the NATS connection is drained and the database pool closed.
   */
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
  // A deferred microservice shares the application's modules but keeps its own "hooks were called"
  // flag, so starting it runs every onModuleInit and onApplicationBootstrap a second time (two
  // clocks, two dispatchers, one never stopped). The application has just run them.
  markHooksCalled(microservice);
  await app.startAllMicroservices();
  // Before readiness can answer, the pages start-up used are given back (see the function). Not in
  // test suites, which start dozens of apps in one heap: compacting all of it each time only slows them.
  if (config.NODE_ENV !== 'test') compactHeapBeforeServing();
  await app.listen(config.HTTP_PORT, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  logger.info({ url }, 'service ready');
  return {
    app,
    url,
    logger,
    async close() {
      app.get(ShutdownState).begin();
      logger.info('shutting down: readiness off, draining request subscriptions');
      await transport.close();
      await app.get(OutboxRelay).stop();
      await app.close();
    },
    async kill() {
      app.get(ShutdownState).begin();
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
  return runMain(name, async () => {
    // Traces only when OTEL_EXPORTER_OTLP_ENDPOINT is set; the SDK is not even loaded otherwise.
    const tracing = await startTracing({ service: name });
    const service = await startServiceApp(await NestFactory.create(appModule, { logger: false, abortOnError: false }));
    if (!tracing) return service;
    return {
      ...service,
      async close() {
        await service.close();
        await stopTracing();
      },
    };
  });
}

/** @nestjs/microservices 12: NestMicroservice.registerModules() calls the hooks unless this flag is set. */
function markHooksCalled(microservice: object): void {
  if (!('wasInitHookCalled' in microservice)) throw new Error('NestMicroservice no longer has wasInitHookCalled: check that lifecycle hooks still run once (lifecycle-hooks.spec.ts)');
  (microservice as { wasInitHookCalled: boolean }).wasInitHookCalled = true;
}
