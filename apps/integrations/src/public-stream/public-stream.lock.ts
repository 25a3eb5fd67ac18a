import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';

/** First key of the republisher's advisory lock (`pg_try_advisory_lock(int, int)`); the second is `hashtext(schema)`. */
export const PUBLIC_STREAM_LOCK_CLASS = 0x70756273; // 'pubs'

/**
 * The public stream's republisher runs on one replica at a time: it holds a session-level
 * advisory lock on a database connection of its own (as the outbox relay does). The lock goes
 * with the connection: when it breaks, `lost` resolves and the holder must stop; the server has
 * released the lock, and another replica may take it.
 */
export class PublicStreamLock {
  private client?: pg.Client;
  private signalLost?: () => void;
  /** Resolves when the lock held is lost (or released). */
  lost: Promise<void> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
    private readonly logger: Logger,
  ) {}

  /** Takes the lock unless another replica holds it. */
  async tryTake(): Promise<boolean> {
    if (this.client) return true;
    const o = this.orm.em.getConnection().getConnectionOptions();
    const client = new pg.Client({
      host: o.host,
      port: o.port,
      user: o.user,
      password: o.password,
      database: o.database,
      application_name: `gov-public-stream:${this.schema}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // The server must notice a vanished holder quickly, or its lock blocks the takeover.
      options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
    });
    client.on('error', (err) => {
      this.logger.warn({ err }, 'public stream: lost the database connection that holds its lock');
      void this.release();
    });
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock($1, hashtext($2)) as locked`, [PUBLIC_STREAM_LOCK_CLASS, this.schema]);
      if (!rows[0]?.locked) {
        await client.end().catch(() => undefined);
        return false;
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    this.lost = new Promise<void>((resolve) => (this.signalLost = resolve));
    client.on('end', () => void this.release());
    return true;
  }

  /** Gives the lock up by closing its connection (the server releases a session lock with it). */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.signalLost?.();
    this.signalLost = undefined;
    if (client) await client.end().catch(() => undefined);
  }
}
