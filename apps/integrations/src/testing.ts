import { SERVICE_CONFIG, type ServiceApp } from '@gov/platform-service';
import { startTestService } from '@gov/platform-testing';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IntegrationsAppModule } from './app.module.js';
import type { IntegrationsConfig } from './config.js';

/** A running integrations service in a test process, with the handles tests look behind the API with. */
export interface IntegrationsTestApp extends ServiceApp {
  config: IntegrationsConfig;
  orm: MikroORM;
  /** A fresh EntityManager for assertions on stored rows. */
  em(): EntityManager;
  /** Rows of one of the service's tables matching `where` (SQL, `?` parameters). */
  rows<T = Record<string, unknown>>(table: string, where?: string, params?: unknown[]): Promise<T[]>;
}

export async function startIntegrations(env: Record<string, string>): Promise<IntegrationsTestApp> {
  const service = await startTestService(IntegrationsAppModule, env);
  const orm = service.app.get<MikroORM>(MikroORM);
  const config = service.app.get<IntegrationsConfig>(SERVICE_CONFIG);
  const em = () => orm.em.fork() as EntityManager;
  return {
    ...service,
    config,
    orm,
    em,
    rows: <T,>(table: string, where = 'true', params: unknown[] = []) => em().execute<T[]>(`select * from "${config.DB_SCHEMA}".${table} where ${where}`, params),
  };
}

/**
 * Settings that make webhook retries take milliseconds instead of minutes. The timeout stays
 * generous: the receiver shares the test's process, whose event loop a busy machine can stall.
 */
export const FAST_WEBHOOK_ENV = {
  WEBHOOK_BACKOFF_BASE_MS: '100',
  WEBHOOK_BACKOFF_CAP_MS: '400',
  WEBHOOK_MAX_ATTEMPTS: '4',
  WEBHOOK_TIMEOUT_MS: '10000',
  WEBHOOK_POLL_MS: '50',
};

/** One POST a webhook receiver got. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A webhook receiver for tests: a real HTTP server on 127.0.0.1 that records every POST and
 * answers `status`. It can be closed and opened again on the same port (a receiver that was down).
 */
export class WebhookReceiver {
  readonly received: ReceivedDelivery[] = [];
  /** What it answers; change it to make deliveries fail. */
  status = 204;
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/gov`;
  }

  async open(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        res.writeHead(this.status).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  /** Stops answering: connections are refused until `open()` again. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
