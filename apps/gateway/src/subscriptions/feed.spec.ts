// The live feed on real NATS: one core subscription per aggregate under the run's subject prefix,
// each CloudEvent decoded once and handed to the listeners of its object, its county and its aggregate.
import type { DomainEvent } from '@gov/kernel';
import { Namespace, toCloudEventHeaders } from '@gov/platform-messaging';
import { TestContext, eventually } from '@gov/platform-testing';
import type { NatsConnection } from '@nats-io/transport-node';
import pino from 'pino';
import { NatsLiveFeed } from './feed.js';

const t = new TestContext();
let nc: NatsConnection;
let feed: NatsLiveFeed;

beforeAll(async () => {
  nc = await t.nats();
  feed = new NatsLiveFeed(nc, t.ns, pino({ level: 'silent' }));
});
afterAll(async () => {
  feed?.close();
  await t.cleanup();
});

function publish(ns: Namespace, county: string, service: string, aggregate: string, event: string, subject: string): string {
  const id = `${subject}-${event}-${Math.random()}`;
  const type = `gov.${service}.${aggregate}.${event}.v1`;
  nc.publish(ns.subject(`evt.${county}.${service}.${aggregate}.${event}.v1`), JSON.stringify({ id: subject }), {
    headers: toCloudEventHeaders({ id, type, source: `/gov/${service}/${aggregate}/${subject}`, subject, time: new Date().toISOString(), county }),
  });
  return id;
}

it('delivers each event to the listeners of its object, its county and its aggregate, once per aggregate subscription', async () => {
  const one: DomainEvent[] = [];
  const county: DomainEvent[] = [];
  const all: DomainEvent[] = [];
  const stopOne = await feed.watch([{ service: 'petitions', aggregate: 'petition', subject: 'p1' }], (e) => void one.push(e));
  await feed.watch([{ service: 'petitions', aggregate: 'petition', county: 'duodao' }], (e) => void county.push(e));
  await feed.watch([{ service: 'petitions', aggregate: 'petition' }], (e) => void all.push(e));
  // Three listeners, one NATS subscription.
  expect(feed.stats).toEqual({ subscriptions: 1, listeners: 3 });

  const screened = publish(t.ns, 'dongbao', 'petitions', 'petition', 'screened', 'p1');
  const other = publish(t.ns, 'duodao', 'petitions', 'petition', 'assigned', 'p2');
  // Another deployment's prefix and another aggregate never arrive.
  publish(new Namespace('tother'), 'dongbao', 'petitions', 'petition', 'closed', 'p1');
  publish(t.ns, 'dongbao', 'petitions', 'whistle', 'blown', 'p1');
  // Not a CloudEvent: skipped.
  nc.publish(t.ns.subject('evt.dongbao.petitions.petition.started.v1'), '{}');
  const last = publish(t.ns, 'dongbao', 'petitions', 'petition', 'accepted', 'p1');

  await eventually(async () => (one.length === 2 ? true : undefined));
  expect(one.map((e) => [e.id, e.type, e.county, e.data])).toEqual([
    [screened, 'gov.petitions.petition.screened.v1', 'dongbao', { id: 'p1' }],
    [last, 'gov.petitions.petition.accepted.v1', 'dongbao', { id: 'p1' }],
  ]);
  expect(county.map((e) => e.id)).toEqual([other]);
  expect(all.map((e) => e.id)).toEqual([screened, other, last]);

  stopOne();
  publish(t.ns, 'dongbao', 'petitions', 'petition', 'started', 'p1');
  await eventually(async () => (all.length === 4 ? true : undefined));
  expect(one).toHaveLength(2);
  expect(feed.stats).toEqual({ subscriptions: 1, listeners: 2 });
});
