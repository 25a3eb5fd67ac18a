import { IntegrationsRpc, type WebhookDeliveryView, type WebhookView, type WebhookWithSecretView } from '@gov/integrations-contracts';
import { verifyWebhookSignature } from '@gov/integrations-domain';
import { eventSubject, type Actor, type DomainEvent, type Page } from '@gov/kernel';
import { toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FAST_WEBHOOK_ENV, WebhookReceiver, startIntegrations, type IntegrationsTestApp } from './testing.js';

const t = new TestContext();
let app: IntegrationsTestApp;
let rpc: RpcClient;
const receiver = new WebhookReceiver();

// The gateway puts the signed-in caller in the gov-actor header; here the test plays the gateway.
const actor = (region: string, role: Actor['grants'][number]['role'] = 'county_admin'): Actor => ({
  accountId: randomUUID(),
  personId: null,
  username: `${role}-${region.split('/').at(-1)}`,
  grants: [{ role, region }],
});
const dongbaoAdmin = actor('jingmen/dongbao');
const duodaoAdmin = actor('jingmen/duodao');
const cityAdmin = actor('jingmen', 'city_admin');
const dongbaoWorker = actor('jingmen/dongbao/longquan', 'grid_worker');

const STAFF_ASSIGNED = 'gov.grids.staff.assigned.v1';
const TASK_PUBLISHED = 'gov.tasks.task.published.v1';

beforeAll(async () => {
  await receiver.open();
  app = await startIntegrations(t.env('integrations', { OUTBOX_POLL_MS: '50', ...FAST_WEBHOOK_ENV }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await receiver.close();
  await t.cleanup();
});

/** Publishes an internal event as a service's outbox relay would (another Nats-Msg-Id: a redelivery JetStream keeps). */
async function publish(county: string, type: string, data: Record<string, unknown>, id: string = randomUUID(), msgId = id): Promise<DomainEvent> {
  const [, service, aggregate, event, v] = type.split('.') as [string, string, string, string, string];
  const e: DomainEvent = { id, type, source: `/gov/${service}/${aggregate}/${id}`, subject: id, time: new Date().toISOString(), county, aggregateVersion: 1, data };
  const h = toCloudEventHeaders(e);
  h.set('Nats-Msg-Id', msgId);
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, service, aggregate, event, Number(v.slice(1)))), JSON.stringify(data), { headers: h });
  return e;
}

const staffData = (name = '赵网格') => ({ id: randomUUID(), layerKey: 'comprehensive', gridId: randomUUID(), personId: randomUUID(), name, role: 'grid_worker', titleZh: '网格员', assignedAt: new Date().toISOString() });

const create = (as: Actor, input: Record<string, unknown>) => rpc.request<WebhookWithSecretView>(IntegrationsRpc.webhookCreate, { name: '12345 热线平台', url: receiver.url, ...input }, { actor: as });
const deliveries = (webhookId: string, as: Actor = dongbaoAdmin, extra: Record<string, unknown> = {}) =>
  rpc.request<Page<WebhookDeliveryView>>(IntegrationsRpc.deliveryList, { webhookId, ...extra }, { actor: as });
const receivedFor = (webhookId: string) => receiver.received.filter((r) => r.headers['gov-webhook-id'] === webhookId);
/** Waits for the webhook's `n`th delivery to arrive. */
const arrived = (webhookId: string, n: number, timeoutMs = 10_000) => eventually(async () => (receivedFor(webhookId).length >= n ? receivedFor(webhookId) : undefined), timeoutMs);

describe('registering webhooks', () => {
  it('refuses a caller who is not signed in', async () => {
    await expect(rpc.request(IntegrationsRpc.webhookList, { region: 'jingmen/dongbao' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(rpc.request(IntegrationsRpc.webhookCreate, { name: 'x', url: receiver.url, region: 'jingmen/dongbao', eventTypes: ['gov.grids.*'] })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses unknown event types, insecure URLs and regions that are not a county, and stores nothing', async () => {
    const before = (await app.rows('webhook')).length;
    await expect(create(dongbaoAdmin, { region: 'jingmen/dongbao', eventTypes: ['gov.grids.*', 'gov.grids.staff.assigned.v7', 'gov.weather.*'] })).rejects.toMatchObject({
      code: 'VALIDATION',
      reason: 'UNKNOWN_EVENT_TYPE',
      message: 'not in the event catalogue: gov.grids.staff.assigned.v7, gov.weather.*',
    });
    await expect(create(dongbaoAdmin, { region: 'jingmen/dongbao', eventTypes: ['not a type'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(create(dongbaoAdmin, { region: 'jingmen/dongbao', eventTypes: ['gov.grids.*'], url: 'http://hooks.example.cn/in' })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'INSECURE_URL' });
    await expect(create(dongbaoAdmin, { region: 'jingmen/dongbao', eventTypes: ['gov.grids.*'], url: 'ftp://hooks.example.cn/in' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(create(dongbaoAdmin, { region: 'jingmen/dongbao/longquan', eventTypes: ['gov.grids.*'] })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'NOT_A_COUNTY' });
    expect((await app.rows('webhook')).length).toBe(before);
  });

  it("lets only the county's admins and the city's register one, hiding other counties", async () => {
    await expect(create(duodaoAdmin, { region: 'jingmen/dongbao', eventTypes: ['gov.grids.*'] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no region at that path' });
    await expect(create(dongbaoWorker, { region: 'jingmen/dongbao', eventTypes: ['gov.grids.*'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(create(dongbaoAdmin, { region: 'jingmen', eventTypes: ['gov.grids.*'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rpc.request(IntegrationsRpc.webhookList, { region: 'jingmen/duodao' }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('shows the secret once, stores it encrypted, and announces the webhook without it', async () => {
    const { webhook, secret } = await create(dongbaoAdmin, { name: '  东宝数据看板 ', region: 'jingmen/dongbao', eventTypes: ['gov.integrations.*', 'gov.integrations.*'] });
    expect(webhook).toMatchObject({ name: '东宝数据看板', region: 'jingmen/dongbao', eventTypes: ['gov.integrations.*'], active: true, createdBy: dongbaoAdmin.accountId });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await app.rows<{ secret: string }>('webhook', 'id = ?', [webhook.id]);
    expect(row!.secret).not.toContain(secret);
    expect(JSON.stringify(await rpc.request(IntegrationsRpc.webhookGet, { id: webhook.id }, { actor: dongbaoAdmin }))).not.toContain('whsec_');
    expect(await rpc.request<WebhookView[]>(IntegrationsRpc.webhookList, { region: 'jingmen/dongbao' }, { actor: dongbaoAdmin })).toContainEqual(webhook);

    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.integrations.webhook.created.v1' && x.subject === webhook.id);
      return e.length ? e : undefined;
    });
    expect(events[0]!.natsSubject).toBe(`${t.runId}.evt.dongbao.integrations.webhook.created.v1`);
    expect(events[0]!.data).toEqual({ id: webhook.id, name: '东宝数据看板', host: '127.0.0.1', region: 'jingmen/dongbao', eventTypes: ['gov.integrations.*'], active: true, createdAt: webhook.createdAt, updatedAt: webhook.updatedAt });
    expect(JSON.stringify(events[0])).not.toContain(secret);
    expect(JSON.stringify(events[0])).not.toContain('/hooks/gov');
    // Its own creation is an integrations event of its county: it is delivered to itself, signed.
    const [got] = await arrived(webhook.id, 1);
    expect(JSON.parse(got!.body)).toMatchObject({ type: 'gov.integrations.webhook.created.v1', subject: webhook.id, county: 'dongbao' });
    expect(verifyWebhookSignature(secret, String(got!.headers['gov-webhook-signature']), String(got!.headers['gov-webhook-timestamp']), got!.body)).toBe(true);
  });
});

describe('fan-out and delivery', () => {
  let hook: WebhookWithSecretView;
  let cityHook: WebhookWithSecretView;

  beforeAll(async () => {
    hook = await create(dongbaoAdmin, { region: 'jingmen/dongbao', eventTypes: ['gov.grids.*'] });
    cityHook = await create(cityAdmin, { name: '市统计看板', region: 'jingmen', eventTypes: [STAFF_ASSIGNED] });
  });

  it("POSTs each of the county's events once, signed, as CloudEvents JSON without personal data", async () => {
    const first = await publish('dongbao', STAFF_ASSIGNED, staffData('赵网格'));
    const second = await publish('dongbao', STAFF_ASSIGNED, staffData('钱网格'));
    const got = await arrived(hook.webhook.id, 2);
    expect(got.map((r) => JSON.parse(r.body).id)).toEqual([first.id, second.id]);
    const r = got[0]!;
    expect(r.headers['content-type']).toBe('application/cloudevents+json');
    expect(r.headers['gov-delivery-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Math.abs(Number(r.headers['gov-webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifyWebhookSignature(hook.secret, String(r.headers['gov-webhook-signature']), String(r.headers['gov-webhook-timestamp']), r.body)).toBe(true);
    expect(verifyWebhookSignature(cityHook.secret, String(r.headers['gov-webhook-signature']), String(r.headers['gov-webhook-timestamp']), r.body)).toBe(false);
    const body = JSON.parse(r.body);
    expect(Object.keys(body)).toEqual(['specversion', 'id', 'type', 'source', 'subject', 'time', 'county', 'aggregateversion', 'data']);
    expect(body).toMatchObject({ specversion: '1.0', type: STAFF_ASSIGNED, county: 'dongbao', aggregateversion: 1, time: first.time });
    // The staff member's name is personal data the catalogue masks.
    expect(body.data).toEqual({ ...(first.data as object), name: '赵**' });
    expect(got.map((x) => x.body).join('')).not.toMatch(/赵网格|钱网格/);
    // The city-wide webhook gets the county's events of its type too.
    expect((await arrived(cityHook.webhook.id, 2)).map((x) => JSON.parse(x.body).id)).toEqual([first.id, second.id]);
  });

  it('adds nothing for a redelivered event, another county, an unsubscribed or an uncatalogued type', async () => {
    const e = await publish('dongbao', STAFF_ASSIGNED, staffData());
    await publish('dongbao', STAFF_ASSIGNED, e.data as Record<string, unknown>, e.id, randomUUID());
    const duodao = await publish('duodao', STAFF_ASSIGNED, staffData());
    await publish('dongbao', TASK_PUBLISHED, { id: randomUUID() });
    await publish('dongbao', 'gov.grids.staff.whispered.v1', { id: randomUUID() });
    // A marker published last: once it arrived, everything before it was handled (one consumer, in order).
    const marker = await publish('dongbao', STAFF_ASSIGNED, staffData());
    await eventually(async () => (receivedFor(hook.webhook.id).some((r) => JSON.parse(r.body).id === marker.id) ? true : undefined), 10_000);
    const ids = receivedFor(hook.webhook.id).map((r) => JSON.parse(r.body).id);
    expect(ids.filter((id) => id === e.id)).toHaveLength(1);
    expect(ids).not.toContain(duodao.id);
    const rows = await app.rows<{ event_type: string }>('webhook_delivery', 'webhook_id = ?', [hook.webhook.id]);
    expect(new Set(rows.map((r) => r.event_type))).toEqual(new Set([STAFF_ASSIGNED]));
    // The city-wide webhook receives every county's.
    await eventually(async () => (receivedFor(cityHook.webhook.id).some((r) => JSON.parse(r.body).id === duodao.id) ? true : undefined), 10_000);
  });

  it('keeps trying while the receiver is down and delivers once it is back, every try in the log', async () => {
    await receiver.close();
    const e = await publish('dongbao', STAFF_ASSIGNED, staffData());
    const failed = await eventually(async () => {
      const page = await deliveries(hook.webhook.id);
      const d = page.items.find((x) => x.eventId === e.id);
      return d && d.attempts >= 1 ? d : undefined;
    }, 10_000);
    expect(failed).toMatchObject({ state: 'pending', lastStatus: null });
    expect(failed.lastError).toMatch(/ECONNREFUSED|fetch failed/);
    expect(failed.nextAttemptAt).not.toBeNull();
    await receiver.open();
    await eventually(async () => (receivedFor(hook.webhook.id).some((r) => JSON.parse(r.body).id === e.id) ? true : undefined), 10_000);
    const done = await eventually(async () => {
      const d = (await deliveries(hook.webhook.id)).items.find((x) => x.eventId === e.id)!;
      return d.state === 'delivered' ? d : undefined;
    });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(done.deliveredAt).not.toBeNull();
    expect(done.log[0]).toMatchObject({ status: 204, error: null });
    expect(done.log.slice(1).every((a) => a.status === null && a.error !== null)).toBe(true);
    expect(done.log).toHaveLength(done.attempts);
  });

  it('dead-letters after the last try and replays dead deliveries on request', async () => {
    receiver.status = 500;
    const e = await publish('dongbao', STAFF_ASSIGNED, staffData());
    const dead = await eventually(async () => {
      const d = (await deliveries(hook.webhook.id, dongbaoAdmin, { state: 'dead' })).items.find((x) => x.eventId === e.id);
      return d;
    }, 15_000);
    expect(dead).toMatchObject({ attempts: 4, lastStatus: 500, lastError: 'HTTP 500', nextAttemptAt: null });
    expect(dead.log.map((a) => a.status)).toEqual([500, 500, 500, 500]);
    const tries = receivedFor(hook.webhook.id).filter((r) => JSON.parse(r.body).id === e.id);
    expect(tries).toHaveLength(4);
    // Each try is signed afresh over the same body.
    expect(new Set(tries.map((r) => r.body)).size).toBe(1);

    receiver.status = 200;
    // Another county's admin cannot replay it, nor see that it exists.
    await expect(rpc.request(IntegrationsRpc.deliveryReplayDead, { webhookId: hook.webhook.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rpc.request(IntegrationsRpc.deliveryReplay, { id: dead.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `webhook delivery ${dead.id} not found` });
    await expect(rpc.request(IntegrationsRpc.deliveryReplay, { id: randomUUID() }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await rpc.request(IntegrationsRpc.deliveryReplayDead, { webhookId: hook.webhook.id }, { actor: dongbaoAdmin })).toEqual({ count: 1 });
    const delivered = await eventually(async () => {
      const d = (await deliveries(hook.webhook.id)).items.find((x) => x.id === dead.id)!;
      return d.state === 'delivered' ? d : undefined;
    });
    expect(delivered.log.map((a) => a.status)).toEqual([200, 500, 500, 500, 500]);
    expect(await rpc.request(IntegrationsRpc.deliveryReplayDead, { webhookId: hook.webhook.id }, { actor: dongbaoAdmin })).toEqual({ count: 0 });
    // A delivered one can be sent again on request; a pending one is being tried already.
    const again = await rpc.request<WebhookDeliveryView>(IntegrationsRpc.deliveryReplay, { id: dead.id }, { actor: dongbaoAdmin });
    expect(['pending', 'delivered']).toContain(again.state);
    await eventually(async () => (receivedFor(hook.webhook.id).filter((r) => JSON.parse(r.body).id === e.id).length === 6 ? true : undefined));
  });

  it('pages the delivery log newest first', async () => {
    const all = (await deliveries(hook.webhook.id, dongbaoAdmin, { first: 100 })).items;
    const first = await deliveries(hook.webhook.id, dongbaoAdmin, { first: 2 });
    expect(first.hasNextPage).toBe(true);
    const second = await deliveries(hook.webhook.id, dongbaoAdmin, { first: 2, after: first.endCursor });
    expect([...first.items, ...second.items].map((d) => d.id)).toEqual(all.slice(0, 4).map((d) => d.id));
    expect(all.map((d) => d.createdAt)).toEqual([...all.map((d) => d.createdAt)].sort().reverse());
    await expect(deliveries(hook.webhook.id, dongbaoAdmin, { after: 'bm9wZQ' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('managing a webhook', () => {
  let hook: WebhookWithSecretView;

  beforeAll(async () => {
    hook = await create(dongbaoAdmin, { name: '东宝一网通办', region: 'jingmen/dongbao', eventTypes: [TASK_PUBLISHED] });
  });

  it("answers another county's webhook as a missing one, and refuses the county's non-admins", async () => {
    for (const [subject, input] of [
      [IntegrationsRpc.webhookGet, { id: hook.webhook.id }],
      [IntegrationsRpc.webhookSetActive, { id: hook.webhook.id, active: false }],
      [IntegrationsRpc.webhookRotateSecret, { id: hook.webhook.id }],
      [IntegrationsRpc.webhookDelete, { id: hook.webhook.id }],
      [IntegrationsRpc.deliveryList, { webhookId: hook.webhook.id }],
    ] as const) {
      await expect(rpc.request(subject, input, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND', message: `webhook ${hook.webhook.id} not found` });
      await expect(rpc.request(subject, input, { actor: dongbaoWorker })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await rpc.request(IntegrationsRpc.webhookGet, { id: hook.webhook.id }, { actor: cityAdmin })).toEqual(hook.webhook);
    expect((await app.rows<{ active: boolean }>('webhook', 'id = ?', [hook.webhook.id]))[0]!.active).toBe(true);
  });

  it('sends nothing while switched off, and what waited once switched on again', async () => {
    const off = await rpc.request<WebhookView>(IntegrationsRpc.webhookSetActive, { id: hook.webhook.id, active: false }, { actor: dongbaoAdmin });
    expect(off.active).toBe(false);
    const skipped = await publish('dongbao', TASK_PUBLISHED, { id: randomUUID() });
    // A marker of the other webhook's types: the fan-out has handled the skipped event once it arrived.
    const marker = await publish('dongbao', 'gov.integrations.webhook.created.v1', { id: randomUUID() });
    await eventually(async () => (receiver.received.some((r) => JSON.parse(r.body).id === marker.id) ? true : undefined), 10_000);
    expect(receivedFor(hook.webhook.id)).toEqual([]);
    expect(await app.rows('webhook_delivery', 'webhook_id = ?', [hook.webhook.id])).toEqual([]);
    await rpc.request(IntegrationsRpc.webhookSetActive, { id: hook.webhook.id, active: true }, { actor: dongbaoAdmin });
    const sent = await publish('dongbao', TASK_PUBLISHED, { id: randomUUID() });
    const [got] = await arrived(hook.webhook.id, 1);
    expect(JSON.parse(got!.body).id).toBe(sent.id);
    expect(receivedFor(hook.webhook.id).map((r) => JSON.parse(r.body).id)).not.toContain(skipped.id);
  });

  it('signs with the new secret once rotated', async () => {
    const rotated = await rpc.request<WebhookWithSecretView>(IntegrationsRpc.webhookRotateSecret, { id: hook.webhook.id }, { actor: dongbaoAdmin });
    expect(rotated.secret).not.toBe(hook.secret);
    const e = await publish('dongbao', TASK_PUBLISHED, { id: randomUUID() });
    const got = await eventually(async () => receivedFor(hook.webhook.id).find((r) => JSON.parse(r.body).id === e.id), 10_000);
    const [sig, ts] = [String(got.headers['gov-webhook-signature']), String(got.headers['gov-webhook-timestamp'])];
    expect(verifyWebhookSignature(rotated.secret, sig, ts, got.body)).toBe(true);
    expect(verifyWebhookSignature(hook.secret, sig, ts, got.body)).toBe(false);
    const updated = await eventually(async () => {
      const x = await readEvents(await t.nats(), t.ns, (ev) => ev.type === 'gov.integrations.webhook.updated.v1' && ev.subject === hook.webhook.id);
      return x.length >= 3 ? x : undefined;
    });
    expect(updated.map((x) => (x.data as { change: string }).change)).toEqual(['deactivated', 'activated', 'secret_rotated']);
    expect(JSON.stringify(updated)).not.toContain(rotated.secret);
  });

  it('removes a webhook with its deliveries', async () => {
    const removed = await rpc.request<WebhookView>(IntegrationsRpc.webhookDelete, { id: hook.webhook.id }, { actor: dongbaoAdmin });
    expect(removed.id).toBe(hook.webhook.id);
    await expect(rpc.request(IntegrationsRpc.webhookGet, { id: hook.webhook.id }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await app.rows('webhook_delivery', 'webhook_id = ?', [hook.webhook.id])).toEqual([]);
    const before = receivedFor(hook.webhook.id).length;
    await publish('dongbao', TASK_PUBLISHED, { id: randomUUID() });
    const marker = await publish('dongbao', 'gov.integrations.webhook.created.v1', { id: randomUUID() });
    await eventually(async () => (receiver.received.some((r) => JSON.parse(r.body).id === marker.id) ? true : undefined), 10_000);
    expect(receivedFor(hook.webhook.id)).toHaveLength(before);
  });
});

describe('two replicas side by side', () => {
  it('send each delivery once: they share the fan-out consumer and take due deliveries with SKIP LOCKED', async () => {
    const second = await startIntegrations(t.env('integrations', { OUTBOX_POLL_MS: '50', ...FAST_WEBHOOK_ENV }));
    try {
      const hook = await create(dongbaoAdmin, { name: '双副本', region: 'jingmen/dongbao', eventTypes: ['gov.tasks.*'] });
      const sent = [];
      for (let i = 0; i < 30; i++) sent.push(await publish('dongbao', TASK_PUBLISHED, { id: randomUUID() }));
      const got = await arrived(hook.webhook.id, 30, 20_000);
      const ids = got.map((r) => JSON.parse(r.body).id as string);
      expect(new Set(ids)).toEqual(new Set(sent.map((e) => e.id)));
      expect(ids).toHaveLength(30);
      const rows = await app.rows<{ attempts: number; state: string }>('webhook_delivery', 'webhook_id = ?', [hook.webhook.id]);
      expect(rows.map((r) => [r.state, r.attempts])).toEqual(Array(30).fill(['delivered', 1]));
    } finally {
      await second.close();
    }
  });
});

describe('a receiver that never answers', () => {
  it('costs one try per timeout, and shutting down waits for the try in flight and records it', async () => {
    const own = new TestContext();
    let requests = 0;
    const hanging = createServer(() => void requests++);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`;
    const env = own.env('integrations', { OUTBOX_POLL_MS: '50', ...FAST_WEBHOOK_ENV, WEBHOOK_TIMEOUT_MS: '300', WEBHOOK_BACKOFF_BASE_MS: '60000' });
    const svc = await startIntegrations(env);
    let running = true;
    try {
      const ownRpc = await own.rpc();
      const { webhook } = await ownRpc.request<WebhookWithSecretView>(IntegrationsRpc.webhookCreate, { name: '不应答', url, region: 'jingmen/dongbao', eventTypes: ['gov.integrations.*'] }, { actor: dongbaoAdmin });
      // Its own creation event is its first delivery: tried, timed out, the next try a minute away.
      const [tried] = await eventually(async () => {
        const rows = await svc.rows<{ attempts: number; state: string; last_error: string; last_status: number | null }>('webhook_delivery', 'webhook_id = ?', [webhook.id]);
        return rows[0]?.attempts === 1 ? rows : undefined;
      }, 10_000);
      expect(tried).toMatchObject({ state: 'pending', last_status: null, last_error: 'no answer within 300 ms' });
      const [attempt] = await svc.rows<{ duration_ms: number }>('webhook_attempt');
      expect(attempt!.duration_ms).toBeGreaterThanOrEqual(290);

      // The rotation's event is a second delivery; the service stops while its POST hangs.
      await ownRpc.request(IntegrationsRpc.webhookRotateSecret, { id: webhook.id }, { actor: dongbaoAdmin });
      await eventually(async () => (requests >= 2 ? true : undefined), 10_000);
      const started = Date.now();
      await svc.close();
      running = false;
      expect(Date.now() - started).toBeLessThan(5_000);
      // The try in flight was recorded before the service let go of the database.
      const orm = await MikroORM.init({ clientUrl: env.DATABASE_URL, entities: [], discovery: { warnWhenNoEntities: false }, allowGlobalContext: true });
      try {
        const rows = await orm.em.execute<{ attempts: number }[]>(`select attempts from "${env.DB_SCHEMA}".webhook_delivery where webhook_id = ? order by seq`, [webhook.id]);
        expect(rows.map((r) => r.attempts)).toEqual([1, 1]);
      } finally {
        await orm.close();
      }
    } finally {
      if (running) await svc.close();
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
      await own.cleanup();
    }
  });
});

describe('the service process', () => {
  it('answers /health/ready and counts handled messages in /metrics', async () => {
    expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/gov_rpc_duration_seconds_count\{[^}]*subject="rpc\.integrations\.webhook\.create"/);
  });
});
