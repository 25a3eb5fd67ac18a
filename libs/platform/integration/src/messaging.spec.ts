import { EventConsumer, ensureStreams, toCloudEventHeaders, getMany, RpcClient, type RpcReply } from '@gov/platform-messaging';
import { AppError, eventSubject, type DomainEvent } from '@gov/kernel';
import { TestContext, eventually } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';

const logger = pino({ level: 'silent' });
const t = new TestContext();
let nc: NatsConnection;

beforeAll(async () => {
  nc = await t.nats();
  await ensureStreams(nc, t.ns);
});
afterAll(() => t.cleanup());

/** A bare NATS responder standing in for a service: these tests are about the client. */
function respondOn(subject: string, answer: (data: any) => Promise<RpcReply>) {
  const sub = nc.subscribe(t.ns.subject(subject), {
    callback: (_err, msg) => {
      void answer(msg.data.length ? msg.json() : {}).then((reply) => msg.respond(JSON.stringify(reply)));
    },
  });
  return { close: () => sub.unsubscribe() };
}

describe('request-reply client', () => {
  it('turns an error envelope back into the same coded AppError', async () => {
    const server = respondOn('rpc.svc.missing', async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'person x not found', reason: 'GONE' } }));
    const client = new RpcClient(nc, t.ns);
    const err = await client.request('rpc.svc.missing', {}).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'person x not found', reason: 'GONE' });
    server.close();
  });

  it('fails with UNAVAILABLE when nobody answers or the answer is late', async () => {
    const client = new RpcClient(nc, t.ns, { timeoutMs: 200 });
    await expect(client.request('rpc.nobody.home', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const server = respondOn('rpc.slow.op', () => new Promise((r) => setTimeout(() => r({ ok: true, data: 1 }), 600)));
    await expect(client.request('rpc.slow.op', {}, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'UNAVAILABLE', reason: 'TIMEOUT' });
    server.close();
  });

  it('batches reads: one request, answers in the order asked, null for the unknown', async () => {
    let calls = 0;
    const server = respondOn('rpc.batch.getMany', async (input: { ids: string[] }) => {
      calls++;
      return { ok: true, data: input.ids.filter((id) => id !== 'zz').map((id) => ({ id, name: id.toUpperCase() })) };
    });
    const client = new RpcClient(nc, t.ns);
    const res = await getMany<{ id: string; name: string }>(client, 'rpc.batch.getMany', ['b', 'zz', 'a', 'b']);
    expect(res).toEqual([{ id: 'b', name: 'B' }, null, { id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    expect(calls).toBe(1);
    server.close();
  });
});

describe('JetStream consumer', () => {
  async function publish(id: string, data: unknown) {
    const subject = eventSubject('dongbao', 'test', 'thing', 'happened');
    const h = toCloudEventHeaders({ id, type: 'gov.test.thing.happened.v1', source: '/gov/test/thing/1', subject: '1', time: new Date().toISOString(), county: 'dongbao' });
    await jetstream(nc).publish(t.ns.subject(subject), JSON.stringify(data), { msgID: id, headers: h });
  }

  it('redelivers after a failure with backoff, then dead-letters after the maximum', async () => {
    const attempts: Record<string, number> = {};
    const handled: DomainEvent[] = [];
    const consumer = new EventConsumer(
      nc,
      t.ns,
      { durable: 'retry-test', filterSubject: 'evt.*.test.>', maxDeliver: 3, backoffMs: () => 50 },
      async (e) => {
        attempts[e.id] = (attempts[e.id] ?? 0) + 1;
        const d = e.data as { failTimes: number };
        if (attempts[e.id]! <= d.failTimes) throw new Error(`boom ${attempts[e.id]}`);
        handled.push(e);
      },
      logger,
    );
    await consumer.start();
    await publish('00000000-0000-4000-8000-000000000001', { failTimes: 1 });
    await publish('00000000-0000-4000-8000-000000000002', { failTimes: 99 });

    await eventually(async () => (handled.some((e) => e.id.endsWith('1')) ? true : undefined));
    expect(attempts['00000000-0000-4000-8000-000000000001']).toBe(2);

    const jsm = await jetstreamManager(nc);
    const dlq = await eventually(async () => {
      const m = await jsm.streams.getMessage(t.ns.stream('GOV_DLQ'), { last_by_subj: t.ns.subject('dlq.retry-test') }).catch(() => null);
      return m ?? undefined;
    });
    expect(dlq.header.get('ce-id')).toBe('00000000-0000-4000-8000-000000000002');
    expect(dlq.header.get('gov-dlq-error')).toBe('boom 3');
    expect(dlq.header.get('gov-dlq-deliveries')).toBe('3');
    expect(attempts['00000000-0000-4000-8000-000000000002']).toBe(3);
    expect(handled.map((e) => e.id)).not.toContain('00000000-0000-4000-8000-000000000002');
    await consumer.stop();
  });
});
