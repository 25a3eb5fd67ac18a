import type { Actor, DomainEvent } from '@gov/kernel';
import { TestContext, eventually } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { FAST_WEBHOOK_ENV, WebhookReceiver, startIntegrations, type IntegrationsTestApp } from './testing.js';
import { WebhookFanout } from './webhook/webhook-fanout.js';
import { WebhookRoutes } from './webhook/webhook-routes.js';
import { WebhookService } from './webhook/webhook.service.js';

// The fan-out's batches and its copy of the webhooks, driven directly (as its JetStream consumer
// does with what arrived together); what it wrote is read from the tables.
const t = new TestContext();
let app: IntegrationsTestApp;
const receiver = new WebhookReceiver();

const admin = (county: string): Actor => ({ accountId: randomUUID(), personId: null, username: `admin-${county}`, grants: [{ role: 'county_admin', region: `jingmen/${county}` }] });
const STAFF_ASSIGNED = 'gov.grids.staff.assigned.v1';

beforeAll(async () => {
  await receiver.open();
  app = await startIntegrations(t.env('integrations', { OUTBOX_POLL_MS: '50', ...FAST_WEBHOOK_ENV }));
});
afterAll(async () => {
  await app?.close();
  await receiver.close();
  await t.cleanup();
});

const fanout = (a: IntegrationsTestApp = app) => a.app.get(WebhookFanout);
const register = (a: IntegrationsTestApp, county: string) =>
  a.app.get(WebhookService).create(admin(county), { name: '批量测试', url: receiver.url, region: `jingmen/${county}`, eventTypes: ['gov.grids.*'] });

/** An internal event as the consumer hands it over. */
const staffEvent = (county: string): DomainEvent => {
  const id = randomUUID();
  return { id, type: STAFF_ASSIGNED, source: `/gov/grids/staff/${id}`, subject: id, time: new Date().toISOString(), county, aggregateVersion: 1, data: { id, layerKey: 'comprehensive', gridId: randomUUID(), personId: randomUUID(), name: '赵网格', role: 'grid_worker', titleZh: '网格员', assignedAt: new Date().toISOString() } };
};

const deliveriesOf = (eventIds: string[]) => app.rows<{ event_id: string; seq: string }>('webhook_delivery', 'event_id = any(?::uuid[])', [`{${eventIds.join(',')}}`]);
const inboxOf = (eventIds: string[]) => app.rows('inbox_event', 'event_id = any(?::uuid[])', [`{${eventIds.join(',')}}`]);

describe('the webhook fan-out in batches', () => {
  it('writes nothing at all, not even an inbox row, for events no active webhook wants', async () => {
    const events = [staffEvent('shayang'), staffEvent('shayang')];
    await fanout().handleBatch(events);
    const ids = events.map((e) => e.id);
    expect(await deliveriesOf(ids)).toEqual([]);
    expect(await inboxOf(ids)).toEqual([]);
  });

  it('adds nothing for an event of the batch handled before (or in it twice), and the new ones in their order', async () => {
    await register(app, 'dongbao');
    const [a, b, c] = [staffEvent('dongbao'), staffEvent('dongbao'), staffEvent('dongbao')];
    await fanout().handleBatch([a!]);
    expect(await deliveriesOf([a!.id])).toHaveLength(1);

    // a redelivered with b and c, and c twice (published again under another message id).
    await fanout().handleBatch([b!, a!, c!, c!]);
    const rows = await deliveriesOf([a!.id, b!.id, c!.id]);
    expect(rows.map((r) => r.event_id).sort()).toEqual([a!.id, b!.id, c!.id].sort());
    const seq = new Map(rows.map((r) => [r.event_id, BigInt(r.seq)]));
    expect(seq.get(b!.id)! < seq.get(c!.id)!).toBe(true);
    expect(await inboxOf([a!.id, b!.id, c!.id])).toHaveLength(3);
    // Each sent once.
    const got = await eventually(async () => {
      const bodies = receiver.received.map((r) => JSON.parse(r.body) as { id: string }).filter((e) => [a!.id, b!.id, c!.id].includes(e.id));
      return bodies.length >= 3 ? bodies : undefined;
    });
    expect(got.map((e) => e.id).sort()).toEqual([a!.id, b!.id, c!.id].sort());
  });

  it('sends a webhook registered a moment ago the very next event (its copy of the webhooks is dropped at once)', async () => {
    // Read the webhooks (none of duodao) into the copy first.
    const before = staffEvent('duodao');
    await fanout().handleBatch([before]);
    expect(await deliveriesOf([before.id])).toEqual([]);

    const hook = await register(app, 'duodao');
    const next = staffEvent('duodao');
    await fanout().handleBatch([next]);
    expect(await deliveriesOf([next.id])).toHaveLength(1);
    const [row] = await app.rows<{ webhook_id: string }>('webhook_delivery', 'event_id = ?', [next.id]);
    expect(row!.webhook_id).toBe(hook.webhook.id);
  });

  it('routes again when its copy missed a webhook that another replica registered, even for events it would send elsewhere', async () => {
    const second = await startIntegrations(t.env('integrations', { OUTBOX_POLL_MS: '50', ...FAST_WEBHOOK_ENV }));
    try {
      const first = await register(app, 'jingshan');
      // The second replica's copy knows the first webhook of jingshan only.
      expect((await second.app.get(WebhookRoutes).fresh()).find(staffEvent('jingshan')).map((w) => w.id)).toEqual([first.webhook.id]);
      const another = await register(app, 'jingshan');
      const next = staffEvent('jingshan');
      await fanout(second).handleBatch([next]);
      const rows = await app.rows<{ webhook_id: string }>('webhook_delivery', 'event_id = ?', [next.id]);
      expect(rows.map((r) => r.webhook_id).sort()).toEqual([first.webhook.id, another.webhook.id].sort());
    } finally {
      await second.close();
    }
  });

  it('routes the next event to a webhook registered on another replica a moment ago', async () => {
    const second = await startIntegrations(t.env('integrations', { OUTBOX_POLL_MS: '50', ...FAST_WEBHOOK_ENV }));
    try {
      const routes = second.app.get(WebhookRoutes);
      // The second replica's copy of the webhooks holds none of zhongxiang's.
      expect((await routes.fresh()).find(staffEvent('zhongxiang'))).toEqual([]);
      const hook = await register(app, 'zhongxiang');
      const next = staffEvent('zhongxiang');
      // Its copy is stale now, and its fan-out notices before it skips the event.
      expect((await routes.cached()).find(next)).toEqual([]);
      await fanout(second).handleBatch([next]);
      const rows = await app.rows<{ webhook_id: string }>('webhook_delivery', 'event_id = ?', [next.id]);
      expect(rows.map((r) => r.webhook_id)).toEqual([hook.webhook.id]);
      expect((await routes.cached()).find(next).map((w) => w.id)).toEqual([hook.webhook.id]);
    } finally {
      await second.close();
    }
  });
});
