// The durable event consumer under trouble, against the real NATS: a dead-letter stream that is
// gone, a consumer deleted under it, a handler slower than the ack wait. Each test has its own
// subject prefix and streams, since some of them delete streams or consumers.
import { DLQ_STREAM, EVENTS_STREAM, eventSubject, type DomainEvent } from '@gov/kernel';
import { EventConsumer, ensureStreams, toCloudEventHeaders, type ConsumerOptions } from '@gov/platform-messaging';
import { Metrics } from '@gov/platform-observability';
import { TestContext, eventually } from '@gov/platform-testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';

const TYPE = 'gov.test.thing.happened.v1';

/** One test's slice of NATS, a log that can be read back, and a metrics registry. */
async function setUp() {
  const t = new TestContext();
  const nc = await t.nats();
  await ensureStreams(nc, t.ns);
  const logs: Array<{ level: number; msg: string; eventId?: string; consumer?: string }> = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const metrics = new Metrics('consumer-test', false);
  const consumers: EventConsumer[] = [];
  const jsm = await jetstreamManager(nc);
  return {
    t,
    nc,
    logs,
    metrics,
    jsm,
    consumer(opts: ConsumerOptions, handler: (e: DomainEvent) => Promise<void>) {
      const c = new EventConsumer(nc, t.ns, opts, handler, logger, metrics);
      consumers.push(c);
      return c;
    },
    async publish(id: string, data: unknown) {
      const h = toCloudEventHeaders({ id, type: TYPE, source: `/gov/test/thing/${id}`, subject: id, time: new Date().toISOString(), county: 'dongbao' });
      await jetstream(nc).publish(t.ns.subject(eventSubject('dongbao', 'test', 'thing', 'happened')), JSON.stringify(data), { msgID: id, headers: h });
    },
    /** How many times the consumer's events ended with `outcome`. */
    async counted(durable: string, outcome: string) {
      const { values } = await metrics.eventsConsumed.get();
      return values.filter((v) => v.labels.consumer === durable && v.labels.outcome === outcome).reduce((n, v) => n + v.value, 0);
    },
    async restarts(durable: string) {
      const metric = metrics.registry.getSingleMetric('gov_event_consumer_restarts_total');
      const values = metric ? (await metric.get()).values : [];
      return values.filter((v) => v.labels.consumer === durable).reduce((n, v) => n + v.value, 0);
    },
    async deadLetters(durable: string) {
      const info = await jsm.streams.info(t.ns.stream(DLQ_STREAM)).catch(() => null);
      if (!info) return [];
      const found = [];
      for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
        const m = await jsm.streams.getMessage(t.ns.stream(DLQ_STREAM), { seq }).catch(() => null);
        if (m && m.subject === t.ns.subject(`dlq.${durable}`)) found.push(m);
      }
      return found;
    },
    async tearDown() {
      await Promise.allSettled(consumers.map((c) => c.stop()));
      await t.cleanup();
    },
  };
}

type Env = Awaited<ReturnType<typeof setUp>>;
let env: Env;
beforeEach(async () => {
  env = await setUp();
});
afterEach(() => env.tearDown());

describe('EventConsumer under trouble', () => {
  it('keeps handling later events when a dead-letter publish fails, and dead-letters the event once it can', async () => {
    const { nc, t, jsm } = env;
    const durable = 'dlq-down';
    // No dead-letter stream: a publish to dlq.> has no responder and fails.
    await jsm.streams.delete(t.ns.stream(DLQ_STREAM));
    const attempts = new Map<string, number>();
    const handled: string[] = [];
    await env
      .consumer({ durable, filterSubject: 'evt.*.test.>', maxDeliver: 2, backoffMs: () => 50 }, async (e) => {
        attempts.set(e.id, (attempts.get(e.id) ?? 0) + 1);
        if ((e.data as { poison?: boolean }).poison) throw new Error('poison');
        handled.push(e.id);
      })
      .start();

    const poison = randomUUID();
    await env.publish(poison, { poison: true });
    // Not a CloudEvent at all: it cannot be parsed, so it goes straight to the (missing) dead letters.
    await jetstream(nc).publish(t.ns.subject(eventSubject('dongbao', 'test', 'thing', 'happened')), 'not json');
    await eventually(async () => ((await env.counted(durable, 'dead-letter-failed')) >= 2 ? true : undefined));

    const healthy = randomUUID();
    await env.publish(healthy, { poison: false });
    await eventually(async () => (handled.includes(healthy) ? true : undefined));
    expect(env.logs.some((l) => l.level >= 50 && l.eventId === poison && /dead-letter publish failed/.test(l.msg))).toBe(true);

    // Nothing was acked while the dead letters were unreachable: once the stream is back, both arrive there.
    await ensureStreams(nc, t.ns);
    const letters = await eventually(async () => {
      const found = await env.deadLetters(durable);
      return found.length >= 2 ? found : undefined;
    }, 10_000);
    expect(letters.map((m) => m.header.get('gov-dlq-reason')).sort()).toEqual(['handler-failed', 'malformed']);
    const poisoned = letters.find((m) => m.header.get('ce-id') === poison)!;
    expect(Number(poisoned.header.get('gov-dlq-deliveries'))).toBeGreaterThan(2);
    // The handler had its two attempts; the deliveries after those only retried the dead-letter publish.
    expect(attempts.get(poison)).toBe(2);
    expect(attempts.get(healthy)).toBe(1);
    await eventually(async () => ((await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), durable)).num_ack_pending === 0 ? true : undefined));
  });

  it('re-creates its consumer when it is deleted, logs and counts the restart, and goes on handling', async () => {
    const { t, jsm } = env;
    const durable = 'deleted-under-it';
    const handled: string[] = [];
    await env
      .consumer({ durable, filterSubject: 'evt.*.test.>', restartBackoffMs: () => 20 }, async (e) => {
        handled.push(e.id);
      })
      .start();
    const before = randomUUID();
    await env.publish(before, {});
    await eventually(async () => (handled.includes(before) ? true : undefined));

    await jsm.consumers.delete(t.ns.stream(EVENTS_STREAM), durable);
    await eventually(async () => ((await env.restarts(durable)) >= 1 ? true : undefined));
    expect(env.logs.some((l) => l.consumer === durable && /message stream ended/.test(l.msg))).toBe(true);

    const after = randomUUID();
    await env.publish(after, {});
    await eventually(async () => (handled.includes(after) ? true : undefined));
    expect((await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), durable)).config.durable_name).toBe(durable);
  });

  it('keeps a handler slower than the ack wait, and the events queued behind it, from redelivery and the dead letters', async () => {
    const { t, jsm } = env;
    const durable = 'slow-handler';
    const ackWaitMs = 1000;
    const calls = new Map<string, number>();
    const done: string[] = [];
    let startedAt = 0;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const [slow, next, last] = [randomUUID(), randomUUID(), randomUUID()];
    await env
      .consumer({ durable, filterSubject: 'evt.*.test.>', ackWaitMs, maxDeliver: 2, backoffMs: () => 50 }, async (e) => {
        calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
        if (e.id === slow) {
          startedAt ||= Date.now();
          await released;
        }
        done.push(e.id);
      })
      .start();
    try {
      await env.publish(slow, {});
      await env.publish(next, {});
      await env.publish(last, {});
      await eventually(async () => (startedAt ? true : undefined));

      // The scenario itself is time: the handler must outlast the ack wait (more than twice, which
      // with maxDeliver 2 would dead-letter every one of the three if they were redelivered).
      await eventually(async () => (Date.now() - startedAt > 2.5 * ackWaitMs ? true : undefined), 10_000);
      const held = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), durable);
      expect(held.num_redelivered).toBe(0);
      expect(held.num_ack_pending).toBe(3);
      expect(env.logs.some((l) => l.eventId === slow && /slower than the ack wait/.test(l.msg))).toBe(true);
    } finally {
      // Also when an expectation failed: stop() waits for the running handler.
      release();
    }
    await eventually(async () => (done.length === 3 ? true : undefined));
    expect(done).toEqual([slow, next, last]);
    expect([...calls.values()]).toEqual([1, 1, 1]);
    await eventually(async () => ((await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), durable)).num_ack_pending === 0 ? true : undefined));
    const after = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), durable);
    expect(after.num_redelivered).toBe(0);
    expect(await env.deadLetters(durable)).toEqual([]);
    expect(await env.counted(durable, 'ok')).toBe(3);
  });
});
