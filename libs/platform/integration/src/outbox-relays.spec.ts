// Several replicas of one service: one relay sends, the others stand by, and each aggregate's
// events reach the stream in commit order, numbered by the aggregate's version.
import { OUTBOX_LOCK_CLASS, Outbox, OutboxRelay } from '@gov/platform-outbox';
import { CE_AGGREGATE_VERSION, ensureStreams } from '@gov/platform-messaging';
import { runMigrations, type MikroORM } from '@gov/platform-persistence';
import { outboxOnlyOrm } from './outbox.fixture.js';
import { TestContext, eventually, readEvents, type StoredEvent } from '@gov/platform-testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';


const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const t = new TestContext();
const schema = t.schema('outboxrelays');
const outbox = new Outbox(schema, 'outboxrelays');
const orms: MikroORM[] = [];
const relays: OutboxRelay[] = [];
let orm: MikroORM;
let nc: NatsConnection;

async function newOrm(): Promise<MikroORM> {
  const o = await outboxOnlyOrm(schema);
  orms.push(o);
  return o;
}

function newRelay(o: MikroORM): OutboxRelay {
  const r = new OutboxRelay(o, schema, nc, t.ns, logger, undefined, { batchSize: 5, pollMs: 20, standbyMs: 20 });
  relays.push(r);
  return r;
}

async function commitEvent(o: MikroORM, agg: string, i: number): Promise<string> {
  return o.em.fork().transactional((em) => outbox.add(em, { region: 'jingmen/dongbao', aggregate: 'thing', event: 'happened', subjectId: agg, data: { agg, i } }));
}

async function unsentCount(): Promise<number> {
  const [row] = await orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from "${schema}".outbox_event where sent_at is null`);
  return Number(row!.n);
}

/** Backends holding this schema's relay lock. */
async function lockHolders(): Promise<number[]> {
  const rows = await orm.em.fork().execute<{ pid: number }[]>(
    `select pid from pg_locks where locktype = 'advisory' and granted and classid = ? and objid = hashtext(?)::oid`,
    [OUTBOX_LOCK_CLASS, schema],
  );
  return rows.map((r) => r.pid);
}

function expectOnceEachInOrder(events: StoredEvent[], ids: string[], aggregates: string[], perAggregate: number) {
  const copies = new Map<string, number>();
  for (const e of events) copies.set(e.id, (copies.get(e.id) ?? 0) + 1);
  expect([...copies.entries()].filter(([, n]) => n > 1)).toEqual([]);
  expect(new Set(events.map((e) => e.id))).toEqual(new Set(ids));
  for (const agg of aggregates) {
    const mine = events.filter((e) => e.subject === agg);
    // In the order they were committed, numbered 1, 2, 3… by the aggregate's version.
    expect(mine.map((e) => (e.data as { i: number }).i)).toEqual(Array.from({ length: perAggregate }, (_, i) => i));
    expect(mine.map((e) => Number(e.headers.get(CE_AGGREGATE_VERSION)))).toEqual(Array.from({ length: perAggregate }, (_, i) => i + 1));
  }
}

beforeAll(async () => {
  nc = await t.nats();
  await ensureStreams(nc, t.ns);
  orm = await newOrm();
  await runMigrations(orm, schema);
});
afterAll(async () => {
  for (const r of relays) await r.stop();
  for (const o of orms) await o.close(true);
  await t.cleanup();
});
afterEach(async () => {
  for (const r of relays.splice(0)) await r.stop();
});

describe('outbox relays of several replicas', () => {
  it('keeps each aggregate\'s events in commit order on the stream with two relays running against one schema', async () => {
    const replicas = [orm, await newOrm()];
    const [a, b] = replicas.map((o) => newRelay(o));
    a!.start();
    b!.start();
    // Five writers, one aggregate each, spread over both replicas; each commit nudges its replica's relay.
    const aggregates = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5'];
    const ids: string[] = [];
    await Promise.all(
      aggregates.map(async (agg, w) => {
        for (let i = 0; i < 40; i++) {
          ids.push(await commitEvent(replicas[(w + i) % 2]!, agg, i));
          [a, b][(w + i) % 2]!.nudge();
        }
      }),
    );
    await eventually(async () => ((await unsentCount()) === 0 ? true : undefined), 20_000);
    // Exactly one of them holds the lock and did the sending; the other stands by.
    expect([a!.isActive, b!.isActive].filter(Boolean)).toHaveLength(1);
    expect(await lockHolders()).toHaveLength(1);

    const events = await readEvents(nc, t.ns, (e) => aggregates.includes(e.subject));
    expect(events).toHaveLength(200);
    expectOnceEachInOrder(events, ids, aggregates, 40);
  });

  it('hands the outbox on when the active relay\'s connection dies: one relay leads again, in order, sending nothing twice', async () => {
    const first = newRelay(orm);
    first.start();
    await eventually(async () => (first.isActive ? true : undefined));
    const second = newRelay(await newOrm());
    second.start();

    const aggregates = ['handover-1', 'handover-2', 'handover-3'];
    const ids: string[] = [];
    let killed = false;
    await Promise.all(
      aggregates.map(async (agg) => {
        for (let i = 0; i < 50; i++) {
          ids.push(await commitEvent(orm, agg, i));
          first.nudge();
          if (ids.length === 60 && !killed) {
            killed = true;
            // The active relay's process "dies" as far as PostgreSQL can tell: its session ends, the lock with it.
            const [holder] = await lockHolders();
            await orm.em.fork().execute(`select pg_terminate_backend(?)`, [holder]);
          }
        }
      }),
    );
    expect(killed).toBe(true);
    // Whoever takes the lock first leads: usually the standby, but on a loaded machine the first
    // relay may reconnect before the standby's next try. Either way exactly one leads.
    await eventually(async () => ((await unsentCount()) === 0 ? true : undefined), 30_000);
    await eventually(async () => ([first.isActive, second.isActive].filter(Boolean).length === 1 ? true : undefined), 10_000);
    expect(await lockHolders()).toHaveLength(1);

    const events = await readEvents(nc, t.ns, (e) => aggregates.includes(e.subject));
    expect(events).toHaveLength(150);
    expectOnceEachInOrder(events, ids, aggregates, 50);
  });

  it('numbers an aggregate\'s events 1, 2, 3… in commit order when transactions race, leaving no gap for one that rolled back', async () => {
    const agg = 'race';
    // 20 transactions at once on one aggregate; one of them rolls back after adding its event.
    const results = await Promise.allSettled(
      Array.from({ length: 21 }, (_, i) =>
        orm.em.fork().transactional(async (em) => {
          const id = await outbox.add(em, { region: 'jingmen/dongbao', aggregate: 'thing', event: 'happened', subjectId: agg, data: { agg, i } });
          await em.execute(`select pg_sleep(0.005)`);
          if (i === 7) throw new Error('rolled back after its event was added');
          return id;
        }),
      ),
    );
    const ids = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(ids).toHaveLength(20);
    const rows = await orm.em.fork().execute<{ id: string; aggregate_version: string }[]>(
      `select id, aggregate_version from "${schema}".outbox_event where source = ? order by seq`,
      [`/gov/outboxrelays/thing/${agg}`],
    );
    // No gaps, no repeats, and the commit order (seq) is the version order.
    expect(rows.map((r) => Number(r.aggregate_version))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    expect(await newRelay(orm).drain()).toBe(20);
    const events = await readEvents(nc, t.ns, (e) => e.subject === agg);
    expect(events.map((e) => e.id)).toEqual(rows.map((r) => r.id));
    expect(events.map((e) => Number(e.headers.get(CE_AGGREGATE_VERSION)))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('sends nothing from a relay that finds the lock taken: drain() on a standby returns 0', async () => {
    const active = newRelay(orm);
    active.start();
    await eventually(async () => (active.isActive ? true : undefined));
    const id = await commitEvent(orm, 'standby', 0);
    expect(await newRelay(await newOrm()).drain()).toBe(0);
    await eventually(async () => ((await unsentCount()) === 0 ? true : undefined));
    expect(await readEvents(nc, t.ns, (e) => e.id === id)).toHaveLength(1);
  });
});
