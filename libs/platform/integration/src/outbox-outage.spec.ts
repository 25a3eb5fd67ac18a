// The relay against a NATS server of its own that dies in the middle of a batch and comes back
// after JetStream's duplicate window has run out: the window no longer drops a republished event,
// so only the relay itself can keep every event on the stream exactly once.
import { EVENTS_STREAM } from '@gov/kernel';
import { Outbox, OutboxRelay } from '@gov/platform-outbox';
import { CE_AGGREGATE_VERSION, ensureStreams } from '@gov/platform-messaging';
import { runMigrations, type MikroORM } from '@gov/platform-persistence';
import { outboxOnlyOrm } from './outbox.fixture.js';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';


const NATS_SERVER = process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server';
const DUPLICATE_WINDOW_MS = 1000;
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const t = new TestContext();
const schema = t.schema('outboxoutage');
const outbox = new Outbox(schema, 'outboxoutage');
const store = mkdtempSync(join(tmpdir(), 'outbox-outage-'));
let port: number;
let server: ChildProcess | undefined;
let orm: MikroORM;
let nc: NatsConnection;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** nats-server with JetStream on `on` (the relay's port unless told), its store under `store`; resolves once it accepts clients. */
async function startServer(on = port): Promise<ChildProcess> {
  const child = spawn(NATS_SERVER, ['-js', '-a', '127.0.0.1', '-p', String(on), '-sd', store], { stdio: 'ignore' });
  await eventually(async () => {
    if (child.exitCode !== null) throw new Error(`nats-server exited with ${child.exitCode}`);
    const probe = await connect({ servers: `nats://127.0.0.1:${on}`, reconnect: false });
    await probe.close();
    return true;
  }, 10_000);
  return child;
}

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

async function killServer(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  const child = server;
  server = undefined;
  await stopChild(child, signal);
}

/**
 * Whether the events stream still remembers `msgId` in its duplicate window, asked without storing
 * anything: a publish with that id and a last sequence the stream cannot have is answered as a
 * duplicate while JetStream remembers the id (it checks the id first), else refused as the wrong
 * last sequence.
 */
async function remembers(conn: NatsConnection, subject: string, msgId: string): Promise<boolean> {
  const { state } = await (await jetstreamManager(conn)).streams.info(t.ns.stream(EVENTS_STREAM));
  try {
    const ack = await jetstream(conn).publish(subject, '', { msgID: msgId, expect: { lastSequence: state.last_seq + 1_000_000 } });
    if (!ack.duplicate) throw new Error(`the probe for ${msgId} was stored`);
    return true;
  } catch (err) {
    if (err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamWrongLastSequence) return false;
    throw err;
  }
}

/** Waits (with a deadline) until the events stream no longer remembers `msgId`: its duplicate window has run out. */
async function forgotten(conn: NatsConnection, subject: string, msgId: string): Promise<void> {
  await eventually(async () => ((await remembers(conn, subject, msgId)) ? undefined : true), 20 * DUPLICATE_WINDOW_MS);
}

async function outboxState(): Promise<{ unsent: number; parked: number; attempts: number; withError: number }> {
  const [row] = await orm.em.fork().execute<{ unsent: string; parked: string; attempts: string; with_error: string }[]>(
    `select count(*) filter (where sent_at is null) as unsent, count(*) filter (where parked_at is not null) as parked,
            coalesce(sum(attempts), 0) as attempts, count(*) filter (where last_error is not null) as with_error
       from "${schema}".outbox_event`,
  );
  return { unsent: Number(row!.unsent), parked: Number(row!.parked), attempts: Number(row!.attempts), withError: Number(row!.with_error) };
}

beforeAll(async () => {
  port = await freePort();
  server = await startServer();
  nc = await connect({ servers: `nats://127.0.0.1:${port}`, name: `outage-${t.runId}`, maxReconnectAttempts: -1, reconnectTimeWait: 50 });
  await ensureStreams(nc, t.ns, { duplicateWindowMs: DUPLICATE_WINDOW_MS });
  orm = await outboxOnlyOrm(schema);
  await runMigrations(orm, schema);
});

afterAll(async () => {
  await nc?.close().catch(() => undefined);
  await killServer('SIGTERM');
  await orm?.close(true);
  await t.cleanup();
  rmSync(store, { recursive: true, force: true });
});

describe('outbox relay during a NATS outage longer than the duplicate window', () => {
  it('puts every event on the stream exactly once, in each aggregate\'s order, when NATS dies mid-batch and returns after the window', async () => {
    const aggregates = ['a', 'b', 'c', 'd', 'e', 'f'];
    const ids: string[] = [];
    for (let tx = 0; tx < 60; tx++) {
      await orm.em.fork().transactional(async (em) => {
        for (let k = 0; k < 10; k++) {
          const i = tx * 10 + k;
          const agg = aggregates[i % aggregates.length]!;
          ids.push(await outbox.add(em, { region: 'jingmen/dongbao', aggregate: 'thing', event: 'happened', subjectId: agg, data: { agg, i } }));
        }
      });
    }
    expect(ids).toHaveLength(600);

    // Kill the server when it has taken the 100th event: the relay is in the middle of a batch of 250.
    let seen = 0;
    let killing: Promise<void> | undefined;
    const sub = nc.subscribe(t.ns.subject('evt.>'), {
      callback: () => {
        if (++seen === 100 && !killing) {
          killing = killServer();
        }
      },
    });
    await nc.flush();

    const relay = new OutboxRelay(orm, schema, nc, t.ns, logger, undefined, { batchSize: 250, pollMs: 20, publishTimeoutMs: 1000, maxBackoffMs: 200, maxAttempts: 3 });
    relay.start();
    try {
      await eventually(async () => (killing ? true : undefined), 10_000);
      await killing;
      const during = await outboxState();
      expect(during.unsent).toBeGreaterThan(0);
      expect(during.unsent).toBeLessThan(600);
      // The relay runs into the outage and records it on the row it could not send.
      await eventually(async () => ((await outboxState()).withError > 0 ? true : undefined), 10_000);

      // The outage itself: the server comes back for the relay only once JetStream has forgotten
      // every event it stored before it died, so it would store a republished one again. Asked of
      // the same store on a port the relay does not know: the last event stored was the last one
      // remembered (ids leave the window in the order they came), so once it is forgotten all are.
      const asidePort = await freePort();
      const aside = await startServer(asidePort);
      try {
        const probe = await connect({ servers: `nats://127.0.0.1:${asidePort}`, reconnect: false });
        try {
          const stream = t.ns.stream(EVENTS_STREAM);
          const jsm = await jetstreamManager(probe);
          const last = await jsm.streams.getMessage(stream, { seq: (await jsm.streams.info(stream)).state.last_seq });
          await forgotten(probe, last!.subject, last!.header.get('Nats-Msg-Id'));
        } finally {
          await probe.close();
        }
      } finally {
        await stopChild(aside, 'SIGTERM');
      }
      server = await startServer();

      await eventually(async () => ((await outboxState()).unsent === 0 ? true : undefined), 30_000);
    } finally {
      await relay.stop();
      sub.unsubscribe();
    }

    const events = await readEvents(nc, t.ns);
    const copies = new Map<string, number>();
    for (const e of events) copies.set(e.id, (copies.get(e.id) ?? 0) + 1);
    expect([...copies.entries()].filter(([, n]) => n > 1)).toEqual([]);
    expect(events).toHaveLength(600);
    expect(new Set(events.map((e) => e.id))).toEqual(new Set(ids));

    // Each aggregate's events in commit order, numbered 1, 2, 3… on the way.
    for (const agg of aggregates) {
      const mine = events.filter((e) => e.subject === agg);
      expect(mine.map((e) => (e.data as { i: number }).i)).toEqual([...mine.map((e) => (e.data as { i: number }).i)].sort((x, y) => x - y));
      expect(mine.map((e) => Number(e.headers.get(CE_AGGREGATE_VERSION)))).toEqual(mine.map((_, n) => n + 1));
    }

    // The outage was nobody's fault: nothing was counted against a row, nothing parked (maxAttempts 3).
    const after = await outboxState();
    expect(after).toMatchObject({ unsent: 0, parked: 0, attempts: 0 });
  });

  it('marks a row whose event was stored but never acknowledged as sent, without publishing it again after the window', async () => {
    const id = await orm.em.fork().transactional((em) => outbox.add(em, { region: 'jingmen/dongbao', aggregate: 'thing', event: 'happened', subjectId: 'unacked', data: { i: 0 } }));
    expect(await new OutboxRelay(orm, schema, nc, t.ns, logger).drain()).toBe(1);
    // JetStream stored it, but the ack never reached the relay (the server died first): the row is still unsent.
    await orm.em.fork().execute(`update "${schema}".outbox_event set sent_at = null where id = ?`, [id]);
    // Until the duplicate window has run out for it: JetStream would keep a second copy.
    const [stored] = await readEvents(nc, t.ns, (e) => e.id === id);
    expect(await remembers(nc, stored!.natsSubject, id)).toBe(true);
    await forgotten(nc, stored!.natsSubject, id);

    // A new relay (a restarted process) takes the lock and finds the event already on the stream.
    expect(await new OutboxRelay(orm, schema, nc, t.ns, logger).drain()).toBe(1);
    expect((await outboxState()).unsent).toBe(0);
    expect(await readEvents(nc, t.ns, (e) => e.id === id)).toHaveLength(1);
  });
});
