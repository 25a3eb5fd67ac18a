import { EVENTS_STREAM } from '@gov/kernel';
import type { Metrics } from '@gov/platform-observability';
import { toCloudEventHeaders, type Namespace } from '@gov/platform-messaging';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager, type PubAck } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Logger } from 'pino';

interface OutboxRow {
  id: string;
  subject: string;
  type: string;
  source: string;
  county: string;
  correlation_id: string | null;
  data: unknown;
  aggregate_version: string | number;
  created_at: Date | string;
  attempts: number;
}

export interface RelayOptions {
  /** Rows read per pass (default 100). */
  batchSize?: number;
  /** Poll interval; a commit in this process also nudges the relay at once (default 500). */
  pollMs?: number;
  /** Failed publishes after which a row is parked (`parked_at`) and skipped (default 10; OUTBOX_MAX_ATTEMPTS). */
  maxAttempts?: number;
  /** How long a publish waits for JetStream's ack (default 5000). */
  publishTimeoutMs?: number;
  /** How often a standby relay tries to take over the outbox lock (default 1000). */
  standbyMs?: number;
  /** Longest wait between passes while JetStream or PostgreSQL is unreachable (default 5000). */
  maxBackoffMs?: number;
}

/** How a failed publish is counted. */
type Failure =
  /** JetStream is unreachable (or its event stream is missing): the row is not to blame, nothing is counted. */
  | 'outage'
  /** Refused before sending or by JetStream: certainly not stored. Counted against the row. */
  | 'rejected'
  /** JetStream answers other requests but this publish timed out: it may be stored. Counted against the row. */
  | 'uncertain';

/** First key of the relay's advisory lock (`pg_try_advisory_lock(int, int)`); the second is `hashtext(schema)`. */
export const OUTBOX_LOCK_CLASS = 0x6f627278; // 'obrx'

class OutageError extends Error {}

/**
 * Publishes committed outbox rows to JetStream (docs/adr/0003-outbox-and-inbox.md).
 *
 * - One active relay per service schema: the relay holds a session-level advisory lock on a
 *   connection of its own; the relays of the other replicas stand by and retry the lock every
 *   `standbyMs`, so one of them takes over when the holder's process or connection dies. Every
 *   statement of the active relay runs on that connection: once it is gone, the relay can neither
 *   read nor mark rows, and stops before a second relay could send out of order.
 * - Rows are read in `seq` order and published one at a time, each awaiting JetStream's ack, then
 *   marked sent at once with a short update of their own. Nothing is held open while publishing.
 * - A failed publish is classified: while JetStream is unreachable the pass stops and backs off
 *   (the row is not to blame and nothing is counted); otherwise `attempts` and `last_error` are
 *   recorded, the aggregate's later rows wait for the next pass, other aggregates go on, and after
 *   `maxAttempts` the row is parked (`parked_at`): logged, counted, skipped from then on.
 * - After an outage, and when it becomes active, the relay first looks up the last message of each
 *   pending row's subject: a row whose publish was stored but never acknowledged is marked sent
 *   instead of published again, so even a republish after the duplicate window sends nothing twice.
 *   Within the window JetStream drops a republished `Nats-Msg-Id` anyway.
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = true;
  /** Consecutive failed passes: the relay backs off and ignores nudges while > 0. */
  private failures = 0;
  private readonly js: JetStreamClient;
  private jsm?: Promise<JetStreamManager>;
  /** The relay's own connection; holds the advisory lock while `active`. */
  private client?: pg.Client;
  private active = false;
  /** Look for stored-but-unacknowledged rows before publishing (after an outage or a takeover). */
  private resolvePending = true;
  /** Serialises passes: the poll loop and an explicit drain() never read the same rows twice. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
    private readonly nc: NatsConnection,
    private readonly ns: Namespace,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
    private readonly opts: RelayOptions = {},
  ) {
    this.js = jetstream(nc);
    metrics?.addSampler(() => this.sampleBacklog());
  }

  /**
   * The outbox lag for /metrics, read at each scrape through the service's pool (every replica
   * reports it, whether its relay is active or not, so a dead relay still shows its backlog).
   */
  private async sampleBacklog(): Promise<void> {
    const [row] = await this.orm.em.fork().execute<{ unsent: string; oldest_age: string | number | null; parked: string }[]>(
      `select (select count(*) from "${this.schema}".outbox_event where sent_at is null and parked_at is null) as unsent,
              (select extract(epoch from now() - min(created_at)) from "${this.schema}".outbox_event where sent_at is null and parked_at is null) as oldest_age,
              (select count(*) from "${this.schema}".outbox_event where parked_at is not null and sent_at is null) as parked`,
    );
    if (!row || !this.metrics) return;
    this.metrics.outboxUnsent.set(Number(row.unsent));
    this.metrics.outboxOldestUnsentAge.set(Math.max(Number(row.oldest_age ?? 0), 0));
    this.metrics.outboxParkedRows.set(Number(row.parked));
  }

  private get batchSize() {
    return this.opts.batchSize ?? 100;
  }
  private get pollMs() {
    return this.opts.pollMs ?? 500;
  }
  private get maxAttempts() {
    return this.opts.maxAttempts ?? 10;
  }

  /** True while this relay holds the outbox lock (the others stand by). */
  get isActive(): boolean {
    return this.active;
  }

  start(): void {
    if (!this.stopped) return;
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
    // A standby, or a relay backing off after a failure, waits for its timer: commits must not
    // hammer the lock or a dead server.
    if (this.timer && (this.failures > 0 || !this.active)) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = this.tick().finally(() => {
      this.running = undefined;
    });
  }

  private async tick(): Promise<void> {
    let next: number;
    try {
      const active = await this.exclusive(async () => {
        if (this.stopped || !(await this.lead())) return false;
        await this.drainActive();
        return true;
      });
      this.failures = 0;
      next = !active ? (this.opts.standbyMs ?? 1000) : this.again ? 0 : this.pollMs;
    } catch (err) {
      this.failures++;
      next = Math.min(this.pollMs * 2 ** this.failures, Math.max(this.opts.maxBackoffMs ?? 5000, this.pollMs));
      this.logger.warn({ err, retryInMs: next }, 'outbox relay pass failed; will retry');
    }
    this.again = false;
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.nudge();
    }, next);
  }

  /**
   * Publishes until the outbox is empty (or a row failed); returns how many rows were marked sent.
   * A relay that was not started takes the lock for this call only; while another relay holds it,
   * nothing is sent here and the result is 0.
   */
  async drain(): Promise<number> {
    return this.exclusive(async () => {
      const once = this.stopped;
      try {
        if (!(await this.lead())) return 0;
        return await this.drainActive();
      } finally {
        if (once) await this.resign();
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
    await this.exclusive(() => this.resign());
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // --- the lock -------------------------------------------------------------------------------

  /** Takes the outbox lock unless held; false while another relay holds it. */
  private async lead(): Promise<boolean> {
    if (this.active) return true;
    this.client ??= await this.connect();
    const locked = await this.sql<{ locked: boolean }>(`select pg_try_advisory_lock($1, hashtext($2)) as locked`, [OUTBOX_LOCK_CLASS, this.schema]);
    if (!locked[0]?.locked) return false;
    this.active = true;
    this.resolvePending = true;
    this.metrics?.outboxRelayActive.set(1);
    this.logger.info({ schema: this.schema }, 'outbox relay active (holds the outbox lock)');
    return true;
  }

  private async connect(): Promise<pg.Client> {
    const o = this.orm.em.getConnection().getConnectionOptions();
    const client = new pg.Client({
      host: o.host,
      port: o.port,
      user: o.user,
      password: o.password,
      database: o.database,
      application_name: `gov-outbox-relay:${this.schema}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      // The server must notice a vanished relay quickly, or its lock blocks the takeover.
      // synchronous_commit=off for the relay's own statements only (the "sent" marks): a mark then
      // costs no WAL flush (5× the throughput here), and the marks a PostgreSQL crash may lose
      // (< 1 s of them) only make the next relay publish those rows again, which the duplicate
      // window and the last-message check drop. The services' own writes stay synchronous.
      options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3 -c statement_timeout=30000 -c synchronous_commit=off',
    });
    client.on('error', (err) => {
      this.logger.warn({ err }, 'outbox relay lost its database connection');
      void this.resign();
    });
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    return client;
  }

  /** Gives up the lock by closing the connection (the server releases a session lock with it). */
  private async resign(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (this.active) {
      this.active = false;
      this.metrics?.outboxRelayActive.set(0);
      this.logger.info({ schema: this.schema }, 'outbox relay stood down');
    }
    if (client) await client.end().catch(() => undefined);
  }

  /** Runs a statement on the relay's connection; any failure there costs the lock. */
  private async sql<R>(text: string, params: unknown[]): Promise<R[]> {
    const client = this.client;
    if (!client) throw new Error('outbox relay has no database connection');
    try {
      return (await client.query(text, params)).rows as R[];
    } catch (err) {
      await this.resign();
      throw err;
    }
  }

  // --- passes -----------------------------------------------------------------------------------

  private async drainActive(): Promise<number> {
    let total = 0;
    for (;;) {
      const { sent, more } = await this.pass();
      total += sent;
      if (!more) return total;
    }
  }

  private async pass(): Promise<{ sent: number; more: boolean }> {
    const rows = await this.sql<OutboxRow>(
      `select id, subject, type, source, county, correlation_id, data, aggregate_version, created_at, attempts
         from "${this.schema}".outbox_event where sent_at is null and parked_at is null
         order by seq limit $1`,
      [this.batchSize],
    );
    if (rows.length === 0) {
      this.resolvePending = false;
      return { sent: 0, more: false };
    }
    let sent = 0;
    let failed = false;
    const done = this.resolvePending ? await this.resolveStored(rows) : new Set<string>();
    this.resolvePending = false;
    sent += done.size;
    // A row that failed holds back the later rows of its aggregate until the next pass (or until
    // it is parked): consumers see each aggregate's events in commit order.
    const held = new Set<string>();
    for (const row of rows) {
      if (done.has(row.id) || held.has(row.source)) continue;
      let ack: PubAck;
      try {
        ack = await this.publish(row);
      } catch (err) {
        const failure = await this.classify(err);
        this.metrics?.outboxPublishFailures.inc({ reason: failure });
        if (failure === 'outage') {
          this.resolvePending = true;
          await this.sql(`update "${this.schema}".outbox_event set last_error = $2 where id = $1`, [row.id, `JetStream unreachable: ${message(err)}`]);
          throw new OutageError(`JetStream unreachable: ${message(err)}`, { cause: err });
        }
        failed = true;
        const outcome = await this.recordFailure(row, err, failure);
        if (outcome === 'sent') sent++;
        else if (failure === 'uncertain') {
          // It may be stored after all: publish nothing more until the next pass has looked.
          this.resolvePending = true;
          break;
        } else if (outcome === 'retry') held.add(row.source);
        continue;
      }
      await this.markSent(row.id);
      sent++;
      if (ack.duplicate) this.logger.debug({ eventId: row.id }, 'outbox event was already on the stream');
      this.metrics?.eventsPublished.inc({ type: row.type });
    }
    return { sent, more: !failed && rows.length === this.batchSize };
  }

  private async publish(row: OutboxRow): Promise<PubAck> {
    const h = toCloudEventHeaders({
      id: row.id,
      type: row.type,
      source: row.source,
      subject: row.source.split('/').pop()!,
      time: new Date(row.created_at).toISOString(),
      county: row.county,
      correlationId: row.correlation_id ?? undefined,
      aggregateVersion: Number(row.aggregate_version),
    });
    const data = typeof row.data === 'string' ? row.data : JSON.stringify(row.data);
    return this.js.publish(this.ns.subject(row.subject), data, { msgID: row.id, headers: h, timeout: this.opts.publishTimeoutMs ?? 5000 });
  }

  private async markSent(id: string): Promise<void> {
    await this.sql(`update "${this.schema}".outbox_event set sent_at = now() where id = $1 and sent_at is null`, [id]);
  }

  /**
   * Counts a failed publish against its row and parks the row after `maxAttempts`: `retry` (the
   * next pass tries again), `parked`, or `sent` when an uncertain publish about to be parked turns
   * out to be on the stream after all.
   */
  private async recordFailure(row: OutboxRow, err: unknown, failure: Failure): Promise<'retry' | 'parked' | 'sent'> {
    if (failure === 'uncertain' && row.attempts + 1 >= this.maxAttempts && (await this.storedIds([row.subject])).has(row.id)) {
      await this.markSent(row.id);
      return 'sent';
    }
    const [r] = await this.sql<{ attempts: number; parked: boolean }>(
      `update "${this.schema}".outbox_event
          set attempts = attempts + 1, last_error = $2,
              parked_at = case when attempts + 1 >= $3 then now() end
        where id = $1
        returning attempts, parked_at is not null as parked`,
      [row.id, `${failure}: ${message(err)}`.slice(0, 2000), this.maxAttempts],
    );
    if (r?.parked) {
      this.metrics?.outboxParked.inc({ type: row.type });
      this.logger.error(
        { err, eventId: row.id, type: row.type, source: row.source, aggregateVersion: Number(row.aggregate_version), attempts: r.attempts },
        'outbox event parked after repeated failed publishes; the rows behind it go on (release: docs/adr/0003-outbox-and-inbox.md)',
      );
      return 'parked';
    }
    this.logger.warn({ err, eventId: row.id, type: row.type, attempts: r?.attempts }, 'outbox publish failed; will retry');
    return 'retry';
  }

  /** Outage, or a failure of this row? Asks JetStream about the event stream when in doubt. */
  private async classify(err: unknown): Promise<Failure> {
    const name = (err as Error | undefined)?.name;
    // Refused by the client (payload too large, bad subject or header) or by the stream: not stored.
    if (name === 'InvalidArgumentError' || name === 'InvalidSubjectError' || name === 'JetStreamApiError') return 'rejected';
    if (!(await this.jetStreamAnswers())) return 'outage';
    // "No responders" while the stream answers: no stream takes this subject.
    return name === 'JetStreamNotEnabled' || name === 'NoRespondersError' ? 'rejected' : 'uncertain';
  }

  private async jetStreamAnswers(): Promise<boolean> {
    try {
      await (await this.manager()).streams.info(this.ns.stream(EVENTS_STREAM));
      return true;
    } catch {
      return false;
    }
  }

  private manager(): Promise<JetStreamManager> {
    this.jsm ??= jetstreamManager(this.nc, { timeout: Math.min(this.opts.publishTimeoutMs ?? 5000, 2000), checkAPI: false });
    return this.jsm;
  }

  /**
   * Marks sent the rows whose message is already the last one on its subject. Only the relay
   * holding the lock publishes a service's subjects, one message at a time, and it stops after a
   * publish whose outcome it does not know: a message stored without an ack is still the last on
   * its subject when the next pass (or the next relay) begins.
   */
  private async resolveStored(rows: OutboxRow[]): Promise<Set<string>> {
    const ids = await this.storedIds([...new Set(rows.map((r) => r.subject))]);
    const found = new Set<string>();
    for (const row of rows) {
      if (!ids.has(row.id)) continue;
      await this.markSent(row.id);
      found.add(row.id);
      this.logger.info({ eventId: row.id }, 'outbox event was stored but not acknowledged; marked sent without publishing again');
    }
    return found;
  }

  /** The message ids of the last message on each subject. Throws (an outage) when JetStream does not answer. */
  private async storedIds(subjects: string[]): Promise<Set<string>> {
    const jsm = await this.manager();
    const ids = new Set<string>();
    try {
      for (const subject of subjects) {
        const m = await jsm.streams.getMessage(this.ns.stream(EVENTS_STREAM), { last_by_subj: this.ns.subject(subject) });
        const id = m?.header?.get('Nats-Msg-Id');
        if (id) ids.add(id);
      }
    } catch (err) {
      // Unreachable, or the event stream is missing: either way nothing can be published now.
      throw new OutageError(`JetStream unreachable: ${message(err)}`, { cause: err });
    }
    return ids;
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Releases parked rows (all, or those with the given ids): they get `maxAttempts` new publishes
 * and go out on the relay's next pass, before the rows committed after them. Returns how many
 * rows were released. The same as the SQL statement in docs/adr/0003-outbox-and-inbox.md.
 */
export async function releaseParked(orm: MikroORM, schema: string, ids?: string[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const res = await orm.em
    .fork()
    .execute<{ affectedRows: number }>(
      `update "${schema}".outbox_event set parked_at = null, attempts = 0 where parked_at is not null and sent_at is null${ids ? ' and id in (?)' : ''}`,
      ids ? [ids] : [],
      'run',
    );
  return res.affectedRows;
}
