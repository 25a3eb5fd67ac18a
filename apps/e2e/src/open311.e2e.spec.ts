import { OPEN311_WINDOW_DAYS } from '@gov/petitions-contracts';
import { codeOf, startPlatform, type Platform } from './harness.js';

/**
 * Open311 GeoReport v2 over real HTTP: an integrator with a key a county admin issued through
 * GraphQL files petitions with the specification's parameters and reads them back, in JSON and in
 * XML, for its own county only. Petitions locates the points through the real grids service.
 */
let p: Platform;
let dongbaoToken: string;
let duodaoToken: string;
let dongbaoKey: string;
let duodaoKey: string;
/** A minor category (service_code) and its Chinese name. */
let service: { service_code: string; service_name: string };

/** Inside the Dongbao grid and the Duodao grid built below. */
const DONGBAO_POINT = { lat: 31.03, long: 112.185 };
const DUODAO_POINT = { lat: 30.93, long: 112.19 };
const SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];
const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const url = (path: string, query: Record<string, string> = {}) => `${p.gateway.url}/open311/v2${path}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;
const get = (path: string, query: Record<string, string> = {}) => fetch(url(path, query));
/** A response's JSON, untyped (tests look at the specification's fields by name). */
const jsonOf = async (res: Promise<Response>): Promise<any> => (await res).json();
const postJson = (path: string, body: Record<string, unknown>) => fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const postForm = (path: string, fields: Record<string, unknown>) =>
  fetch(url(path), { method: 'POST', body: new URLSearchParams(Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)])) });
/** What a hotline operator types in for a caller, with the specification's parameter names. */
const filing = (apiKey: string, over: Record<string, unknown> = {}) => ({
  api_key: apiKey,
  service_code: service.service_code,
  lat: DONGBAO_POINT.lat,
  long: DONGBAO_POINT.long,
  description: '泉口街道象山社区东门外路灯连续三晚不亮，老人夜里出门看不清路。',
  last_name: '刘',
  first_name: '桂芳',
  phone: '13971230001',
  ...over,
});
async function fileJson(apiKey = dongbaoKey, over: Record<string, unknown> = {}): Promise<string> {
  const res = await postJson('/requests.json', filing(apiKey, over));
  const body: any = await res.json();
  if (res.status !== 200) throw new Error(`POST requests.json answered ${res.status} ${JSON.stringify(body)}`);
  return body[0].service_request_id;
}
const listed = async (query: Record<string, string>) => ((await jsonOf(get('/requests.json', { api_key: dongbaoKey, ...query }))) as any[]).map((r) => r.service_request_id);

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await p.gql(query, variables, token);
  if (r.errors) throw new Error(`fixture failed: ${query} ${JSON.stringify(r.errors)}`);
  return r.data;
}
const issueKey = (county: string, token: string) => p.gql(`mutation($c: String!, $l: String!) { issueOpen311Key(county: $c, label: $l) { id county label key revokedAt } }`, { c: county, l: '12345 热线平台' }, token);

beforeAll(async () => {
  p = await startPlatform();
  const cityToken = await p.login('city-admin', 'demo-city-2026');
  dongbaoToken = await p.login('dongbao-admin', 'dongbao-2026');
  duodaoToken = await p.login('duodao-admin', 'duodao-2026');
  // A territory with shapes, so grids can say which grid a point lies in.
  const node = (token: string, i: Record<string, unknown>) => ok(`mutation($i: CreateRegionInput!) { createRegion(input: $i) { id } }`, { i }, token).then((d) => d.createRegion.id as string);
  const city = await node(cityToken, { parentId: null, code: 'jingmen', name: '荆门市', shape: box(111.8, 30.6, 112.8, 31.6) });
  const dongbao = await node(cityToken, { parentId: city, code: 'dongbao', name: '东宝区', shape: box(112.0, 31.0, 112.5, 31.5) });
  const duodao = await node(cityToken, { parentId: city, code: 'duodao', name: '掇刀区', shape: box(112.0, 30.6, 112.5, 31.0) });
  const street = await node(dongbaoToken, { parentId: dongbao, code: 'quankou', name: '泉口街道', shape: box(112.15, 31.0, 112.25, 31.1) });
  const community = await node(dongbaoToken, { parentId: street, code: 'xiangshan', name: '象山社区', shape: box(112.18, 31.02, 112.21, 31.05) });
  await node(dongbaoToken, { parentId: community, code: 'g01', name: '象山社区第一网格', shape: box(112.18, 31.02, 112.195, 31.05) });
  const dStreet = await node(duodaoToken, { parentId: duodao, code: 'zhanghe', name: '漳河街道', shape: box(112.15, 30.9, 112.25, 30.99) });
  const dCommunity = await node(duodaoToken, { parentId: dStreet, code: 'hongqiao', name: '虹桥社区', shape: box(112.18, 30.92, 112.21, 30.95) });
  await node(duodaoToken, { parentId: dCommunity, code: 'g01', name: '虹桥社区第一网格', shape: box(112.18, 30.92, 112.21, 30.95) });

  dongbaoKey = (await ok(`mutation { issueOpen311Key(county: "jingmen/dongbao", label: "12345 热线平台") { key } }`, {}, dongbaoToken)).issueOpen311Key.key;
  duodaoKey = (await ok(`mutation { issueOpen311Key(county: "jingmen/duodao", label: "一站式平台") { key } }`, {}, duodaoToken)).issueOpen311Key.key;
  service = ((await jsonOf(get('/services.json'))) as any[])[0];
}, 120_000);
afterAll(() => p?.close());

describe('discovery and services', () => {
  it('describes the endpoint in JSON and XML', async () => {
    const res = await get('/discovery.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const d: any = await res.json();
    expect(d).toMatchObject({ changeset: expect.any(String), contact: expect.any(String), key_service: expect.any(String) });
    expect(d.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: `${p.gateway.url}/open311/v2`, changeset: d.changeset, type: 'production', formats: ['application/json', 'text/xml'] },
    ]);
    const xml = await get('/discovery.xml');
    expect(xml.headers.get('content-type')).toMatch(/^text\/xml/);
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery><changeset>/);
    expect(text).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(text).toContain('<formats><format>application/json</format><format>text/xml</format></formats>');
  });

  it('lists the 117 minor categories as services with the specification\'s fields, in JSON and XML', async () => {
    const services: any[] = await jsonOf(get('/services.json'));
    expect(services).toHaveLength(117);
    for (const s of services) expect(Object.keys(s)).toEqual(SERVICE_FIELDS);
    expect(services[0]).toMatchObject({ metadata: true, type: 'realtime', service_name: expect.stringMatching(/\p{Script=Han}/u), group: expect.stringMatching(/\p{Script=Han}/u) });
    const xml = await (await get('/services.xml')).text();
    expect(xml.match(/<service>/g)).toHaveLength(117);
    expect(xml).toContain(
      `<services><service><service_code>${services[0].service_code}</service_code><service_name>${services[0].service_name}</service_name><description>`,
    );
    expect(xml).toContain('<metadata>true</metadata><type>realtime</type><keywords>');
  });

  it("defines a service's attributes, and answers 404 for an unknown one", async () => {
    const res = await get(`/services/${service.service_code}.json`);
    expect(res.status).toBe(200);
    const d: any = await res.json();
    expect(d.service_code).toBe(service.service_code);
    expect(d.attributes.find((a: any) => a.code === 'anonymous')).toMatchObject({ variable: true, datatype: 'singlevaluelist', required: false, order: 2, values: expect.arrayContaining([{ key: 'false', name: '留联系人' }]) });
    expect(d.attributes.find((a: any) => a.code === 'building_qr_token')).toMatchObject({ datatype: 'string', required: false, order: 1, values: [] });
    const xml = await (await get(`/services/${service.service_code}.xml`)).text();
    expect(xml).toContain(`<service_definition><service_code>${service.service_code}</service_code><attributes><attribute><variable>true</variable><code>building_qr_token</code>`);
    expect(xml).toContain('<values><value><key>false</key><name>留联系人</name></value>');
    const missing = await get('/services/municipal.no_such_thing.json');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ code: 404, description: expect.stringContaining('municipal.no_such_thing') }]);
  });
});

describe('requests', () => {
  it('files a request posted as JSON and reads it back by id and in the list, without the contact', async () => {
    const res = await postJson('/requests.json', filing(dongbaoKey));
    expect(res.status).toBe(200);
    const [created] = (await res.json()) as any[];
    expect(created).toEqual({ service_request_id: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/), service_notice: expect.stringMatching(/^已受理/), account_id: null, token: null });

    const one = await get(`/requests/${created.service_request_id}.json`, { api_key: dongbaoKey });
    expect(one.status).toBe(200);
    const body = await one.text();
    const [request] = JSON.parse(body);
    expect(Object.keys(request)).toEqual(REQUEST_FIELDS);
    expect(request).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      status_notes: '已受理',
      service_code: service.service_code,
      service_name: service.service_name,
      lat: DONGBAO_POINT.lat,
      long: DONGBAO_POINT.long,
      expected_datetime: expect.any(String),
    });
    expect(body).not.toMatch(/刘|桂芳|13971230001|0001/);
    expect(await listed({})).toContain(created.service_request_id);
    expect(await listed({ service_request_id: `${created.service_request_id},ZZZZ-ZZZZ-ZZZZ` })).toEqual([created.service_request_id]);
  });

  it('files a request posted as a form, answering in XML, with attributes', async () => {
    const res = await postForm('/requests.xml', filing(dongbaoKey, { description: 'A&B <栏杆> "松动" \'危险\'', 'attribute[title]': '楼下栏杆松动' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const xml = await res.text();
    const id = /<service_requests><request><service_request_id>([A-Z0-9-]+)<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id\/><token\/><\/request><\/service_requests>$/.exec(xml)?.[1];
    expect(id).toBeDefined();
    const back = await (await get(`/requests/${id}.xml`, { api_key: dongbaoKey })).text();
    expect(back).toContain(`<service_requests><request><service_request_id>${id}</service_request_id><status>open</status>`);
    // Escaped, so the document stays well-formed.
    expect(back).toContain('<description>A&amp;B &lt;栏杆&gt; &quot;松动&quot; &apos;危险&apos;</description>');
    expect(back).toContain('<zipcode/>');
    // attribute[title] became the petition's title, as staff see it.
    const page = await ok(`{ petitions(region: "jingmen/dongbao", channels: [hotline], first: 50) { items { trackingCode title } } }`, {}, dongbaoToken);
    expect(page.petitions.items.find((x: any) => x.trackingCode === id)).toEqual({ trackingCode: id, title: '楼下栏杆松动' });
  });

  it(`looks back at most ${OPEN311_WINDOW_DAYS} days`, async () => {
    const id = await fileJson();
    expect(await listed({ start_date: at(-HOUR_MS), end_date: at(HOUR_MS) })).toContain(id);
    expect(await listed({ start_date: at(-(OPEN311_WINDOW_DAYS + 20) * DAY_MS), end_date: at(-20 * DAY_MS) })).not.toContain(id);
    expect(await listed({ end_date: at(-DAY_MS) })).not.toContain(id);
    const tooLong = await get('/requests.json', { api_key: dongbaoKey, start_date: at(-(OPEN311_WINDOW_DAYS + 1) * DAY_MS), end_date: at(0) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.json()).toEqual([{ code: 400, description: expect.stringMatching(/^end_date: /) }]);
    const badDate = await get('/requests.json', { api_key: dongbaoKey, start_date: 'yesterday' });
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toEqual([{ code: 400, description: expect.stringMatching(/^start_date: /) }]);
  });

  it('refuses a missing or bad key with the error array, in XML too, and files nothing', async () => {
    const before = await p.petitions.em().execute<{ n: string }[]>(`select count(*) as n from "${p.petitions.config.DB_SCHEMA}".petition`);
    const bad = await get('/requests.xml', { api_key: 'o311_not-a-key-we-issued' });
    expect(bad.status).toBe(403);
    expect(await bad.text()).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>403</code><description>this api_key is unknown or revoked</description></error></errors>');
    const none = await get('/requests.json');
    expect(none.status).toBe(403);
    expect(await none.json()).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const post = await postForm('/requests.xml', filing('o311_not-a-key-we-issued'));
    expect(post.status).toBe(403);
    expect(await post.text()).toContain('<errors><error><code>403</code>');
    const bodyless = await postJson('/requests.json', { api_key: dongbaoKey });
    expect(bodyless.status).toBe(400);
    expect(((await bodyless.json()) as any[]).map((e) => e.description)).toEqual(expect.arrayContaining([expect.stringMatching(/^service_code: /), expect.stringMatching(/^description: /)]));
    const after = await p.petitions.em().execute<{ n: string }[]>(`select count(*) as n from "${p.petitions.config.DB_SCHEMA}".petition`);
    expect(after).toEqual(before);
  });

  it("keeps each key to its county: a Duodao key finds no Dongbao request and files none there", async () => {
    const id = await fileJson();
    const res = await get(`/requests/${id}.json`, { api_key: duodaoKey });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: `no service request ${id}` }]);
    // The same answer as for a request that does not exist.
    expect(await jsonOf(get('/requests/ZZZZ-ZZZZ-ZZZZ.json', { api_key: duodaoKey }))).toEqual([{ code: 404, description: 'no service request ZZZZ-ZZZZ-ZZZZ' }]);
    const theirs: any[] = await jsonOf(get('/requests.json', { api_key: duodaoKey }));
    expect(theirs.map((r) => r.service_request_id)).not.toContain(id);
    const across = await postJson('/requests.json', filing(duodaoKey));
    expect(across.status).toBe(400);
    expect(await across.json()).toEqual([{ code: 400, description: expect.stringContaining('outside the county') }]);
    // In its own county the Duodao key files as usual.
    expect(await fileJson(duodaoKey, DUODAO_POINT)).toMatch(/^[A-Z0-9-]{14}$/);
  });

  it('answers a token lookup with 404: the id is given at once', async () => {
    const res = await get('/tokens/12345.json', { api_key: dongbaoKey });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});

describe('updates', () => {
  it('reports a transition staff made through GraphQL as an update, and as the status notes', async () => {
    const since = at(-1000);
    const id = await fileJson();
    const page = await ok(`{ petitions(region: "jingmen/dongbao", channels: [hotline], first: 50) { items { id trackingCode } } }`, {}, dongbaoToken);
    const petitionId = page.petitions.items.find((x: any) => x.trackingCode === id).id;
    await ok(`mutation($i: ScreenPetitionInput!) { screenPetition(input: $i) { state } }`, { i: { id: petitionId, outcome: 'valid', note: '核实属实（内部备注）' } }, dongbaoToken);

    const updates: any[] = await jsonOf(get('/servicerequestupdates.json', { api_key: dongbaoKey, start_date: since }));
    const mine = updates.filter((u) => u.service_request_id === id);
    expect(mine).toEqual([{ update_id: expect.any(String), service_request_id: id, status: 'open', updated_datetime: expect.any(String), description: '已甄别', media_url: null }]);
    expect(JSON.stringify(updates)).not.toContain('内部备注');
    const xml = await (await get('/servicerequestupdates.xml', { api_key: dongbaoKey, start_date: since })).text();
    expect(xml).toContain(`<service_request_updates><request_update><update_id>`);
    expect(xml).toContain(`<service_request_id>${id}</service_request_id><status>open</status>`);
    const [request] = await jsonOf(get(`/requests/${id}.json`, { api_key: dongbaoKey }));
    expect(request.status_notes).toBe('已甄别');
    // Duodao's integrator hears nothing of it.
    const theirs: any[] = await jsonOf(get('/servicerequestupdates.json', { api_key: duodaoKey, start_date: since }));
    expect(theirs.map((u) => u.service_request_id)).not.toContain(id);
  });
});

describe('keys', () => {
  it("lets only the county's admins issue its keys, and a revoked key stops at once", async () => {
    const refused = await issueKey('jingmen/dongbao', duodaoToken);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const issued = (await issueKey('jingmen/dongbao', dongbaoToken)).data.issueOpen311Key;
    expect(issued).toMatchObject({ county: 'jingmen/dongbao', key: expect.stringMatching(/^o311_/), revokedAt: null });
    const keys = await ok(`{ open311Keys { id county key } }`, {}, dongbaoToken);
    expect(keys.open311Keys.find((k: any) => k.id === issued.id)).toEqual({ id: issued.id, county: 'jingmen/dongbao', key: null });
    expect(codeOf(await p.gql(`mutation($id: ID!) { revokeOpen311Key(id: $id) { id } }`, { id: issued.id }, duodaoToken))).toBe('NOT_FOUND');
    expect((await get('/requests.json', { api_key: issued.key })).status).toBe(200);
    await ok(`mutation($id: ID!) { revokeOpen311Key(id: $id) { revokedAt } }`, { id: issued.id }, dongbaoToken);
    const after = await get('/requests.json', { api_key: issued.key });
    expect(after.status).toBe(403);
    expect(await after.json()).toEqual([{ code: 403, description: 'this api_key is unknown or revoked' }]);
  });
});
