import { AppError, eventSubject, type DomainEvent } from '@gov/kernel';
import { TestContext, eventually } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { EventConsumer, ensureStreams } from './jetstream.js';
import { toCloudEventHeaders } from './cloudevents.js';
import { getMany, RpcClient } from './rpc-client.js';
import { RpcServer } from './rpc-server.js';

const logger = pino({ level: 'silent' });
const t = new TestContext();
let nc: NatsConnection;

beforeAll(async () => {
  nc = await t.nats();
  await ensureStreams(nc, t.ns);
});
afterAll(() => t.cleanup());

describe('request-reply', () => {
  it('answers data, carries the actor and correlation id, and returns coded errors', async () => {
    const server = new RpcServer(nc, t.ns, 'svc', logger);
    server.handle('rpc.svc.echo', async (input, ctx) => ({ input, actor: ctx.actor?.username, correlationId: ctx.correlationId }));
    server.handle('rpc.svc.missing', async () => {
      throw new AppError('NOT_FOUND', 'person x not found');
    });
    server.handle('rpc.svc.crash', async () => {
      throw new Error('db password is hunter2');
    });
    const client = new RpcClient(nc, t.ns);
    const actor = { accountId: 'a1', personId: null, username: 'city-admin', grants: [] };
    const res = await client.request<any>('rpc.svc.echo', { x: 1 }, { actor, correlationId: 'corr-1' });
    expect(res).toEqual({ input: { x: 1 }, actor: 'city-admin', correlationId: 'corr-1' });

    await expect(client.request('rpc.svc.missing', {})).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'person x not found' });
    const crash: any = await client.request('rpc.svc.crash', {}).catch((e) => e);
    expect(crash).toBeInstanceOf(AppError);
    expect(crash.code).toBe('INTERNAL');
    expect(crash.message).not.toContain('hunter2');
    await server.close();
  });

  it('fails with UNAVAILABLE when nobody answers or the answer is late', async () => {
    const client = new RpcClient(nc, t.ns, 200);
    await expect(client.request('rpc.nobody.home', {})).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const server = new RpcServer(nc, t.ns, 'slow', logger);
    server.handle('rpc.slow.op', () => new Promise((r) => setTimeout(() => r(1), 600)));
    await expect(client.request('rpc.slow.op', {}, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'UNAVAILABLE', reason: 'TIMEOUT' });
    await server.close();
  });

  it('gives each request to one replica of a queue group', async () => {
    const seen: string[] = [];
    const a = new RpcServer(nc, t.ns, 'replicated', logger);
    const b = new RpcServer(nc, t.ns, 'replicated', logger);
    a.handle('rpc.replicated.op', async () => seen.push('a'));
    b.handle('rpc.replicated.op', async () => seen.push('b'));
    await nc.flush();
    const client = new RpcClient(nc, t.ns);
    for (let i = 0; i < 40; i++) await client.request('rpc.replicated.op', {});
    expect(seen).toHaveLength(40);
    expect(seen).toContain('a');
    expect(seen).toContain('b');
    await a.close();
    await b.close();
  });

  it('batches reads: one request, answers in the order asked, null for the unknown', async () => {
    let calls = 0;
    const server = new RpcServer(nc, t.ns, 'batch', logger);
    server.handle('rpc.batch.getMany', async (input: any) => {
      calls++;
      return input.ids.filter((id: string) => id !== 'zz').map((id: string) => ({ id, name: id.toUpperCase() }));
    });
    const client = new RpcClient(nc, t.ns);
    const res = await getMany<{ id: string; name: string }>(client, 'rpc.batch.getMany', ['b', 'zz', 'a', 'b']);
    expect(res).toEqual([{ id: 'b', name: 'B' }, null, { id: 'a', name: 'A' }, { id: 'b', name: 'B' }]);
    expect(calls).toBe(1);
    await server.close();
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
