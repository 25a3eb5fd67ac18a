// What a service shows at /metrics for Prometheus: request rate and latency per subject, request
// errors by code, outbox lag and parked rows, consumer lag and dead letters.
import { eventSubject } from '@gov/kernel';
import { RpcClient, toCloudEventHeaders } from '@gov/platform-messaging';
import type { ServiceApp } from '@gov/platform-service';
import { EntityManager } from '@mikro-orm/postgresql';
import { TestContext, eventually, startTestService } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { FAILING_EVENT_TYPE, RuntimeProbeModule } from './runtime.fixture.js';

const t = new TestContext();
let service: ServiceApp;
const consumer = 'rtprobe__gov_rtprobe_thing_failed_v1';

beforeAll(async () => {
  // The relay is off: the outbox rows written below stay unsent.
  service = await startTestService(RuntimeProbeModule, t.env('rtmetrics', { OUTBOX_RELAY: 'off' }));
});
afterAll(async () => {
  await service?.close();
  await t.cleanup();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${service.url}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one series, found by its name and a label subset. */
function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('/metrics', () => {
  it('counts requests and their latency per subject, and failed requests by code', async () => {
    const rpc = await t.rpc();
    for (let n = 0; n < 3; n++) await rpc.request('rpc.rtprobe.echo', { n });
    await expect(rpc.request('rpc.rtprobe.missing', {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A call the service makes that nobody answers: counted on the caller's side.
    await expect(service.app.get(RpcClient).request('rpc.rtprobe.nobody', {}, { timeoutMs: 1000 })).rejects.toMatchObject({ reason: 'NO_RESPONDERS' });
    const text = await scrape();
    expect(value(text, 'gov_rpc_duration_seconds_count', { subject: 'rpc.rtprobe.echo', outcome: 'ok' })).toBe(3);
    expect(value(text, 'gov_rpc_duration_seconds_bucket', { subject: 'rpc.rtprobe.echo', le: '+Inf' })).toBe(3);
    expect(value(text, 'gov_rpc_errors_total', { subject: 'rpc.rtprobe.missing', code: 'NOT_FOUND', side: 'server' })).toBe(1);
    expect(value(text, 'gov_rpc_errors_total', { subject: 'rpc.rtprobe.nobody', code: 'NO_RESPONDERS', side: 'client' })).toBe(1);
  });

  it('shows the outbox lag (unsent rows, age of the oldest) and the parked rows', async () => {
    const schema = t.schema('rtmetrics');
    const em = service.app.get(EntityManager).fork();
    const insert = (age: string, parked: boolean) =>
      em.execute(
        `insert into "${schema}".outbox_event (id, subject, type, source, county, data, aggregate_version, created_at, parked_at)
         values (?, 'evt.dongbao.rtprobe.thing.made.v1', 'gov.rtprobe.thing.made.v1', ?, 'dongbao', '{}', 1, now() - interval '${age}', ${parked ? 'now()' : 'null'})`,
        [randomUUID(), `/gov/rtprobe/thing/${randomUUID()}`],
      );
    await insert('90 seconds', false);
    await insert('5 seconds', false);
    await insert('1 hour', true);
    const text = await scrape();
    expect(value(text, 'gov_outbox_unsent_events')).toBe(2);
    expect(value(text, 'gov_outbox_oldest_unsent_age_seconds')).toBeGreaterThanOrEqual(90);
    expect(value(text, 'gov_outbox_oldest_unsent_age_seconds')).toBeLessThan(600);
    expect(value(text, 'gov_outbox_parked_events')).toBe(1);
  });

  it('shows each consumer\'s lag and counts its dead letters', async () => {
    const js = jetstream(await t.nats());
    const id = randomUUID();
    const h = toCloudEventHeaders({ id, type: FAILING_EVENT_TYPE, source: `/gov/rtprobe/thing/${id}`, subject: id, time: new Date().toISOString(), county: 'dongbao' });
    await js.publish(t.ns.subject(eventSubject('dongbao', 'rtprobe', 'thing', 'failed')), '{}', { headers: h });
    // The consumer lag is sampled at the scrape: the ack that follows the dead letter may reach the server just after it.
    const text = await eventually(async () => {
      const s = await scrape();
      return value(s, 'gov_dead_letters_total', { consumer }) === 1 && value(s, 'gov_event_consumer_ack_pending_messages', { consumer }) === 0 ? s : undefined;
    }, 20_000);
    expect(value(text, 'gov_event_consumer_pending_messages', { consumer })).toBe(0);
  });
});
