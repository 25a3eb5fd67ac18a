import { Inbox, OUTBOX_TABLES_SQL, Outbox, OutboxRelay } from '@gov/platform-outbox';
import 'reflect-metadata';
import { eventSubject, type DomainEvent } from '@gov/kernel';
import { EventConsumer, ensureStreams, toCloudEventHeaders } from '@gov/platform-messaging';
import { initOrm, runMigrations, type EntityManager, type MikroORM } from '@gov/platform-persistence';
import { TEST_DATABASE_URL, TestContext, eventually, readEvents, type StoredEvent } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';

/** A stand-in for a service's own data: a named counter the tests change together with events. */
@Entity({ tableName: 'counter' })
class Counter {
  @PrimaryKey({ type: 'text' }) name!: string;
  @Property({ type: 'integer' }) value!: number;
  @Property({ type: 'integer', nullable: true }) lastAttempt?: number | null;
}

class TestMigration extends Migration {
  override up(): void {
    this.addSql(`create table counter (name text primary key, value int not null default 0, last_attempt int)`);
    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}

const logger = pino({ level: 'silent' });
const t = new TestContext();
const schema = t.schema('outboxtest');
const outbox = new Outbox(schema, 'outboxtest');
const orms: MikroORM[] = [];
let orm: MikroORM;
let nc: NatsConnection;

async function newOrm(): Promise<MikroORM> {
  const o = await initOrm({ databaseUrl: TEST_DATABASE_URL, schema, entities: [Counter], migrations: [{ name: '001-test', class: TestMigration }], poolMax: 5 });
  orms.push(o);
  return o;
}

function newRelay(o = orm, batchSize?: number): OutboxRelay {
  return new OutboxRelay(o, schema, nc, t.ns, logger, undefined, { batchSize, pollMs: 20 });
}

/** Commits a counter change and one outbox event in one transaction; returns the event id. */
async function commitEvent(counter: string, data: Record<string, unknown> = {}): Promise<string> {
  return orm.em.fork().transactional(async (em) => {
    await em.execute(`insert into "${schema}".counter (name, value) values (?, 1) on conflict (name) do update set value = counter.value + 1`, [counter]);
    return outbox.add(em, { region: 'jingmen/dongbao/longquan', aggregate: 'thing', event: 'happened', subjectId: counter, data: { counter, ...data } });
  });
}

async function counterValue(name: string): Promise<{ value: number; last_attempt: number | null } | undefined> {
  const [row] = await orm.em.fork().execute<{ value: number; last_attempt: number | null }[]>(`select value, last_attempt from "${schema}".counter where name = ?`, [name]);
  return row;
}

async function eventsWithIds(ids: string[]): Promise<StoredEvent[]> {
  return readEvents(nc, t.ns, (e) => ids.includes(e.id));
}

function countById(events: StoredEvent[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of events) out[e.id] = (out[e.id] ?? 0) + 1;
  return out;
}

async function unsentCount(): Promise<number> {
  const [row] = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from "${schema}".outbox_event where sent_at is null`);
  return Number(row!.n);
}

beforeAll(async () => {
  nc = await t.nats();
  await ensureStreams(nc, t.ns);
  orm = await newOrm();
  await runMigrations(orm, schema);
});
afterAll(async () => {
  for (const o of orms) await o.close(true);
  await t.cleanup();
});

describe('transactional outbox', () => {
  it('never publishes an event whose transaction rolled back; publishes a committed one once with Nats-Msg-Id = ce-id = outbox id', async () => {
    let rolledBackId: string | undefined;
    await expect(
      orm.em.fork().transactional(async (em) => {
        await em.execute(`insert into "${schema}".counter (name, value) values ('rollback', 1)`);
        rolledBackId = await outbox.add(em, { region: 'jingmen/dongbao', aggregate: 'thing', event: 'happened', subjectId: 'rollback', data: { counter: 'rollback' } });
        throw new Error('business rule failed after the event was added');
      }),
    ).rejects.toThrow('business rule failed');
    expect(rolledBackId).toBeDefined();
    const committedId = await commitEvent('commit');

    const relay = newRelay();
    expect(await relay.drain()).toBe(1);

    const events = await eventsWithIds([rolledBackId!, committedId]);
    expect(events).toHaveLength(1);
    const [e] = events;
    expect(e!.id).toBe(committedId);
    expect(e!.headers.get('ce-id')).toBe(committedId);
    expect(e!.headers.get('Nats-Msg-Id')).toBe(committedId);
    expect(e!.type).toBe('gov.outboxtest.thing.happened.v1');
    expect(e!.natsSubject).toBe(t.ns.subject(eventSubject('dongbao', 'outboxtest', 'thing', 'happened')));
    expect(e!.county).toBe('dongbao');
    expect(e!.subject).toBe('commit');
    expect(e!.data).toEqual({ counter: 'commit' });
    // The rolled-back change left nothing behind either.
    expect(await counterValue('rollback')).toBeUndefined();
    expect(await counterValue('commit')).toMatchObject({ value: 1 });
    expect(await unsentCount()).toBe(0);

    // A second pass finds nothing more to send.
    expect(await relay.drain()).toBe(0);
    expect(await eventsWithIds([committedId])).toHaveLength(1);
  });

  it('publishes events committed while no relay ran (crash between commit and publish) exactly once after restart', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await commitEvent('crash-before-publish', { i }));
    // "Process died": nothing was sent.
    expect(await eventsWithIds(ids)).toHaveLength(0);
    expect(await unsentCount()).toBe(5);

    const relay = newRelay();
    relay.start();
    try {
      await eventually(async () => ((await eventsWithIds(ids)).length >= ids.length ? true : undefined));
      await eventually(async () => ((await unsentCount()) === 0 ? true : undefined));
    } finally {
      await relay.stop();
    }
    // Another full pass finds nothing to send again.
    expect(await newRelay().drain()).toBe(0);
    const events = await eventsWithIds(ids);
    expect(countById(events)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    // In commit order.
    expect(events.map((e) => (e.data as { i: number }).i)).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps one copy on the stream when the relay republishes a row whose "sent" mark was lost (crash after publish)', async () => {
    const id = await commitEvent('lost-mark');
    const relay = newRelay();
    expect(await relay.drain()).toBe(1);
    expect(await eventsWithIds([id])).toHaveLength(1);

    // The process died after JetStream's ack but before the mark committed.
    await orm.em.fork().execute(`update "${schema}".outbox_event set sent_at = null where id = ?`, [id]);
    expect(await unsentCount()).toBe(1);
    // Published again with the same Nats-Msg-Id: JetStream's duplicate window drops it.
    expect(await relay.drain()).toBe(1);
    expect(await unsentCount()).toBe(0);
    const events = await eventsWithIds([id]);
    expect(events).toHaveLength(1);
    expect(events[0]!.headers.get('Nats-Msg-Id')).toBe(id);
  });

  it('lets two relays drain the same outbox concurrently without sending any row twice (one holds the outbox lock)', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await commitEvent('concurrent', { i }));
    const otherReplica = await newOrm();
    const a = newRelay(orm, 5);
    const b = newRelay(otherReplica, 5);
    const [sentA, sentB] = await Promise.all([a.drain(), b.drain()]);
    // Every row was published by exactly one of them: the counts add up, no more. The one that
    // found the lock taken sent nothing.
    expect(sentA + sentB).toBe(ids.length);
    expect(Math.min(sentA, sentB)).toBe(0);
    expect(await unsentCount()).toBe(0);
    const events = await eventsWithIds(ids);
    expect(countById(events)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
  });
});

describe('inbox', () => {
  /** A consumer's handler whose effects run through the inbox, as an @EventPattern handler's do. */
  const handleOnce = (consumer: string, effects: (event: DomainEvent, em: EntityManager) => Promise<void>) => (event: DomainEvent) =>
    new Inbox(orm, schema).once(consumer, event.id, (em) => effects(event, em)).then(() => undefined);

  /** Publishes one CloudEvent on an inbox-test subject; `msgId` lets the stream keep a redelivered copy. */
  async function publish(event: Omit<DomainEvent, 'data' | 'time' | 'source' | 'subject' | 'county'>, data: unknown, msgId: string, eventName: string) {
    const h = toCloudEventHeaders({ ...event, source: '/gov/inboxtest/thing/1', subject: '1', time: new Date().toISOString(), county: 'dongbao' });
    h.set('Nats-Msg-Id', msgId);
    await jetstream(nc).publish(t.ns.subject(eventSubject('dongbao', 'inboxtest', 'thing', eventName)), JSON.stringify(data), { msgID: msgId, headers: h });
  }

  async function inboxRows(consumer: string, eventId: string): Promise<number> {
    const [row] = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from "${schema}".inbox_event where consumer = ? and event_id = ?`, [consumer, eventId]);
    return Number(row!.n);
  }

  it('applies an event delivered twice only once', async () => {
    const calls: string[] = [];
    const once = handleOnce('inbox-once', async (_event, em) => {
      await em.execute(`insert into "${schema}".counter (name, value) values ('inbox-once', 1) on conflict (name) do update set value = counter.value + 1`);
    });
    const consumer = new EventConsumer(
      nc,
      t.ns,
      { durable: 'inbox-once', filterSubject: 'evt.*.inboxtest.thing.once.v1', backoffMs: () => 50 },
      async (e) => {
        calls.push(e.id);
        await once(e);
      },
      logger,
    );
    await consumer.start();
    try {
      const eventId = randomUUID();
      // The same event twice (e.g. a producer that republished after its duplicate window ran out).
      await publish({ id: eventId, type: 'gov.inboxtest.thing.once.v1' }, { n: 1 }, randomUUID(), 'once');
      await publish({ id: eventId, type: 'gov.inboxtest.thing.once.v1' }, { n: 1 }, randomUUID(), 'once');
      await eventually(async () => (calls.length >= 2 ? true : undefined));
      expect(calls).toEqual([eventId, eventId]);
      expect(await counterValue('inbox-once')).toMatchObject({ value: 1 });
      expect(await inboxRows('inbox-once', eventId)).toBe(1);

      // Delivered straight to the handler once more: still no change.
      await once({ id: eventId, type: 'gov.inboxtest.thing.once.v1', source: '/x', subject: '1', time: new Date().toISOString(), county: 'dongbao', data: {} });
      expect(await counterValue('inbox-once')).toMatchObject({ value: 1 });

      // Another consumer keeps its own inbox: the same event is new to it.
      const other = handleOnce('inbox-other', async (_event, em) => {
        await em.execute(`update "${schema}".counter set value = value + 10 where name = 'inbox-once'`);
      });
      await other({ id: eventId, type: 'gov.inboxtest.thing.once.v1', source: '/x', subject: '1', time: new Date().toISOString(), county: 'dongbao', data: {} });
      expect(await counterValue('inbox-once')).toMatchObject({ value: 11 });
    } finally {
      await consumer.stop();
    }
  });

  it('rolls back both the write and the inbox row when the handler throws, so the redelivery applies the event', async () => {
    let attempts = 0;
    const once = handleOnce('inbox-retry', async (_event, em) => {
      attempts++;
      await em.execute(`insert into "${schema}".counter (name, value, last_attempt) values ('inbox-retry', 1, ?) on conflict (name) do update set value = counter.value + 1, last_attempt = excluded.last_attempt`, [attempts]);
      if (attempts === 1) throw new Error('downstream hiccup after the write');
    });
    // Counts handled deliveries once their transaction has ended (committed or rolled back).
    let settled = 0;
    const handler = (event: DomainEvent) => once(event).finally(() => settled++);
    const consumer = new EventConsumer(nc, t.ns, { durable: 'inbox-retry', filterSubject: 'evt.*.inboxtest.thing.retry.v1', maxDeliver: 3, backoffMs: () => 700 }, handler, logger);
    await consumer.start();
    try {
      const eventId = randomUUID();
      await publish({ id: eventId, type: 'gov.inboxtest.thing.retry.v1' }, {}, eventId, 'retry');
      // Between the failure and the redelivery: neither the write nor the inbox row is there.
      await eventually(async () => (settled >= 1 ? true : undefined));
      expect(attempts).toBe(1);
      expect(await counterValue('inbox-retry')).toBeUndefined();
      expect(await inboxRows('inbox-retry', eventId)).toBe(0);
      await eventually(async () => (attempts >= 2 ? true : undefined));
      await eventually(async () => ((await inboxRows('inbox-retry', eventId)) === 1 ? true : undefined));
      // Applied exactly once, by the second delivery.
      expect(await counterValue('inbox-retry')).toEqual({ value: 1, last_attempt: 2 });
      expect(attempts).toBe(2);
    } finally {
      await consumer.stop();
    }
  });
});
