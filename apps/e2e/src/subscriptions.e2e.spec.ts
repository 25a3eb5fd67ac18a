// GraphQL subscriptions (graphql-ws on /graphql) through the gateway with the real services, with
// real WebSocket clients (graphql-ws createClient on `ws`): a petition's submitter and a staff
// member of its region follow it live, another county's staff is refused and hears nothing, a
// revoked role stops the pushes, the map pushes near tasks only, and a client with retry settings
// resumes after the gateway restarts.
import { startGateway, type GatewayApp } from '@gov/gateway';
import { eventually } from '@gov/platform-testing';
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import { WebSocket } from 'ws';
import { idCard, startPlatform, type Platform } from './harness.js';

const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const GRID = 'jingmen/dongbao/quankou/xiangshan/g01';
/** Inside GRID: where the resident reports the problem and where the near tasks are. */
const POINT = { lat: 31.03, lng: 112.186 };
/** About 3.3 km north of POINT. */
const FAR = { lat: 31.06, lng: 112.186 };
/** Events cross an outbox relay and NATS; re-reads are one service call. */
const LIVE_TIMEOUT_MS = 15_000;

const PETITION = `subscription($id: ID!) { petitionUpdated(id: $id) { id state title assignee { __typename } } }`;

let p: Platform;
let tokenA: string;
let tokenB: string;
let submitterToken: string;
let staffToken: string;
let staffGrant: string;
const clients: Client[] = [];

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await p.gql<T>(query, variables, token);
  if (r.errors) throw new Error(`${query}: ${JSON.stringify(r.errors)}`);
  return r.data!;
}

/** A graphql-ws client of `gatewayUrl` signed in with `token`. */
function client(gatewayUrl: string, token: string, extra: Partial<ClientOptions> = {}): Client {
  const c = createClient({
    url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    ...extra,
  });
  clients.push(c);
  return c;
}

/** What one subscription received: the data of each push, errors, and whether it ended. */
interface Followed<T> {
  pushes: T[];
  errors: any[];
  ended: boolean;
  stop(): void;
}

function follow<T = any>(c: Client, query: string, variables: Record<string, unknown>): Followed<T> {
  const f: Followed<T> = { pushes: [], errors: [], ended: false, stop: () => undefined };
  f.stop = c.subscribe<T>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors) f.errors.push(...r.errors);
        if (r.data) f.pushes.push(r.data as T);
      },
      error: (err) => {
        f.errors.push(...(Array.isArray(err) ? err : [err]));
        f.ended = true;
      },
      complete: () => void (f.ended = true),
    },
  );
  return f;
}

const states = (f: Followed<{ petitionUpdated: { state: string } }>) => f.pushes.map((x) => x.petitionUpdated.state);
/** Waits for `check`; on timeout the error shows what the subscriptions had received. */
const until = <T>(check: () => T | undefined | false, ...seen: Followed<unknown>[]) =>
  eventually(async () => check() || undefined, LIVE_TIMEOUT_MS).catch((err: Error) => {
    throw new Error(`${err.message}; received: ${JSON.stringify(seen.map(({ pushes, errors, ended }) => ({ pushes, errors, ended })))}`);
  });

beforeAll(async () => {
  p = await startPlatform();
  tokenA = await p.login('dongbao-admin', 'dongbao-2026');
  tokenB = await p.login('duodao-admin', 'duodao-2026');
  const cityToken = await p.login('city-admin', 'demo-city-2026');
  // Regions with shapes: a resident's photo report is placed by its point.
  const node = (token: string, i: Record<string, unknown>) => ok(`mutation($i: CreateRegionInput!) { createRegion(input: $i) { id } }`, { i }, token).then((d) => d.createRegion.id as string);
  const city = await node(cityToken, { parentId: null, code: 'jingmen', name: '荆门市', shape: box(111.8, 30.6, 112.8, 31.6) });
  const county = await node(cityToken, { parentId: city, code: 'dongbao', name: '东宝区', shape: box(112.0, 31.0, 112.5, 31.5) });
  await node(cityToken, { parentId: city, code: 'duodao', name: '掇刀区', shape: box(112.0, 30.6, 112.5, 31.0) });
  const street = await node(tokenA, { parentId: county, code: 'quankou', name: '泉口街道', shape: box(112.15, 31.0, 112.25, 31.1) });
  const community = await node(tokenA, { parentId: street, code: 'xiangshan', name: '象山社区', shape: box(112.18, 31.02, 112.21, 31.05) });
  await node(tokenA, { parentId: community, code: 'g01', name: '象山社区第一网格', shape: box(112.18, 31.02, 112.21, 31.05) });
  await p.identityKnows(['jingmen/dongbao', 'jingmen/duodao', GRID]);

  const register = (i: Record<string, unknown>) => ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i }, tokenA).then((d) => d.registerPerson.id as string);
  const grant = (i: Record<string, unknown>) => ok(`mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`, { i }, tokenA).then((d) => d.grantRole.id as string);
  const resident = await register({ name: '象山居民', phone: '13511120001', idCardNumber: idCard(611), region: GRID, username: 'live-resident', password: 'live-resident-2026' });
  await grant({ personId: resident, role: 'resident', region: GRID });
  const worker = await register({ name: '象山网格员', phone: '13511120002', idCardNumber: idCard(612), region: GRID, username: 'live-worker', password: 'live-worker-2026' });
  staffGrant = await grant({ personId: worker, role: 'grid_worker', region: GRID });
  submitterToken = await p.login('live-resident', 'live-resident-2026');
  staffToken = await p.login('live-worker', 'live-worker-2026');
}, 180_000);

afterAll(async () => {
  for (const c of clients) await c.dispose();
  await p?.close();
});

/** A resident's photo report at POINT, as the resident; its id as staff of the county find it. */
async function submitPetition(title: string): Promise<string> {
  const submitted = await ok(
    `mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { trackingCode } } }`,
    { i: { channel: 'photo', category: 'municipal.streetlight', title, description: `${title}，晚上看不见。`, location: POINT } },
    submitterToken,
  );
  const code = submitted.submitPetition.petition.trackingCode;
  const list = await ok(`{ petitions(first: 50) { items { id trackingCode } } }`, {}, tokenA);
  return list.petitions.items.find((x: { trackingCode: string }) => x.trackingCode === code).id;
}

/** A staff transition by A's admin; accept and start take the plain PetitionActionInput. */
const transition = (mutation: string, input: Record<string, unknown>) => {
  const type = ['acceptPetition', 'startPetition'].includes(mutation) ? 'PetitionActionInput' : `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  return ok(`mutation($i: ${type}!) { ${mutation}(input: $i) { state } }`, { i: input }, tokenA);
};

describe('petitionUpdated', () => {
  it("pushes each status change to the submitter and to the region's staff, nothing to another county; a revoked role stops the pushes", async () => {
    const id = await submitPetition('象山1栋路灯坏了');
    const submitter = follow(client(p.gateway.url, submitterToken), PETITION, { id });
    const staff = follow(client(p.gateway.url, staffToken), PETITION, { id });
    const other = follow(client(p.gateway.url, tokenB), PETITION, { id });

    // The current view first, for whoever may read it; another county's staff: NOT_FOUND, as the query answers.
    await until(() => states(submitter).includes('submitted') && states(staff).includes('submitted'), submitter, staff);
    await until(() => other.errors.length > 0);
    expect(other.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND' });

    const steps: [string, Record<string, unknown>, string][] = [
      ['screenPetition', { id, outcome: 'valid' }, 'screened'],
      ['assignPetition', { id, level: 'grid' }, 'assigned'],
      ['acceptPetition', { id }, 'accepted'],
      ['startPetition', { id }, 'in_progress'],
    ];
    for (const [mutation, input, state] of steps) {
      await transition(mutation, input);
      await until(() => states(submitter).at(-1) === state && states(staff).at(-1) === state);
    }
    expect(states(submitter)).toEqual(['submitted', 'screened', 'assigned', 'accepted', 'in_progress']);
    expect(states(staff)).toEqual(states(submitter));
    expect(staff.pushes.every((x: any) => x.petitionUpdated.id === id)).toBe(true);

    // The staff member's role is revoked while subscribed: the gateway re-checks at once, the service refuses, the subscription ends.
    await ok(`mutation($g: ID!) { revokeRole(grantId: $g) { id } }`, { g: staffGrant }, tokenA);
    await until(() => staff.ended);
    expect(['NOT_FOUND', 'FORBIDDEN']).toContain(staff.errors[0]?.extensions?.code);
    const staffSeen = staff.pushes.length;

    await transition('resolvePetition', { id, result: '已更换灯泡。' });
    await until(() => states(submitter).at(-1) === 'resolved');
    expect(staff.pushes).toHaveLength(staffSeen);
    // The other county's client never received a view of the petition.
    expect(other.pushes).toEqual([]);
  });

  it('refuses a connection without a valid access token with 4401 and a reason', async () => {
    const close = (params?: Record<string, unknown>) =>
      new Promise<{ code: number; reason: string }>((resolve, reject) => {
        const ws = new WebSocket(`${p.gateway.url.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
        ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', ...(params ? { payload: params } : {}) })));
        ws.on('message', (m) => reject(new Error(`unexpected message ${String(m)}`)));
        ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
        ws.on('error', reject);
      });
    expect(await close()).toEqual({ code: 4401, reason: expect.stringContaining('UNAUTHENTICATED NO_TOKEN') });
    expect(await close({ authorization: 'Bearer not-a-token' })).toMatchObject({ code: 4401, reason: expect.stringMatching(/^UNAUTHENTICATED /) });
  });

  it('applies the cost limit to subscription documents, and serves subscriptions only (and only over the WebSocket)', async () => {
    const c = client(p.gateway.url, tokenA);
    const costly = follow(c, `subscription { rankingChanged(region: "jingmen/dongbao/quankou/xiangshan", first: 1000) { items { rank stewardId number points period } } }`, {});
    await until(() => costly.ended);
    expect(costly.errors[0].extensions).toMatchObject({ code: 'VALIDATION', reason: 'QUERY_TOO_COSTLY' });
    expect(costly.pushes).toEqual([]);
    const query = follow(c, `{ me { accountId } }`, {});
    await until(() => query.ended);
    expect(query.errors[0].extensions).toMatchObject({ code: 'VALIDATION', reason: 'SUBSCRIPTIONS_ONLY' });
    // And a subscription sent by HTTP POST pushes nothing: refused.
    const overHttp = await p.gql(`subscription { taskUpdated(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, tokenA);
    expect(overHttp.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION', reason: 'SUBSCRIPTION_NEEDS_WEBSOCKET' });
  });
});

describe('tasksNear', () => {
  it('pushes a task published within the radius, not a far one, nor a task of another county at the same point', async () => {
    const near = follow(client(p.gateway.url, tokenA), `subscription($lat: Float!, $lng: Float!, $r: Float!) { tasksNear(lat: $lat, lng: $lng, radiusMeters: $r) { id title status } }`, {
      ...POINT,
      r: 1000,
    });
    const deadline = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    const publish = (token: string, region: string, title: string, location: { lat: number; lng: number }) =>
      ok(`mutation($i: PublishTaskInput!) { publishTask(input: $i) { id } }`, { i: { kind: 'dispatched', title, region, location, points: 10, capacity: 2, deadline } }, token).then((d) => d.publishTask.id as string);
    const pushed = () => near.pushes.map((x: any) => x.tasksNear.id as string);
    // Nothing is pushed at subscribe time: a first near task shows the subscription is live (published again until it is).
    await eventually(async () => {
      const first = await publish(tokenA, GRID, '楼下的任务', POINT);
      return eventually(async () => (pushed().includes(first) ? first : undefined), 3000).catch(() => undefined);
    }, LIVE_TIMEOUT_MS);

    const far = await publish(tokenA, 'jingmen/dongbao/quankou', '远处的任务', FAR);
    const foreign = await publish(tokenB, 'jingmen/duodao', '掇刀的任务', POINT);
    // Published after the other two by the same service: once it is pushed, they would have been before it.
    const close = await publish(tokenA, GRID, '楼下的第二个任务', POINT);
    await until(() => pushed().includes(close));
    expect(pushed()).not.toContain(far);
    expect(pushed()).not.toContain(foreign);
    expect(near.errors).toEqual([]);

    await ok(`mutation($id: ID!) { cancelTask(id: $id, reason: "重复发布") { id } }`, { id: close }, tokenA);
    await until(() => near.pushes.some((x: any) => x.tasksNear.id === close && x.tasksNear.status === 'cancelled'));
    expect(near.pushes.map((x: any) => x.tasksNear.id)).not.toContain(foreign);
  });
});

/**
 * The isolation sweep (isolation.e2e.spec.ts) calls queries and mutations over HTTP; subscriptions
 * are swept here, each field with county A's object or region subscribed by county B's admin.
 */
describe("county isolation of every subscription field", () => {
  const COMMUNITY = 'jingmen/dongbao/quankou/xiangshan';
  let taskId: string;
  beforeAll(async () => {
    const deadline = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
    taskId = (await ok(`mutation($i: PublishTaskInput!) { publishTask(input: $i) { id } }`, { i: { kind: 'dispatched', title: '隔离检查任务', region: GRID, location: POINT, points: 10, capacity: 1, deadline } }, tokenA)).publishTask.id;
    // A community is ranked once a steward belongs to it: tasks learns the steward from identity's events.
    const unit = (await ok(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`, { i: { code: 'DBLIVE', name: '东宝区直播办', kind: 'liaison_unit', region: 'jingmen/dongbao' } }, tokenA)).createUnit.id;
    const person = (await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name: '象山红管家', phone: '13511120003', idCardNumber: idCard(613), region: GRID } }, tokenA)).registerPerson.id;
    await ok(`mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id } }`, { i: { personId: person, class: 5, unitId: unit, grid: GRID } }, tokenA);
    await eventually(async () => {
      const r = await p.gql(`query($r: String!) { rankings(scope: COMMUNITY, period: "2026-12", region: $r) { items { stewardId } } }`, { r: COMMUNITY }, tokenA);
      return r.errors ? undefined : true;
    }, LIVE_TIMEOUT_MS);
  });

  /** What B subscribes to with A's object or region; tasksNear takes a point, swept by its own test above (B's task at A's point is never pushed to A). */
  const CROSS_COUNTY: Record<string, (() => { query: string; variables: Record<string, unknown> }) | string> = {
    petitionUpdated: () => ({ query: PETITION, variables: { id: petitionOfA } }),
    taskUpdated: () => ({ query: `subscription($id: ID!) { taskUpdated(id: $id) { id title status } }`, variables: { id: taskId } }),
    rankingChanged: () => ({ query: `subscription($r: String!) { rankingChanged(region: $r) { items { stewardId points } } }`, variables: { r: COMMUNITY } }),
    tasksNear: 'takes a point, not an id or region: the tasksNear test shows another county’s task is never pushed',
  };
  let petitionOfA: string;

  it('names every subscription field of the schema', async () => {
    const r = await p.gql(`{ __schema { subscriptionType { fields { name } } } }`, {}, tokenA);
    expect(r.data.__schema.subscriptionType.fields.map((f: { name: string }) => f.name).sort()).toEqual(Object.keys(CROSS_COUNTY).sort());
  });

  it.each(Object.keys(CROSS_COUNTY).filter((k) => typeof CROSS_COUNTY[k] === 'function'))("%s: B gets NOT_FOUND and nothing of A's, A gets the current view", async (field) => {
    petitionOfA ??= await submitPetition('隔离检查诉求');
    const { query, variables } = (CROSS_COUNTY[field] as () => { query: string; variables: Record<string, unknown> })();
    const b = follow(client(p.gateway.url, tokenB), query, variables);
    const a = follow(client(p.gateway.url, tokenA), query, variables);
    await until(() => b.ended && a.pushes.length > 0, a, b);
    expect(b.errors.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(b.pushes).toEqual([]);
    expect(a.errors).toEqual([]);
    a.stop();
  });
});

describe('resuming after a gateway restart', () => {
  let gateway: GatewayApp | undefined;
  afterAll(() => gateway?.close());

  it('a client with retry settings reconnects, gets the current view again and then the next update', async () => {
    const id = await submitPetition('象山2栋水管漏水');
    gateway = await startGateway({ ...p.t.env('gateway') });
    const port = new URL(gateway.url).port;
    const connected: number[] = [];
    const c = client(gateway.url, submitterToken, {
      // What a county frontend sets: retry for ever after anything but a refusal, with a short wait.
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 200)),
      on: { connected: () => void connected.push(Date.now()) },
    });
    const followed = follow(c, PETITION, { id });
    await until(() => states(followed).includes('submitted'), followed);

    await gateway.close();
    // The same address again, as a restarted pod behind its service.
    gateway = await startGateway({ ...p.t.env('gateway'), HTTP_PORT: port });
    await until(() => connected.length >= 2);
    // Resubscribed: the current view once more.
    await until(() => states(followed).length >= 2);

    await transition('screenPetition', { id, outcome: 'valid' });
    await until(() => states(followed).at(-1) === 'screened');
    expect(followed.ended).toBe(false);
    expect(states(followed)).toEqual(['submitted', 'submitted', 'screened']);
    // Stopped before the gateway goes for good, or the client would go on retrying.
    followed.stop();
    clients.splice(clients.indexOf(c), 1);
    await c.dispose();
  });
});
