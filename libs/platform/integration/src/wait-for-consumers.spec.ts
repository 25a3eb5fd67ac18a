// waitForConsumers against the real NATS: a demo seed waits for its service's durable consumers
// (the ones NatsTransport gives `@EventPattern` handlers) before it reads the service's read models.
import { EVENTS_STREAM, eventFilterForType, eventSubject, eventType } from '@gov/kernel';
import { EventConsumer, NatsTransport, ensureStreams, toCloudEventHeaders, waitForConsumers } from '@gov/platform-messaging';
import { TestContext, eventually } from '@gov/platform-testing';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';

const SERVICE = 'probe';
const HAPPENED = eventType('test', 'thing', 'happened');
const MOVED = eventType('test', 'thing', 'moved');
/** Short deadlines: a test that passes never waits for them. */
const POLL_MS = 20;
const SHORT_DEADLINE_MS = 300;

let t: TestContext;
const consumers: EventConsumer[] = [];
/** Lets a handler held back by a test finish; a consumer stops only once its running handler has. */
let release = (): void => undefined;
beforeEach(async () => {
  t = new TestContext();
  await ensureStreams(await t.nats(), t.ns);
});
afterEach(async () => {
  release();
  await Promise.allSettled(consumers.splice(0).map((c) => c.stop()));
  await t.cleanup();
});

async function publish(event: 'happened' | 'moved'): Promise<string> {
  const id = randomUUID();
  const h = toCloudEventHeaders({ id, type: eventType('test', 'thing', event), source: `/gov/test/thing/${id}`, subject: id, time: new Date().toISOString(), county: 'dongbao' });
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject('dongbao', 'test', 'thing', event)), JSON.stringify({}), { msgID: id, headers: h });
  return id;
}

/** The probe service's consumer of `type`, as NatsTransport would start it for an `@EventPattern(type)` handler. */
async function startConsumer(type: string, handler: (id: string) => Promise<void>): Promise<void> {
  const durable = NatsTransport.durableName(SERVICE, type);
  const c = new EventConsumer(await t.nats(), t.ns, { durable, filterSubject: eventFilterForType(type) }, (e) => handler(e.id), pino({ level: 'silent' }));
  consumers.push(c);
  await c.start();
}

describe('waitForConsumers', () => {
  it('returns only once the service has handled and acknowledged every event of the types, so its read models hold them', async () => {
    const happened = [await publish('happened'), await publish('happened')];
    const moved = await publish('moved');

    // The service is not running yet: no consumer exists, which counts as behind.
    let returned = false;
    const waiting = waitForConsumers(await t.nats(), t.ns, SERVICE, [MOVED, HAPPENED], { timeoutMs: 10_000, pollMs: POLL_MS }).then(() => (returned = true));

    const handled: string[] = [];
    const entered: string[] = [];
    const gate = new Promise<void>((resolve) => (release = resolve));
    await startConsumer(MOVED, async (id) => void handled.push(id));
    await startConsumer(HAPPENED, async (id) => {
      entered.push(id);
      await gate;
      handled.push(id);
    });

    // One handler of `happened` is busy: its event is delivered but not acknowledged.
    await eventually(async () => (entered.length > 0 ? true : undefined));
    const jsm = await jetstreamManager(await t.nats());
    const info = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), NatsTransport.durableName(SERVICE, HAPPENED));
    expect(info.num_pending + info.num_ack_pending).toBeGreaterThan(0);
    expect(handled).toEqual([moved]);
    expect(returned).toBe(false);

    release();
    await waiting;
    expect(handled.sort()).toEqual([moved, ...happened].sort());
  });

  it('throws after the deadline, naming the service and the type it has not consumed', async () => {
    await publish('happened');
    // The consumer exists but nobody takes its messages: the service is stuck or stopped.
    const jsm = await jetstreamManager(await t.nats());
    await jsm.consumers.add(t.ns.stream(EVENTS_STREAM), {
      durable_name: NatsTransport.durableName(SERVICE, HAPPENED),
      ack_policy: AckPolicy.Explicit,
      filter_subject: t.ns.subject(eventFilterForType(HAPPENED)),
    });
    // `moved` has a consumer with nothing to do: it is caught up and not the one named.
    await startConsumer(MOVED, async () => undefined);

    const started = Date.now();
    await expect(waitForConsumers(await t.nats(), t.ns, SERVICE, [MOVED, HAPPENED], { timeoutMs: SHORT_DEADLINE_MS, pollMs: POLL_MS })).rejects.toThrow(
      `probe has not consumed ${HAPPENED} within 0.3 s (is the probe service running?)`,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHORT_DEADLINE_MS);
  });

  it('throws after the deadline when the service never created its consumer', async () => {
    await expect(waitForConsumers(await t.nats(), t.ns, SERVICE, [MOVED], { timeoutMs: SHORT_DEADLINE_MS, pollMs: POLL_MS })).rejects.toThrow(
      `probe has not consumed ${MOVED} within 0.3 s (is the probe service running?)`,
    );
  });
});
