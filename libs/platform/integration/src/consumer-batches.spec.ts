// The durable event consumer with a batch handler, against the real NATS: what arrived together
// goes to one call in stream order, and a batch that fails is taken apart so that only the event
// that fails by itself is retried and dead-lettered. Each test has its own prefix and streams.
import { DLQ_STREAM, EVENTS_STREAM, eventSubject, type DomainEvent } from '@gov/kernel';
import { EventConsumer, ensureStreams, toCloudEventHeaders, type ConsumerOptions, type EventBatchHandler } from '@gov/platform-messaging';
import { Metrics } from '@gov/platform-observability';
import { TestContext, eventually } from '@gov/platform-testing';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';

const TYPE = 'gov.test.thing.happened.v1';

async function setUp() {
  const t = new TestContext();
  const nc = await t.nats();
  await ensureStreams(nc, t.ns);
  const logger = pino({ level: 'silent' });
  const metrics = new Metrics('consumer-batch-test', false);
  const consumers: EventConsumer[] = [];
  const jsm = await jetstreamManager(nc);
  return {
    t,
    jsm,
    consumer(opts: ConsumerOptions, batch: EventBatchHandler) {
      const c = new EventConsumer(nc, t.ns, opts, { batch }, logger, metrics);
      consumers.push(c);
      return c;
    },
    async publish(data: Record<string, unknown> = {}): Promise<string> {
      const id = randomUUID();
      const h = toCloudEventHeaders({ id, type: TYPE, source: `/gov/test/thing/${id}`, subject: id, time: new Date().toISOString(), county: 'dongbao' });
      await jetstream(nc).publish(t.ns.subject(eventSubject('dongbao', 'test', 'thing', 'happened')), JSON.stringify(data), { msgID: id, headers: h });
      return id;
    },
    async publishMalformed(): Promise<void> {
      await jetstream(nc).publish(t.ns.subject(eventSubject('dongbao', 'test', 'thing', 'happened')), 'not json');
    },
    /** The consumer has nothing left: every message handed out was acked. */
    async settled(durable: string): Promise<true | undefined> {
      const info = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), durable);
      return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
    },
    async deadLetterIds(durable: string): Promise<Array<string | undefined>> {
      const info = await jsm.streams.info(t.ns.stream(DLQ_STREAM));
      const found: Array<string | undefined> = [];
      for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
        const m = await jsm.streams.getMessage(t.ns.stream(DLQ_STREAM), { seq }).catch(() => null);
        if (m && m.subject === t.ns.subject(`dlq.${durable}`)) found.push(m.header.get('ce-id') || undefined);
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

const opts = (durable: string, extra: Partial<ConsumerOptions> = {}): ConsumerOptions => ({ durable, filterSubject: 'evt.*.test.>', maxAckPending: 16, maxBatch: 8, backoffMs: () => 20, ...extra });

describe('EventConsumer with a batch handler', () => {
  it('hands what waits to one call, in stream order, at most maxBatch at a time, and acks every event', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await env.publish({ i }));
    const calls: string[][] = [];
    await env.consumer(opts('batches'), async (events: DomainEvent[]) => void calls.push(events.map((e) => e.id))).start();

    await eventually(() => env.settled('batches'), 10_000);
    expect(calls.flat()).toEqual(ids);
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(8);
    // Thirty events waiting for it: they did not go one by one.
    expect(calls.some((c) => c.length > 1)).toBe(true);
  });

  it('takes a failed batch apart: the others are handled alone and acked, only the failing event is retried and dead-lettered', async () => {
    const before = await env.publish();
    const poison = await env.publish({ poison: true });
    const after = await env.publish();
    const handled: string[] = [];
    const tries = new Map<string, number>();
    await env
      .consumer(opts('poisoned', { maxDeliver: 3 }), async (events) => {
        for (const e of events) tries.set(e.id, (tries.get(e.id) ?? 0) + 1);
        // All or nothing, like one transaction: a batch with the poison handles none of its events.
        if (events.some((e) => (e.data as { poison?: boolean }).poison)) throw new Error('poison');
        handled.push(...events.map((e) => e.id));
      })
      .start();

    await eventually(async () => ((await env.deadLetterIds('poisoned')).includes(poison) ? true : undefined), 10_000);
    await eventually(() => env.settled('poisoned'), 10_000);
    expect(handled.sort()).toEqual([before, after].sort());
    // Its three attempts alone, plus the batch it spoiled when it came with the others.
    expect(tries.get(poison)).toBeGreaterThanOrEqual(3);
    expect(tries.get(poison)).toBeLessThanOrEqual(4);
  });

  it('with retryInPlace, tries a failed event again while the later ones wait, so they are handled in stream order', async () => {
    const flaky = await env.publish({ failures: 2 });
    const later = [await env.publish(), await env.publish()];
    const handled: string[] = [];
    let failed = 0;
    await env
      .consumer(opts('in-place', { retryInPlace: true }), async (events) => {
        if (events.some((e) => e.id === flaky) && failed < 2) {
          failed++;
          throw new Error('not yet');
        }
        handled.push(...events.map((e) => e.id));
      })
      .start();

    await eventually(() => env.settled('in-place'), 10_000);
    expect(handled).toEqual([flaky, ...later]);
    expect(failed).toBe(2);
    // Nothing went back to the server to come again behind the others.
    expect((await env.jsm.consumers.info(env.t.ns.stream(EVENTS_STREAM), 'in-place')).num_redelivered).toBe(0);
  });

  it('dead-letters a malformed message on its own and hands the rest of the batch on', async () => {
    const first = await env.publish();
    await env.publishMalformed();
    const last = await env.publish();
    const calls: string[][] = [];
    await env.consumer(opts('malformed'), async (events) => void calls.push(events.map((e) => e.id))).start();

    await eventually(() => env.settled('malformed'), 10_000);
    expect(calls.flat()).toEqual([first, last]);
    expect(await env.deadLetterIds('malformed')).toEqual([undefined]);
  });
});
