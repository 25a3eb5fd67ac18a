import { GridsEvents } from '@gov/grids-contracts';
import { PetitionsEvents } from '@gov/petitions-contracts';
import { eventSubject, type DomainEvent } from '@gov/kernel';
import { fromCloudEvent, PUBLIC_STREAM, toCloudEventHeaders } from '@gov/platform-messaging';
import { integrationsEntities, integrationsMigrations } from '@gov/integrations-data-access';
import { Metrics } from '@gov/platform-observability';
import { PlatformModule, type ServiceApp } from '@gov/platform-service';
import { TestContext, eventually, startTestService } from '@gov/platform-testing';
import { AckPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { integrationsConfigSchema } from '../config.js';
import { PUBLIC_STREAM_DURABLE } from './public-stream.consumer.js';
import { PublicStreamModule } from './public-stream.module.js';

// The integrations service republishes what services put on GOV_EVENTS; here the test plays those
// services (publishing internal events as the outbox relay does) and an integrator (reading GOV_PUBLIC).
// The service with this feature only: what the stream carries does not depend on the others.
@Module({
  imports: [
    PlatformModule.forService({ name: 'integrations', config: integrationsConfigSchema, entities: integrationsEntities, migrations: integrationsMigrations }),
    PublicStreamModule,
  ],
})
class PublicStreamAppModule {}

const t = new TestContext();
let app: ServiceApp;
let nc: NatsConnection;

beforeAll(async () => {
  app = await startTestService(PublicStreamAppModule, t.env('integrations', { OUTBOX_POLL_MS: '50' }));
  nc = await t.nats();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

type Contract = { aggregate: string; event: string; version: number };
const service = (c: Contract) => (c === GridsEvents.staffAssigned ? 'grids' : 'petitions');

/** An internal event as the outbox relay publishes it: CloudEvents headers, Nats-Msg-Id, the full data. */
async function publishInternal(county: string, c: Contract, data: Record<string, unknown>, extra: Partial<DomainEvent> = {}): Promise<DomainEvent> {
  const s = service(c);
  const id = randomUUID();
  const event: DomainEvent = { id, type: `gov.${s}.${c.aggregate}.${c.event}.v${c.version}`, source: s, subject: `${c.aggregate}/${String(data.id)}`, time: new Date().toISOString(), county, correlationId: randomUUID(), data, ...extra };
  const { data: body, ...attributes } = event;
  await jetstream(nc).publish(t.ns.subject(eventSubject(county, s, c.aggregate, c.event, c.version)), JSON.stringify(body), { msgID: event.id, headers: toCloudEventHeaders(attributes) });
  return event;
}

/** An integrator's consumer on GOV_PUBLIC with `filter` (without the run's prefix); the messages stored so far, `count` of them. */
async function readPublic(filter: string, count: number): Promise<JsMsg[]> {
  const jsm = await jetstreamManager(nc);
  const name = `reader-${randomUUID().slice(0, 8)}`;
  await jsm.consumers.add(t.ns.stream(PUBLIC_STREAM), { name, filter_subject: t.ns.subject(filter), ack_policy: AckPolicy.None, inactive_threshold: 60_000_000_000 });
  const consumer = await jetstream(nc).consumers.get(t.ns.stream(PUBLIC_STREAM), name);
  const out: JsMsg[] = [];
  await eventually(async () => {
    const info = await consumer.info();
    return info.num_pending + info.delivered.consumer_seq >= count ? true : undefined;
  }, 10_000);
  while (out.length < count) {
    const m = await consumer.next({ expires: 5000 });
    if (!m) throw new Error(`public message ${out.length + 1} of ${count} did not arrive`);
    out.push(m);
  }
  return out;
}

/** Attempts of the republisher that failed (gov_events_consumed_total, outcome failed). */
async function failures(): Promise<number> {
  const { values } = await app.app.get(Metrics).eventsConsumed.get();
  return values.filter((v) => v.labels.consumer === PUBLIC_STREAM_DURABLE && v.labels.outcome === 'failed').reduce((n, v) => n + v.value, 0);
}

const staffData = (id: string, name: string) => ({ id, layerKey: 'comprehensive', gridId: randomUUID(), personId: randomUUID(), name, role: 'grid_worker', titleZh: '网格员', assignedAt: new Date().toISOString() });
const petitionData = (id: string, extra: Record<string, unknown> = {}) => ({ id, trackingCode: 'ABCD-EFGH-2345', channel: 'hotline', category: 'municipal.streetlight', region: 'jingmen/dongbao/longquan', buildingId: null, deadline: new Date().toISOString(), ...extra });

it('republishes an event under pub.<county>… with its CloudEvents headers and the personal data masked', async () => {
  const staffId = randomUUID();
  const internal = await publishInternal('dongbao', GridsEvents.staffAssigned, staffData(staffId, '赵网格'), { aggregateVersion: 1 });
  const [m] = await readPublic(`pub.dongbao.grids.staff.assigned.v1`, 1);
  expect(m!.subject).toBe(t.ns.subject('pub.dongbao.grids.staff.assigned.v1'));
  const pub = fromCloudEvent(m!.headers, m!.data);
  expect(pub).toEqual({ ...internal, data: { ...internal.data as object, name: '赵**' } });
  expect(m!.headers?.get('Nats-Msg-Id')).toBe(internal.id);
  expect(m!.string()).not.toContain('赵网格');
});

it('keeps the order of GOV_EVENTS, publishes a redelivered event once and no type the catalogue does not list', async () => {
  const petition = randomUUID();
  const submitted = await publishInternal('duodao', PetitionsEvents.petitionSubmitted, petitionData(petition), { aggregateVersion: 1 });
  // A type nobody described: nothing of it reaches integrators.
  const secret = await publishInternal('duodao', { aggregate: 'petition', event: 'leaked', version: 1 }, { id: petition, phone: '13812345678' });
  const staff = [];
  for (let i = 0; i < 20; i++) staff.push(await publishInternal('duodao', GridsEvents.staffAssigned, staffData(randomUUID(), `钱${i}号`)));
  // The last one once more on GOV_EVENTS under another Nats-Msg-Id (both kept there): GOV_PUBLIC keeps it once, by its ce-id.
  const again = staff.at(-1)!;
  const { data, ...attrs } = again;
  await jetstream(nc).publish(t.ns.subject(eventSubject('duodao', 'grids', 'staff', 'assigned')), JSON.stringify(data), { headers: (() => { const h = toCloudEventHeaders(attrs); h.set('Nats-Msg-Id', randomUUID()); return h; })() });
  const closing = await publishInternal('duodao', PetitionsEvents.petitionSubmitted, petitionData(randomUUID()));

  // Everything is handled: the consumer has nothing left, and only the known types are on GOV_PUBLIC.
  const jsm = await jetstreamManager(nc);
  await eventually(async () => {
    const info = await jsm.consumers.info(t.ns.stream('GOV_EVENTS'), PUBLIC_STREAM_DURABLE);
    return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
  }, 15_000);
  const read = await readPublic('pub.duodao.>', 22);
  expect(read.map((m) => m.headers?.get('ce-id'))).toEqual([submitted.id, ...staff.map((e) => e.id), closing.id]);
  expect(read.map((m) => m.string()).join('\n')).not.toContain('13812345678');
  expect(read.some((m) => m.headers?.get('ce-id') === secret.id)).toBe(false);
});

it('acks an internal event only once GOV_PUBLIC stored it: with the stream gone the event waits, then goes out in order', async () => {
  const jsm = await jetstreamManager(nc);
  const stream = t.ns.stream(PUBLIC_STREAM);
  const config = (await jsm.streams.info(stream)).config;
  await jsm.streams.delete(stream);
  const first = await publishInternal('dongbao', PetitionsEvents.petitionSubmitted, petitionData(randomUUID()));
  const second = await publishInternal('dongbao', PetitionsEvents.petitionSubmitted, petitionData(randomUUID()));
  // Tried and refused (no stream), and tried again in place: both still unacknowledged, the second waiting behind the first.
  await eventually(async () => {
    const info = await jsm.consumers.info(t.ns.stream('GOV_EVENTS'), PUBLIC_STREAM_DURABLE);
    return info.num_ack_pending === 2 && info.num_pending === 0 && (await failures()) >= 2 ? true : undefined;
  }, 10_000);
  await jsm.streams.add(config);
  const read = await readPublic('pub.dongbao.petitions.>', 2);
  expect(read.map((m) => m.headers?.get('ce-id'))).toEqual([first.id, second.id]);
});

it('republishes on one replica at a time; another takes over, in order, when it stops', async () => {
  const second = await startTestService(PublicStreamAppModule, t.env('integrations', { OUTBOX_POLL_MS: '50' }));
  let stopped = false;
  try {
    const petition = randomUUID();
    const first = await publishInternal('jingshan', PetitionsEvents.petitionSubmitted, petitionData(petition), { aggregateVersion: 1 });
    const [m1] = await readPublic('pub.jingshan.petitions.>', 1);
    expect(m1!.headers?.get('ce-id')).toBe(first.id);

    // The replica that holds the lock goes (as in a rolling update): the other one takes over.
    await app.close();
    stopped = true;
    const later = [];
    for (let v = 2; v <= 6; v++) later.push(await publishInternal('jingshan', PetitionsEvents.petitionSubmitted, petitionData(petition), { aggregateVersion: v }));
    const read = await readPublic('pub.jingshan.petitions.>', 6);
    expect(read.map((m) => m.headers?.get('ce-id'))).toEqual([first.id, ...later.map((e) => e.id)]);
  } finally {
    if (stopped) app = second;
    else await second.close();
  }
});
