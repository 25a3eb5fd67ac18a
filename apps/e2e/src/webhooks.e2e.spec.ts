import { FAST_WEBHOOK_ENV, WebhookReceiver, type ReceivedDelivery } from '@gov/integrations';
import { eventually } from '@gov/platform-testing';
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { codeOf, startPlatform, type Platform } from './harness.js';

/**
 * Signed webhooks (docs/integrators.md, Webhooks; docs/adr/0012) with the real services: a county
 * admin registers a webhook through GraphQL for the county's petition events; a real HTTP receiver
 * in this test gets a petition's whole life, in order (submitted to closed), signed, without the submitter's name,
 * phone or point; what happened while it was down arrives once it is back; a receiver that
 * answers 500 dead-letters the delivery after the (here shortened) last try, and a replay delivers
 * it; the delivery log lists every try; the other county's admin neither sees nor replays any of it.
 */
const GRID = 'jingmen/dongbao/longquan/xiangshan/g01';
const OTHER_GRID = 'jingmen/duodao/zhanghe/hongqiao/g01';
const POINT = { lat: 31.0402, lng: 112.2051 };
const SUBMITTER = { name: '王秀兰', phone: '13871234567' };
const LATER_SUBMITTER = { name: '李建国', phone: '13871239999' };
const OTHER_SUBMITTER = { name: '孙丽华', phone: '13600001111' };
const LIFECYCLE = ['submitted', 'screened', 'assigned', 'accepted', 'resolved', 'rated', 'closed'];
/** Events cross petitions' outbox relay, the fan-out consumer and the dispatcher. */
const TIMEOUT_MS = 30_000;
/** Tries before a delivery is dead, shortened for the test (production: 10, over about an hour). */
const MAX_ATTEMPTS = 6;

let p: Platform;
let dongbaoToken: string;
let duodaoToken: string;
const receiver = new WebhookReceiver();
let webhookId: string;
let secret: string;

beforeAll(async () => {
  await receiver.open();
  p = await startPlatform({ ...FAST_WEBHOOK_ENV, WEBHOOK_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
  await p.regions(GRID, OTHER_GRID);
  dongbaoToken = await p.login('dongbao-admin', 'dongbao-2026');
  duodaoToken = await p.login('duodao-admin', 'duodao-2026');
}, 120_000);
afterAll(async () => {
  await p?.close();
  await receiver.close();
});

async function ok<T = any>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await p.gql<T>(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

/** What an integrator's receiver does with each POST (docs/integrators.md): check the signature over `<timestamp>.<body>`. */
function signatureValid(r: ReceivedDelivery, key: string): boolean {
  const timestamp = String(r.headers['gov-webhook-timestamp']);
  const expected = Buffer.from(`v1=${createHmac('sha256', key).update(`${timestamp}.${r.body}`).digest('hex')}`);
  const given = Buffer.from(String(r.headers['gov-webhook-signature']));
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(timestamp)) < 300;
}

const body = (r: ReceivedDelivery) => JSON.parse(r.body) as { id: string; type: string; county: string; aggregateversion: number; data: Record<string, unknown> };
const ofPetition = (id: string) => receiver.received.filter((r) => r.headers['gov-webhook-id'] === webhookId && body(r).type.startsWith('gov.petitions.petition.') && body(r).data.id === id);
const eventOf = (r: ReceivedDelivery) => body(r).type.split('.').at(-2);
/** Waits until the petition's `event` has reached the receiver. */
const arrived = (petitionId: string, event: string) => eventually(async () => ofPetition(petitionId).find((r) => eventOf(r) === event), TIMEOUT_MS);

const DELIVERIES = `query($w: ID!, $s: WebhookDeliveryState, $first: Int) {
  webhookDeliveries(webhookId: $w, state: $s, first: $first) { items { id eventId eventType state attempts lastStatus lastError deliveredAt body attemptLog(first: 8) { at status error durationMs } } }
}`;
interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  state: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  body: string;
  attemptLog: { at: string; status: number | null; error: string | null; durationMs: number }[];
}
async function deliveries(state?: string): Promise<Delivery[]> {
  return (await ok(dongbaoToken, DELIVERIES, { w: webhookId, s: state, first: 15 })).webhookDeliveries.items;
}
/** The deliveries of one petition's events, by event name. */
const ofPetitionLog = (list: Delivery[], petitionId: string) => list.filter((d) => d.eventType.startsWith('gov.petitions.petition.') && JSON.parse(d.body).data.id === petitionId);

async function submit(token: string, region: string, contact: { name: string; phone: string }, location?: { lat: number; lng: number }) {
  const submitted = (
    await ok(token, `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { trackingCode } submitterKey } }`, {
      i: { channel: 'hotline', category: 'municipal.streetlight', title: '路灯不亮', description: '小区3栋门前路灯连续一周不亮。', region, contact, ...(location ? { location } : {}) },
    })
  ).submitPetition;
  const code = submitted.petition.trackingCode as string;
  const id = (await ok(token, `{ petitions(first: 50) { items { id trackingCode } } }`)).petitions.items.find((x: { trackingCode: string }) => x.trackingCode === code).id as string;
  return { id, code, submitterKey: submitted.submitterKey as string };
}
const act = (action: string, input: string, id: string) => ok(dongbaoToken, `mutation($id: ID!) { ${action}(input: { id: $id${input} }) { id } }`, { id });

it('registers a webhook through GraphQL and refuses what the catalogue does not know', async () => {
  const refused = await p.gql(`mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }`, { i: { name: '东宝12345', url: receiver.url, region: 'jingmen/dongbao', eventTypes: ['gov.petitions.petition.vanished.v1'] } }, dongbaoToken);
  expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_EVENT_TYPE' });
  const other = await p.gql(`mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { secret } }`, { i: { name: '东宝12345', url: receiver.url, region: 'jingmen/dongbao', eventTypes: ['gov.petitions.*'] } }, duodaoToken);
  expect(codeOf(other)).toBe('NOT_FOUND');

  const created = (
    await ok(dongbaoToken, `mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id name url region eventTypes active } secret } }`, {
      i: { name: '东宝12345热线', url: receiver.url, region: 'jingmen/dongbao', eventTypes: ['gov.petitions.*'] },
    })
  ).createWebhook;
  expect(created.webhook).toMatchObject({ name: '东宝12345热线', url: receiver.url, region: 'jingmen/dongbao', eventTypes: ['gov.petitions.*'], active: true });
  webhookId = created.webhook.id;
  secret = created.secret;
  // The secret is shown once: no read answers it again.
  const read = await p.gql(`query($id: ID!) { webhook(id: $id) { id name } webhooks(region: "jingmen/dongbao") { id } }`, { id: webhookId }, dongbaoToken);
  expect(read.data.webhooks.map((w: { id: string }) => w.id)).toContain(webhookId);
  expect(JSON.stringify(read.body)).not.toContain(secret);
});

it("delivers a petition's whole life in order, signed, without personal data, nothing of the other county", async () => {
  const petition = await submit(dongbaoToken, GRID, SUBMITTER, POINT);
  await act('screenPetition', ', outcome: valid', petition.id);
  await act('assignPetition', ', level: grid', petition.id);
  await act('acceptPetition', '', petition.id);
  // The other county's petition, meanwhile.
  const other = await submit(duodaoToken, OTHER_GRID, OTHER_SUBMITTER);
  await act('resolvePetition', ', result: "已更换路灯灯泡，恢复照明。"', petition.id);
  const rated = await p.gql(`mutation($i: RatePetitionInput!) { ratePetition(input: $i) { state } }`, { i: { trackingCode: petition.code, submitterKey: petition.submitterKey, rating: 5, comment: '修得很快' } });
  expect(rated.errors).toBeUndefined();

  await arrived(petition.id, 'closed');
  const life = ofPetition(petition.id);
  // In order: each was answered at its first try, so each went out after the one before it.
  // (The receiver got the last one before its answer was recorded: wait for the record.)
  const log = await eventually(async () => {
    const l = ofPetitionLog(await deliveries(), petition.id);
    return l.length === LIFECYCLE.length && l.every((d) => d.state !== 'pending' || d.attempts > 0) ? l : undefined;
  });
  expect(log.map((d) => [d.eventType.split('.').at(-2), d.state, d.attempts]).reverse()).toEqual(LIFECYCLE.map((e) => [e, 'delivered', 1]));
  expect(life.map(eventOf)).toEqual(LIFECYCLE);
  const versions = life.map((r) => body(r).aggregateversion);
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  for (const r of life) {
    expect(r.headers['content-type']).toBe('application/cloudevents+json');
    expect(r.headers['gov-webhook-id']).toBe(webhookId);
    expect(r.headers['gov-delivery-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(signatureValid(r, secret)).toBe(true);
    expect(signatureValid(r, `${secret}x`)).toBe(false);
    expect(body(r)).toMatchObject({ specversion: '1.0', type: `gov.petitions.petition.${eventOf(r)}.v1`, county: 'dongbao', data: { id: petition.id, trackingCode: petition.code } });
  }
  // The receiver got no personal data, and nothing of the other county.
  const all = receiver.received.map((r) => r.body).join('\n');
  for (const personal of [SUBMITTER.name, SUBMITTER.phone, String(POINT.lat), String(POINT.lng), OTHER_SUBMITTER.name, OTHER_SUBMITTER.phone, other.code, other.id]) expect(all).not.toContain(personal);
  expect(receiver.received.every((r) => body(r).county === 'dongbao')).toBe(true);

  // The delivery log: each event once, delivered at the first try.
  for (const d of log) {
    expect(d).toMatchObject({ state: 'delivered', attempts: 1, lastStatus: 204, lastError: null });
    expect(d.attemptLog).toEqual([expect.objectContaining({ status: 204, error: null })]);
  }
});

let later: { id: string; code: string };

it('delivers what happened while the receiver was down once it is back, with the failed tries in the log', async () => {
  await receiver.close();
  later = await submit(dongbaoToken, GRID, LATER_SUBMITTER);
  await act('screenPetition', ', outcome: valid', later.id);
  // Both were tried and refused: the receiver is down.
  await eventually(async () => {
    const log = ofPetitionLog(await deliveries('pending'), later.id);
    return log.length === 2 && log.every((d) => d.attempts >= 1) ? log : undefined;
  }, TIMEOUT_MS, 20);
  const reopenedAt = Date.now();
  await receiver.open();

  await arrived(later.id, 'screened');
  await arrived(later.id, 'submitted');
  const got = ofPetition(later.id);
  expect(got.map(eventOf).sort()).toEqual(['screened', 'submitted']);
  expect(got.every((r) => r.at >= reopenedAt && signatureValid(r, secret))).toBe(true);
  const log = await eventually(async () => {
    const l = ofPetitionLog(await deliveries(), later.id);
    return l.length === 2 && l.every((d) => d.state === 'delivered') ? l : undefined;
  });
  for (const d of log) {
    expect(d.attempts).toBeGreaterThanOrEqual(2);
    expect(d.attemptLog[0]).toMatchObject({ status: 204, error: null });
    expect(d.attemptLog.slice(1).length).toBe(d.attempts - 1);
    expect(d.attemptLog.slice(1).every((a) => a.status === null && /ECONNREFUSED|fetch failed/.test(a.error ?? ''))).toBe(true);
  }
});

it('dead-letters a delivery its receiver keeps refusing, and replays it on request', async () => {
  receiver.status = 500;
  await act('assignPetition', ', level: grid', later.id);
  const dead = await eventually(async () => ofPetitionLog(await deliveries('dead'), later.id).find((d) => d.eventType === 'gov.petitions.petition.assigned.v1'), TIMEOUT_MS);
  expect(dead).toMatchObject({ state: 'dead', attempts: MAX_ATTEMPTS, lastStatus: 500, lastError: 'HTTP 500', deliveredAt: null });
  expect(dead.attemptLog.map((a) => a.status)).toEqual(Array(MAX_ATTEMPTS).fill(500));
  expect(ofPetition(later.id).filter((r) => eventOf(r) === 'assigned')).toHaveLength(MAX_ATTEMPTS);

  receiver.status = 200;
  const replayed = await ok(dongbaoToken, `mutation($w: ID!) { replayDeadWebhookDeliveries(webhookId: $w) }`, { w: webhookId });
  expect(replayed.replayDeadWebhookDeliveries).toBeGreaterThanOrEqual(1);
  const delivered = await eventually(async () => (await deliveries()).find((d) => d.id === dead.id && d.state === 'delivered'), TIMEOUT_MS);
  expect(delivered.attemptLog.map((a) => a.status)).toEqual([200, ...Array(Math.min(MAX_ATTEMPTS, 7)).fill(500)]);
  const sent = ofPetition(later.id).filter((r) => eventOf(r) === 'assigned');
  expect(sent.at(-1)!.headers['gov-delivery-id']).toBe(dead.id);
  expect(signatureValid(sent.at(-1)!, secret)).toBe(true);
  expect((await deliveries('dead')).filter((d) => d.id === dead.id)).toEqual([]);
});

it("keeps the webhook and its deliveries from the other county's admin: answered as unknown, nothing changed", async () => {
  const [delivery] = await deliveries();
  const before = JSON.stringify(await p.integrations.rows('webhook_delivery', 'webhook_id = ? order by seq', [webhookId]));
  const unknown = randomUUID();
  const calls: [string, Record<string, unknown>, Record<string, unknown>][] = [
    [`query($id: ID!) { webhook(id: $id) { id name url } }`, { id: webhookId }, { id: unknown }],
    [DELIVERIES, { w: webhookId }, { w: unknown }],
    [`mutation($w: ID!) { replayDeadWebhookDeliveries(webhookId: $w) }`, { w: webhookId }, { w: unknown }],
    [`mutation($id: ID!) { replayWebhookDelivery(id: $id) { id body } }`, { id: delivery!.id }, { id: unknown }],
    [`mutation($id: ID!) { setWebhookActive(id: $id, active: false) { id } }`, { id: webhookId }, { id: unknown }],
    [`mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }`, { id: webhookId }, { id: unknown }],
    [`mutation($id: ID!) { deleteWebhook(id: $id) { id } }`, { id: webhookId }, { id: unknown }],
  ];
  for (const [query, theirs, nobodys] of calls) {
    const r = await p.gql(query, theirs, duodaoToken);
    const u = await p.gql(query, nobodys, duodaoToken);
    expect(codeOf(r)).toBe('NOT_FOUND');
    expect(r.data ?? null).toBeNull();
    const id = String(Object.values(theirs)[0]);
    expect(String(r.errors![0].message).replace(id, '<id>')).toBe(String(u.errors![0].message).replace(String(Object.values(nobodys)[0]), '<id>'));
    expect(JSON.stringify(r.body)).not.toMatch(/东宝|dongbao|127\.0\.0\.1/);
  }
  const list = await p.gql(`{ webhooks(region: "jingmen/dongbao") { id } }`, {}, duodaoToken);
  expect(codeOf(list)).toBe('NOT_FOUND');
  expect(JSON.stringify(await p.integrations.rows('webhook_delivery', 'webhook_id = ? order by seq', [webhookId]))).toBe(before);
  const still = await ok(dongbaoToken, `query($id: ID!) { webhook(id: $id) { active } }`, { id: webhookId });
  expect(still.webhook.active).toBe(true);
});
