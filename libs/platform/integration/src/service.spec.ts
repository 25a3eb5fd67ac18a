// The service skeleton end to end: a Nest app built on PlatformModule, served on the real NATS
// and PostgreSQL, with handlers written the way every service writes them.
import { CurrentActor, PlatformModule, type ServiceApp, TransactionRunner, Input } from '@gov/platform-service';
import { AppError, eventSubject, type Actor, type DomainEvent } from '@gov/kernel';
import { actorKeys, serviceConfigSchema } from '@gov/platform-config';
import { parseSigningKey } from '@gov/platform-auth';
import { ACTOR_HEADER, NatsRpcContext, RpcClient, toCloudEventHeaders } from '@gov/platform-messaging';
import { CORRELATION_HEADER, currentCorrelationId } from '@gov/platform-observability';
import { Inbox, OUTBOX_TABLES_SQL } from '@gov/platform-outbox';
import { TestContext, eventually, startTestService } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/transport-node';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Migration } from '@mikro-orm/migrations';
import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Module } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

@Entity({ tableName: 'note' })
class Note {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) text!: string;
}

class Migration001 extends Migration {
  override up(): void {
    this.addSql('create table note (id uuid primary key, text text not null)');
    for (const sql of OUTBOX_TABLES_SQL) this.addSql(sql);
  }
}

const NoteInput = z.object({ text: z.string().min(1).max(20) });
const EVENT_TYPE = 'gov.probe.note.written.v1';

/** How often the event handler has been called per event id (including failed attempts). */
const attempts = new Map<string, number>();

@Controller()
class ProbeController {
  constructor(
    private readonly em: EntityManager,
    private readonly tx: TransactionRunner,
    private readonly inbox: Inbox,
  ) {}

  @MessagePattern('rpc.probe.note.write')
  async write(@CurrentActor() actor: Actor | null, @Input(NoteInput) input: z.output<typeof NoteInput>) {
    if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first');
    const note = await this.tx.run(async (em) => em.create(Note, { id: randomUUID(), text: input.text }));
    return { id: note.id, by: actor.username, correlationId: currentCorrelationId() };
  }

  @MessagePattern('rpc.probe.note.get')
  async get(@Payload() input: { id: string }) {
    // The request-scoped EntityManager: no fork in the handler.
    const note = await this.em.findOne(Note, { id: input.id });
    if (!note) throw new AppError('NOT_FOUND', `note ${input.id} not found`);
    return { id: note.id, text: note.text };
  }

  @MessagePattern('rpc.probe.crash')
  crash() {
    throw new Error('password=hunter2 at db-primary.internal');
  }

  @EventPattern<string>(EVENT_TYPE, { maxDeliver: 3, backoffMs: () => 50 })
  async onNoteWritten(@Payload() event: DomainEvent<{ text: string; failTimes: number }>, @Ctx() ctx: NatsRpcContext) {
    attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
    await this.inbox.once(ctx.getConsumer()!, event.id, async (em) => {
      em.create(Note, { id: event.id, text: `${event.data.text} (${currentCorrelationId()})` });
      await em.flush();
      if (attempts.get(event.id)! <= event.data.failTimes) throw new Error('handler failed');
    });
  }

  @Get('probe/hello')
  hello() {
    return { hello: 'over http, same app' };
  }
}

@Module({
  imports: [PlatformModule.forService({ name: 'probe', config: serviceConfigSchema({ schema: 'probe', httpPort: 0 }), entities: [Note], migrations: [{ name: '001', class: Migration001 }] })],
  controllers: [ProbeController],
})
class ProbeAppModule {}

const t = new TestContext();
const actor: Actor = { accountId: 'a1', personId: null, username: 'dongbao-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] };
let replicas: ServiceApp[] = [];
let rpc: RpcClient;

beforeAll(async () => {
  const env = t.env('probe');
  // Two replicas of one service on one schema, as Kubernetes would run them.
  replicas = [await startTestService(ProbeAppModule, env), await startTestService(ProbeAppModule, env)];
  rpc = await t.rpc();
});
afterAll(async () => {
  for (const r of replicas) await r.close();
  await t.cleanup();
});

describe('a service built on PlatformModule', () => {
  it('answers @MessagePattern requests with the caller and correlation id it was sent', async () => {
    const written = await rpc.request<any>('rpc.probe.note.write', { text: '象山社区' }, { actor, correlationId: 'corr-0001' });
    expect(written).toMatchObject({ by: 'dongbao-admin', correlationId: 'corr-0001' });
    expect(await rpc.request('rpc.probe.note.get', { id: written.id })).toEqual({ id: written.id, text: '象山社区' });
  });

  it('rejects bad input through the validation pipe with every field named, and writes nothing', async () => {
    const err = await rpc.request('rpc.probe.note.write', { text: '' }, { actor }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).fields).toEqual([expect.objectContaining({ path: 'text' })]);
  });

  it('sends coded errors as they are and hides the text of unexpected ones', async () => {
    await expect(rpc.request('rpc.probe.note.write', { text: 'x' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(rpc.request('rpc.probe.note.get', { id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const crash = await rpc.request('rpc.probe.crash', {}).catch((e) => e);
    expect(crash).toMatchObject({ code: 'INTERNAL', message: 'internal error' });
    expect(JSON.stringify(crash)).not.toContain('hunter2');
  });

  it('refuses a body that is not JSON or is too large', async () => {
    const nc = await t.nats();
    const notJson = await nc.request(t.ns.subject('rpc.probe.note.get'), '{oops', { timeout: 2000 });
    expect(notJson.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'request body is not JSON' } });
    const huge = await nc.request(t.ns.subject('rpc.probe.note.get'), JSON.stringify({ id: 'x'.repeat(300 * 1024) }), { timeout: 2000 });
    expect(huge.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'PAYLOAD_TOO_LARGE' } });
  });

  it('gives each request to exactly one replica of the queue group', async () => {
    const ids = [];
    for (let i = 0; i < 20; i++) ids.push((await rpc.request<any>('rpc.probe.note.write', { text: `n${i}` }, { actor })).id);
    const em = replicas[0]!.app.get(EntityManager).fork();
    expect(await em.count(Note, { id: { $in: ids } })).toBe(20);
  });

  it('acts only on requests: a publish without a reply inbox changes nothing', async () => {
    const nc = await t.nats();
    const before = await replicas[0]!.app.get(EntityManager).fork().count(Note, {});
    const body = JSON.stringify({ text: '无回复' });
    const h = headers();
    h.set(ACTOR_HEADER, parseSigningKey(actorKeys({ NODE_ENV: 'test' }, 'sign').signingKey).sign(actor, 'rpc.probe.note.write', body));
    nc.publish(t.ns.subject('rpc.probe.note.write'), body, { headers: h });
    nc.publish(t.ns.subject('rpc.probe.note.write'), body, { headers: h, reply: t.ns.subject('rpc.probe.note.get') });
    // A request after them on the same connection is answered after they were seen.
    await rpc.request('rpc.probe.note.get', { id: randomUUID() }).catch(() => undefined);
    expect(await replicas[0]!.app.get(EntityManager).fork().count(Note, {})).toBe(before);
  });

  it('answers the correlation id back in the reply headers', async () => {
    const nc = await t.nats();
    const h = headers();
    h.set(CORRELATION_HEADER, 'corr-from-gateway');
    const reply = await nc.request(t.ns.subject('rpc.probe.note.get'), JSON.stringify({ id: randomUUID() }), { timeout: 2000, headers: h });
    expect(reply.headers?.get(CORRELATION_HEADER)).toBe('corr-from-gateway');
  });

  it('serves HTTP from the same application: health, metrics and its own routes', async () => {
    const url = replicas[0]!.url;
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${url}/probe/hello`)).json()).toEqual({ hello: 'over http, same app' });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/gov_rpc_duration_seconds_count\{[^}]*subject="rpc.probe.note.write"/);
  });

  it('handles @EventPattern events once, retrying a failed attempt, with the correlation id', async () => {
    const nc = await t.nats();
    const publish = async (id: string, data: unknown, opts: { pastDuplicateWindow?: boolean } = {}) => {
      const h = toCloudEventHeaders({ id, type: EVENT_TYPE, source: `/gov/probe/note/${id}`, subject: id, time: new Date().toISOString(), county: 'dongbao', correlationId: 'corr-event' });
      // Without the message id JetStream cannot drop the copy, as after its duplicate window.
      if (opts.pastDuplicateWindow) h.delete('Nats-Msg-Id');
      await jetstream(nc).publish(t.ns.subject(eventSubject('dongbao', 'probe', 'note', 'written')), JSON.stringify(data), { headers: h });
    };
    const ok = randomUUID();
    const flaky = randomUUID();
    await publish(ok, { text: '一次', failTimes: 0 });
    await publish(flaky, { text: '重试', failTimes: 1 });
    // The same event again, as an outbox relay resends it after an outage: the inbox drops it.
    await publish(ok, { text: '一次', failTimes: 0 }, { pastDuplicateWindow: true });
    const em = replicas[0]!.app.get(EntityManager).fork();
    const notes = await eventually(async () => {
      const found = await em.fork().find(Note, { id: { $in: [ok, flaky] } }, { orderBy: { text: 'asc' } });
      return found.length === 2 && attempts.get(ok) === 2 ? found : undefined;
    });
    expect(notes.map((n) => n.text).sort()).toEqual(['一次 (corr-event)', '重试 (corr-event)']);
    expect(attempts.get(flaky)).toBe(2);
  });
});
