import { parseSigningKey } from '@gov/platform-auth';
import { actorKeys } from '@gov/platform-config';
import { deleteStreams, Namespace, RpcClient, type RpcClientOptions } from '@gov/platform-messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';

export const TEST_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gov';
export const TEST_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const TEST_STREAM_MAX_BYTES = 64 * 1024 * 1024;
/** A test run's streams untouched this long are left over from a run that crashed: removed. */
const STALE_TEST_STREAM_MS = 60 * 60 * 1000;
const TEST_STREAM_NAME = /^T[0-9A-F]{8}_GOV_/;

/** Fixed test keys: never used outside tests. */
export const TEST_PII_ENV = {
  PII_KEYS: `t1:${Buffer.alloc(32, 1).toString('base64')},t2:${Buffer.alloc(32, 2).toString('base64')}`,
  PII_ACTIVE_KEY_ID: 't2',
  PII_HMAC_KEY: Buffer.alloc(32, 3).toString('base64'),
};

/**
 * One isolated slice of the shared PostgreSQL and NATS for a test suite: a subject prefix (which
 * also names its streams) and schemas suffixed with the run id. `cleanup()` removes all of it.
 */
export class TestContext {
  readonly runId = `t${randomBytes(4).toString('hex')}`;
  readonly ns = new Namespace(this.runId);
  private readonly schemas = new Set<string>();
  private nc?: NatsConnection;

  schema(service: string): string {
    const name = `${service}_${this.runId}`;
    this.schemas.add(name);
    return name;
  }

  /** Environment for a service under test (merge your own on top). */
  env(service: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      DATABASE_URL: TEST_DATABASE_URL,
      NATS_URL: TEST_NATS_URL,
      SUBJECT_PREFIX: this.runId,
      DB_SCHEMA: this.schema(service),
      HTTP_PORT: '0',
      // JetStream reserves a stream's whole size cap: many parallel runs must each claim little.
      NATS_STREAM_MAX_BYTES: String(TEST_STREAM_MAX_BYTES),
      NATS_DLQ_MAX_BYTES: String(TEST_STREAM_MAX_BYTES / 4),
      ...TEST_PII_ENV,
      ...extra,
    };
  }

  async nats(): Promise<NatsConnection> {
    this.nc ??= await connect({ servers: TEST_NATS_URL, name: `test-${this.runId}` });
    return this.nc;
  }

  /** A client of this run's services that signs actors with the development key, as the gateway does with its own. */
  async rpc(opts: Omit<RpcClientOptions, 'signer'> = {}): Promise<RpcClient> {
    return new RpcClient(await this.nats(), this.ns, { ...opts, signer: parseSigningKey(actorKeys({ NODE_ENV: 'test' }, 'sign').signingKey) });
  }

  async cleanup(): Promise<void> {
    const nc = await this.nats();
    await deleteStreams(nc, this.ns);
    await deleteStaleTestStreams(nc);
    await nc.close();
    if (this.schemas.size) {
      const orm = await MikroORM.init({ clientUrl: TEST_DATABASE_URL, entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: true });
      for (const s of this.schemas) await orm.em.execute(`drop schema if exists "${s}" cascade`);
      await orm.close();
    }
  }
}

/** Polls until `fn` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 5000, everyMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Streams of earlier test runs that died before their cleanup (they would hold JetStream storage). */
async function deleteStaleTestStreams(nc: NatsConnection): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const cutoff = Date.now() - STALE_TEST_STREAM_MS;
  for await (const s of jsm.streams.list()) {
    // An empty stream's last_ts is year 1: its creation counts as activity too.
    const last = Math.max(Date.parse(s.state.last_ts) || 0, Date.parse(s.created) || 0);
    if (TEST_STREAM_NAME.test(s.config.name) && last < cutoff) await jsm.streams.delete(s.config.name).catch(() => false);
  }
}
