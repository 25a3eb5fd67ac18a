// Rows whose publish always fails while JetStream is fine: they are parked after maxAttempts and
// never hold up the rows behind them; releaseParked sends them again.
import { Outbox, OutboxRelay, releaseParked } from '@gov/platform-outbox';
import { eventSubject } from '@gov/kernel';
import { CE_AGGREGATE_VERSION, ensureStreams } from '@gov/platform-messaging';
import { Metrics } from '@gov/platform-observability';
import { runMigrations, type MikroORM } from '@gov/platform-persistence';
import { outboxOnlyOrm } from './outbox.fixture.js';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';


const MAX_ATTEMPTS = 3;
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const t = new TestContext();
const schema = t.schema('outboxparking');
const outbox = new Outbox(schema, 'outboxparking');
let orm: MikroORM;
let nc: NatsConnection;

interface Row {
  id: string;
  sent_at: string | null;
  parked_at: string | null;
  attempts: number;
  last_error: string | null;
  aggregate_version: string;
}

async function commitEvent(agg: string, data: Record<string, unknown> = {}): Promise<string> {
  return orm.em.fork().transactional((em) => outbox.add(em, { region: 'jingmen/dongbao', aggregate: 'thing', event: 'happened', subjectId: agg, data: { agg, ...data } }));
}

async function row(id: string): Promise<Row> {
  const [r] = await orm.em.fork().execute<Row[]>(`select id, sent_at, parked_at, attempts, last_error, aggregate_version from "${schema}".outbox_event where id = ?`, [id]);
  return r!;
}

async function parkedCount(metrics: Metrics): Promise<number> {
  return (await metrics.outboxParked.get()).values.reduce((n, v) => n + v.value, 0);
}

beforeAll(async () => {
  nc = await t.nats();
  await ensureStreams(nc, t.ns);
  orm = await outboxOnlyOrm(schema);
  await runMigrations(orm, schema);
});
afterAll(async () => {
  await orm.close(true);
  await t.cleanup();
});

describe('outbox rows that cannot be published', () => {
  it('parks a row after maxAttempts failed publishes, counts and keeps the error, and sends the rows behind it — its own aggregate\'s too', async () => {
    const a1 = await commitEvent('a', { n: 1 });
    // A subject no stream takes (JetStream answers "no responders"), e.g. a mistyped or retired one.
    const unbound = await commitEvent('b', { n: 1 });
    await orm.em.fork().execute(`update "${schema}".outbox_event set subject = 'nostream.thing.happened.v1' where id = ?`, [unbound]);
    const b2 = await commitEvent('b', { n: 2 });
    // Larger than the server's max_payload (1 MB): the client refuses to send it.
    const oversized = await commitEvent('c', { n: 1, blob: 'x'.repeat(1_100_000) });
    const a2 = await commitEvent('a', { n: 2 });
    const c2 = await commitEvent('c', { n: 2 });

    const metrics = new Metrics('outboxparking', false);
    const relay = new OutboxRelay(orm, schema, nc, t.ns, logger, metrics, { pollMs: 20, maxAttempts: MAX_ATTEMPTS });
    relay.start();
    try {
      await eventually(async () => {
        const rows = await Promise.all([a1, unbound, b2, oversized, a2, c2].map(row));
        return rows.every((r) => r.sent_at || r.parked_at) ? rows : undefined;
      }, 10_000);
    } finally {
      await relay.stop();
    }

    for (const id of [unbound, oversized]) {
      const r = await row(id);
      expect(r).toMatchObject({ sent_at: null, attempts: MAX_ATTEMPTS });
      expect(r.parked_at).not.toBeNull();
      expect(r.last_error).toMatch(/^rejected: /);
    }
    expect((await row(unbound)).last_error).toMatch(/jetstream is not enabled|no responders/i);
    expect((await row(oversized)).last_error).toMatch(/max_payload/);
    expect(await parkedCount(metrics)).toBe(2);
    expect((await metrics.outboxPublishFailures.get()).values).toEqual([expect.objectContaining({ labels: { reason: 'rejected' }, value: 2 * MAX_ATTEMPTS })]);

    // Everything else went out, the rows of the parked rows' aggregates included, in their order.
    for (const id of [a1, b2, a2, c2]) expect((await row(id)).sent_at).not.toBeNull();
    expect(new Date((await row(b2)).sent_at!).getTime()).toBeGreaterThanOrEqual(new Date((await row(unbound)).parked_at!).getTime());
    const events = await readEvents(nc, t.ns);
    expect(events.map((e) => e.id).sort()).toEqual([a1, b2, a2, c2].sort());
    // Each aggregate in its order (b2 waited while the row before it was retried; a2 did not have
    // to). b's and c's version 1 are missing on the stream: a consumer sees the gap.
    const versions = (agg: string) => events.filter((e) => e.subject === agg).map((e) => e.headers.get(CE_AGGREGATE_VERSION));
    expect([versions('a'), versions('b'), versions('c')]).toEqual([['1', '2'], ['2'], ['2']]);

    // Once the cause is fixed (here: the subject), releasing the row sends it on the next pass.
    await orm.em.fork().execute(`update "${schema}".outbox_event set subject = ? where id = ?`, [eventSubject('dongbao', 'outboxparking', 'thing', 'happened'), unbound]);
    expect(await releaseParked(orm, schema, [unbound])).toBe(1);
    expect(await row(unbound)).toMatchObject({ parked_at: null, attempts: 0 });
    const again = new OutboxRelay(orm, schema, nc, t.ns, logger, metrics, { pollMs: 20, maxAttempts: MAX_ATTEMPTS });
    again.start();
    try {
      await eventually(async () => ((await row(unbound)).sent_at ? true : undefined));
      // The oversized row was not released: still parked, not tried again.
      expect(await row(oversized)).toMatchObject({ sent_at: null, attempts: MAX_ATTEMPTS });
      expect((await row(oversized)).parked_at).not.toBeNull();
    } finally {
      await again.stop();
    }
    const late = await readEvents(nc, t.ns, (e) => e.id === unbound);
    expect(late).toHaveLength(1);
    // It arrives after b's version 2: consumers that keep the newest version ignore it as stale.
    expect(late[0]!.headers.get(CE_AGGREGATE_VERSION)).toBe('1');

    // Releasing everything that is parked: the oversized row fails again and is parked again, and
    // the row of its aggregate behind it goes out in the same pass.
    expect(await releaseParked(orm, schema)).toBe(1);
    expect(await releaseParked(orm, schema, [])).toBe(0);
    const c3 = await commitEvent('c', { n: 3 });
    expect(await new OutboxRelay(orm, schema, nc, t.ns, logger, metrics, { maxAttempts: 1 }).drain()).toBe(1);
    expect((await row(c3)).sent_at).not.toBeNull();
    expect(await row(oversized)).toMatchObject({ sent_at: null, attempts: 1 });
    expect((await row(oversized)).parked_at).not.toBeNull();
    expect(await parkedCount(metrics)).toBe(3);
  });
});
