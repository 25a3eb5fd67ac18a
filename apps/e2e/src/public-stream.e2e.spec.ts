import { eventually, idCard, readEvents } from '@gov/platform-testing';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startPlatform, type Platform } from './harness.js';

/**
 * The integrators' public stream (docs/integrators.md, docs/adr/0012) with the real services: a
 * county's integrator, written as an outside system would write it (a plain @nats-io/jetstream
 * pull consumer on GOV_PUBLIC, filtered to its county), receives a hotline petition's whole life
 * in order — submitted, screened, assigned, accepted, resolved, rated, closed — without the submitter's
 * name, phone or point, sees the grid worker's name masked, sees nothing of the other county, and
 * replays the rest from the third event's sequence number and from its time.
 */
const GRID = 'jingmen/dongbao/longquan/xiangshan/g01';
const OTHER_GRID = 'jingmen/duodao/zhanghe/hongqiao/g01';
const POINT = { lat: 31.0402, lng: 112.2051 };
const SUBMITTER = { name: '王秀兰', phone: '13871234567' };
const WORKER = { name: '赵网格', phone: '13712340009', idCardNumber: idCard(709) };
const OTHER_SUBMITTER = { name: '孙丽华', phone: '13600001111' };
/** Events cross the services' outbox relays and the integrations service's republishing. */
const STREAM_TIMEOUT_MS = 30_000;
/** Rated with 5 stars, the petition closes. */
const LIFECYCLE = ['submitted', 'screened', 'assigned', 'accepted', 'resolved', 'rated', 'closed'];
const LAST = LIFECYCLE.at(-1)!;

let p: Platform;
let nc: NatsConnection;
let dongbaoToken: string;
let duodaoToken: string;
/** What an integrator configures: the stream and its county's subjects (this run's prefix in front, as every test run's). */
let stream: string;
let county: (name: string) => string;

beforeAll(async () => {
  p = await startPlatform();
  await p.regions(GRID, OTHER_GRID);
  dongbaoToken = await p.login('dongbao-admin', 'dongbao-2026');
  duodaoToken = await p.login('duodao-admin', 'duodao-2026');
  nc = await connect({ servers: p.integrations.config.NATS_URL, name: 'integrator-e2e' });
  stream = p.t.ns.stream('GOV_PUBLIC');
  county = (name: string) => p.t.ns.subject(`pub.${name}.>`);
}, 120_000);
afterAll(async () => {
  await nc?.close();
  await p?.close();
});

async function ok<T = any>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await p.gql<T>(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

/** An integrator's durable pull consumer, as in docs/integrators.md. */
async function consumer(name: string, filter: string, start: { deliver_policy: DeliverPolicy; opt_start_seq?: number; opt_start_time?: string } = { deliver_policy: DeliverPolicy.All }) {
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(stream, { durable_name: name, filter_subject: filter, ack_policy: AckPolicy.Explicit, ...start });
  return jetstream(nc).consumers.get(stream, name);
}

/** Reads and acks until `done` says the messages so far are enough, with a deadline. */
async function readUntil(c: Awaited<ReturnType<typeof consumer>>, done: (read: JsMsg[]) => boolean): Promise<JsMsg[]> {
  const read: JsMsg[] = [];
  const until = Date.now() + STREAM_TIMEOUT_MS;
  while (!done(read)) {
    if (Date.now() > until) throw new Error(`the public stream did not deliver in time; read ${read.map((m) => m.subject).join(', ')}`);
    const batch = await c.fetch({ max_messages: 50, expires: 1000 });
    for await (const m of batch) {
      read.push(m);
      m.ack();
    }
  }
  return read;
}

const json = (m: JsMsg) => m.json<Record<string, unknown>>();
const ofPetition = (id: string) => (m: JsMsg) => m.headers?.get('ce-type')?.startsWith('gov.petitions.petition.') === true && json(m).id === id;
const eventOf = (m: JsMsg) => m.subject.split('.').at(-2);

it('gives a county’s integrator a petition’s whole life in order, without personal data, nothing of another county, and replays it', async () => {
  const dongbao = await consumer('integrator-dongbao', county('dongbao'));

  // The grid's worker: identity registers the person, grids puts them on duty (grids learns the person from identity's events).
  const person = (await ok(dongbaoToken, `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { ...WORKER, region: GRID } })).registerPerson.id;
  const gridId = (await p.regions(GRID))[GRID];
  await eventually(async () => {
    const r = await p.gql(`mutation($i: AssignGridStaffInput!) { assignGridStaff(input: $i) { id } }`, { i: { layerKey: 'comprehensive', gridId, personId: person, name: WORKER.name } }, dongbaoToken);
    return r.errors ? undefined : r.data;
  }, STREAM_TIMEOUT_MS);

  // A hotline petition through its whole life, rated by the submitter with the key the submission answered.
  const submitted = (
    await ok(dongbaoToken, `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { trackingCode } submitterKey } }`, {
      i: { channel: 'hotline', category: 'municipal.streetlight', title: '路灯不亮', description: '象山社区3栋门前路灯连续一周不亮。', region: GRID, location: POINT, contact: SUBMITTER },
    })
  ).submitPetition;
  const code = submitted.petition.trackingCode;
  const petitionId = (await ok(dongbaoToken, `{ petitions(first: 50) { items { id trackingCode } } }`)).petitions.items.find((x: { trackingCode: string }) => x.trackingCode === code).id;
  await ok(dongbaoToken, `mutation($id: ID!) { screenPetition(input: { id: $id, outcome: valid }) { id } }`, { id: petitionId });
  await ok(dongbaoToken, `mutation($id: ID!) { assignPetition(input: { id: $id, level: grid }) { id } }`, { id: petitionId });
  await ok(dongbaoToken, `mutation($id: ID!) { acceptPetition(input: { id: $id }) { id } }`, { id: petitionId });
  await ok(dongbaoToken, `mutation($id: ID!) { resolvePetition(input: { id: $id, result: "已更换路灯灯泡，恢复照明。" }) { id } }`, { id: petitionId });
  const rated = await p.gql(`mutation($i: RatePetitionInput!) { ratePetition(input: $i) { state } }`, { i: { trackingCode: code, submitterKey: submitted.submitterKey, rating: 5, comment: '修得很快' } });
  expect(rated.errors).toBeUndefined();

  // The other county's petition, meanwhile.
  const other = await ok(duodaoToken, `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { trackingCode } } }`, {
    i: { channel: 'hotline', category: 'municipal.streetlight', description: '红桥社区路灯不亮。', region: OTHER_GRID, contact: OTHER_SUBMITTER },
  });
  expect(other.submitPetition.petition.trackingCode).toBeTruthy();

  // The petition's life, in order, with its aggregate versions counting up.
  const read = await readUntil(dongbao, (r) => r.some((m) => ofPetition(petitionId)(m) && eventOf(m) === LAST));
  const life = read.filter(ofPetition(petitionId));
  expect(life.map(eventOf)).toEqual(LIFECYCLE);
  expect(life.map((m) => m.subject)).toEqual(LIFECYCLE.map((e) => p.t.ns.subject(`pub.dongbao.petitions.petition.${e}.v1`)));
  const versions = life.map((m) => Number(m.headers?.get('ce-aggregateversion')));
  expect(versions).toEqual([...versions].sort((a, b) => a - b));
  for (const m of life) {
    expect(m.headers?.get('ce-type')).toBe(`gov.petitions.petition.${eventOf(m)}.v1`);
    expect(m.headers?.get('ce-id')).toBe(m.headers?.get('Nats-Msg-Id'));
    expect(m.headers?.get('ce-county')).toBe('dongbao');
  }
  expect(json(life.at(-1)!)).toMatchObject({ id: petitionId, trackingCode: code });

  // No personal data in any message: not the submitter's name, phone or point, not the worker's
  // name, phone or ID number; the worker's name masked where the catalogue says so.
  const bodies = read.map((m) => m.string()).join('\n');
  for (const personal of [SUBMITTER.name, SUBMITTER.phone, WORKER.name, WORKER.phone, WORKER.idCardNumber, String(POINT.lat), String(POINT.lng)]) expect(bodies).not.toContain(personal);
  const staff = read.find((m) => m.subject === p.t.ns.subject('pub.dongbao.grids.staff.assigned.v1'));
  expect(staff && json(staff)).toMatchObject({ personId: person, name: '赵**' });
  // Internally the same event carries the name in full.
  const [internal] = await readEvents(nc, p.t.ns, (e) => e.id === staff!.headers?.get('ce-id'));
  expect(internal?.data).toMatchObject({ personId: person, name: WORKER.name });

  // Nothing of the other county, though the other county's integrator has its petition.
  expect(read.every((m) => m.subject.startsWith(p.t.ns.subject('pub.dongbao.')) && m.headers?.get('ce-county') === 'dongbao')).toBe(true);
  const duodao = await consumer('integrator-duodao', county('duodao'));
  const theirs = await readUntil(duodao, (r) => r.some((m) => eventOf(m) === 'submitted' && json(m).trackingCode === other.submitPetition.petition.trackingCode));
  expect(theirs.every((m) => m.headers?.get('ce-county') === 'duodao')).toBe(true);
  expect(theirs.map((m) => m.string()).join('\n')).not.toContain(OTHER_SUBMITTER.phone);

  // Replay: a second consumer from the third event's sequence number, another from its time, get the rest again.
  const third = life[2]!;
  const rest = LIFECYCLE.slice(2);
  const fromSeq = await consumer('integrator-dongbao-replay', county('dongbao'), { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: third.seq });
  const replayed = await readUntil(fromSeq, (r) => r.some((m) => ofPetition(petitionId)(m) && eventOf(m) === LAST));
  expect(replayed[0]!.seq).toBe(third.seq);
  expect(replayed.filter(ofPetition(petitionId)).map(eventOf)).toEqual(rest);
  // timestampNanos is a JavaScript number, its last digits rounded (sometimes up): a microsecond early.
  const fromTime = await consumer('integrator-dongbao-since', county('dongbao'), { deliver_policy: DeliverPolicy.StartTime, opt_start_time: rfc3339Nanos(BigInt(third.info.timestampNanos) - 1_000n) });
  const since = await readUntil(fromTime, (r) => r.some((m) => ofPetition(petitionId)(m) && eventOf(m) === LAST));
  expect(since[0]!.seq).toBe(third.seq);
  expect(since.filter(ofPetition(petitionId)).map(eventOf)).toEqual(rest);
}, 180_000);

/** A JetStream timestamp as RFC 3339 with its nanoseconds, for `opt_start_time`. */
function rfc3339Nanos(nanos: bigint): string {
  const iso = new Date(Number(nanos / 1_000_000n)).toISOString();
  return `${iso.slice(0, 19)}.${String(nanos % 1_000_000_000n).padStart(9, '0')}Z`;
}
