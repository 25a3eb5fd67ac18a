import type { Metrics } from '@gov/platform-observability';
import { toCloudEventHeaders, type Namespace } from '@gov/platform-messaging';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

interface OutboxRow {
  id: string;
  subject: string;
  type: string;
  source: string;
  county: string;
  correlation_id: string | null;
  data: unknown;
  created_at: Date | string;
}

export interface RelayOptions {
  batchSize?: number;
  /** Poll interval; a commit in this process also nudges the relay at once. */
  pollMs?: number;
}

/**
 * Publishes committed outbox rows to JetStream. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * replicas share the work without double sends; a row is marked sent only after JetStream's ack.
 * If the process dies after publishing but before marking, the row is published again with the
 * same Nats-Msg-Id and JetStream's duplicate window drops it: consumers see the event once.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  private readonly js: JetStreamClient;

  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
    nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
    private readonly opts: RelayOptions = {},
  ) {
    this.js = jetstream(nc);
  }

  start(): void {
    this.stopped = false;
    this.nudge();
  }

  /** Asks for a pass now (called after a commit that added events). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.drain()
      .then(() => undefined)
      .catch((err) => this.logger.warn({ err }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.nudge();
        } else {
          this.timer = setTimeout(() => this.nudge(), this.opts.pollMs ?? 500);
        }
      });
  }

  /** Publishes until the outbox is empty; returns how many events were sent. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.publishBatch();
      total += n;
      if (n < (this.opts.batchSize ?? 100)) return total;
    }
  }

  private async publishBatch(): Promise<number> {
    const em = this.orm.em.fork();
    return em.transactional(async (tx) => {
      const rows = await tx.execute<OutboxRow[]>(
        `select id, subject, type, source, county, correlation_id, data, created_at
           from "${this.schema}".outbox_event where sent_at is null
           order by seq limit ? for update skip locked`,
        [this.opts.batchSize ?? 100],
      );
      if (rows.length === 0) return 0;
      const sent: string[] = [];
      try {
        // Published in order, each awaited: consumers of one aggregate see its events in commit order.
        for (const row of rows) {
          const h = toCloudEventHeaders({
            id: row.id,
            type: row.type,
            source: row.source,
            subject: row.source.split('/').pop()!,
            time: new Date(row.created_at).toISOString(),
            county: row.county,
            correlationId: row.correlation_id ?? undefined,
          });
          const data = typeof row.data === 'string' ? row.data : JSON.stringify(row.data);
          await this.js.publish(this.ns.subject(row.subject), data, { msgID: row.id, headers: h, timeout: 5000 });
          sent.push(row.id);
          this.metrics?.eventsPublished.inc({ type: row.type });
        }
      } finally {
        // `in (?)`: MikroORM expands an array parameter into a list (`any(?::uuid[])` breaks on it).
        if (sent.length) await tx.execute(`update "${this.schema}".outbox_event set sent_at = now() where id in (?)`, [sent]);
        const failed = rows.slice(sent.length).map((r) => r.id);
        if (failed.length) await tx.execute(`update "${this.schema}".outbox_event set attempts = attempts + 1 where id in (?)`, [failed]);
      }
      return sent.length;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
