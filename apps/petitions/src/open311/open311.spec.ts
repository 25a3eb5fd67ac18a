// The Open311 subjects over NATS against a real database: keys issued and revoked by county admins,
// requests submitted and read with a key, each key confined to its county. The gateway's HTTP
// routes over these subjects are tested end to end in apps/e2e (open311.e2e.spec.ts).
import {
  OPEN311_WINDOW_DAYS,
  PetitionsRpc,
  type ApiKeyView,
  type MajorCategoryView,
  type Open311RequestView,
  type Open311ServicesView,
  type Open311SubmittedView,
  type Open311UpdateView,
  type PetitionView,
} from '@gov/petitions-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { createHash } from 'node:crypto';
import { DUODAO_GRID, XIANGSHAN_GRID, actorOf, fakeGridsQr, testBuilding, type TestBuilding } from '../fixtures.js';
import { startPetitions, type PetitionsTestApp } from '../testing.js';

const t = new TestContext();
let app: PetitionsTestApp;
let rpc: RpcClient;
let stopGrids: () => void;
const dongbaoBuilding: TestBuilding = testBuilding(XIANGSHAN_GRID);
const duodaoBuilding: TestBuilding = testBuilding(DUODAO_GRID);

const dongbaoAdmin = actorOf('county_admin', 'jingmen/dongbao');
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const cityAdmin = actorOf('city_admin', 'jingmen');
const gridWorker = actorOf('grid_worker', XIANGSHAN_GRID);

/** A category that may be filed anonymously, and one that needs a contact. */
let openCategory: string;
let namedCategory: string;
let dongbaoKey: ApiKeyView;
let duodaoKey: ApiKeyView;

const DAY_MS = 24 * 3600_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const countOf = async (table: string) => Number((await sql<{ n: string }>(`select count(*) as n from {s}.${table}`))[0]!.n);
/** Everything a refused call must leave as it was. */
const snapshot = async () => Promise.all(['petition', 'petition_event', 'open311_api_key', 'outbox_event'].map(countOf));
const keyRows = () => sql(`select * from {s}.open311_api_key order by id`);

const issue = (county: string, actor = dongbaoAdmin, label = '12345 热线平台') => rpc.request<ApiKeyView>(PetitionsRpc.open311KeyIssue, { county, label }, { actor });
const submit = (apiKey: string, over: Record<string, unknown> = {}) =>
  rpc.request<Open311SubmittedView>(PetitionsRpc.open311Submit, {
    apiKey,
    serviceCode: openCategory,
    addressId: dongbaoBuilding.token,
    description: '小区东门路灯不亮已经三天，晚上行人看不清路。',
    ...over,
  });
const requests = (apiKey: string | null, query: Record<string, unknown> = {}) => rpc.request<Open311RequestView[]>(PetitionsRpc.open311Requests, { apiKey, ...query });
const updates = (apiKey: string, query: Record<string, unknown> = {}) => rpc.request<Open311UpdateView[]>(PetitionsRpc.open311Updates, { apiKey, ...query });
const idOf = async (code: string) => (await sql<{ id: string }>(`select id from {s}.petition where tracking_code = ?`, [code]))[0]!.id;

beforeAll(async () => {
  app = await startPetitions(t.env('petitions', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: '3600000' }));
  rpc = await t.rpc();
  stopGrids = await fakeGridsQr(t, [dongbaoBuilding, duodaoBuilding]);
  const all = (await rpc.request<MajorCategoryView[]>(PetitionsRpc.categoryList, {})).flatMap((m) => m.categories);
  openCategory = all.find((c) => c.anonymousAllowed)!.key;
  namedCategory = all.find((c) => !c.anonymousAllowed)!.key;
  dongbaoKey = await issue('jingmen/dongbao');
  duodaoKey = await issue('jingmen/duodao', duodaoAdmin, '掇刀区一站式平台');
}, 60_000);
afterAll(async () => {
  stopGrids?.();
  await app?.close();
  await t.cleanup();
});

describe('API keys', () => {
  it('shows a new key once and stores only its SHA-256 hash', async () => {
    const k = await issue('jingmen/dongbao', dongbaoAdmin, '统计看板');
    expect(k).toMatchObject({ county: 'jingmen/dongbao', label: '统计看板', key: expect.stringMatching(/^o311_[\w-]{40,}$/), revokedAt: null });
    const [row] = await sql<{ key_hash: string; created_by: string }>(`select key_hash, created_by from {s}.open311_api_key where id = ?`, [k.id]);
    expect(row).toEqual({ key_hash: createHash('sha256').update(k.key!).digest('hex'), created_by: dongbaoAdmin.accountId });
    expect(JSON.stringify(await keyRows())).not.toContain(k.key);
    const listed = await rpc.request<ApiKeyView[]>(PetitionsRpc.open311Keys, {}, { actor: dongbaoAdmin });
    expect(listed.find((x) => x.id === k.id)).toMatchObject({ label: '统计看板', key: null });
  });

  it("lets only the county's admins, or the city's, issue and list its keys", async () => {
    const before = await snapshot();
    await expect(issue('jingmen/dongbao', duodaoAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(issue('jingmen/dongbao', gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rpc.request(PetitionsRpc.open311KeyIssue, { county: 'jingmen/dongbao', label: '热线' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(issue('jingmen/dongbao/longquan', dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await snapshot()).toEqual(before);
    expect(await issue('jingmen/duodao', cityAdmin)).toMatchObject({ county: 'jingmen/duodao' });
    await expect(rpc.request(PetitionsRpc.open311Keys, {}, { actor: gridWorker })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const duodaoList = await rpc.request<ApiKeyView[]>(PetitionsRpc.open311Keys, {}, { actor: duodaoAdmin });
    expect(duodaoList.length).toBeGreaterThan(0);
    expect(duodaoList.every((k) => k.county === 'jingmen/duodao' && k.key === null)).toBe(true);
    const cityList = await rpc.request<ApiKeyView[]>(PetitionsRpc.open311Keys, {}, { actor: cityAdmin });
    expect(new Set(cityList.map((k) => k.county))).toEqual(new Set(['jingmen/dongbao', 'jingmen/duodao']));
  });

  it("revokes a key at once; another county's admin finds no such key", async () => {
    const k = await issue('jingmen/dongbao');
    const s = await submit(k.key!);
    const before = JSON.stringify(await keyRows());
    await expect(rpc.request(PetitionsRpc.open311KeyRevoke, { id: k.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(JSON.stringify(await keyRows())).toBe(before);
    const revoked = await rpc.request<ApiKeyView>(PetitionsRpc.open311KeyRevoke, { id: k.id }, { actor: dongbaoAdmin });
    expect(revoked).toMatchObject({ id: k.id, key: null, revokedAt: expect.any(String) });
    await expect(rpc.request(PetitionsRpc.open311KeyRevoke, { id: k.id }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });

    const counts = await snapshot();
    await expect(submit(k.key!)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_INVALID' });
    await expect(requests(k.key!, { ids: [s.service_request_id] })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_INVALID' });
    await expect(updates(k.key!)).rejects.toMatchObject({ reason: 'API_KEY_INVALID' });
    expect(await snapshot()).toEqual(counts);
    // What it filed stays, and other keys of the county still read it.
    expect((await requests(dongbaoKey.key!, { ids: [s.service_request_id] })).map((r) => r.service_request_id)).toEqual([s.service_request_id]);
  });
});

describe('POST requests', () => {
  it('files a petition at the building of the QR token, in the grid and county of the key, with the contact encrypted', async () => {
    const s = await submit(dongbaoKey.key!, { serviceCode: namedCategory, lastName: '王', firstName: '建华', phone: '13972345678', mediaUrl: 'https://12345.jingmen.gov.cn/media/1.jpg' });
    expect(s).toEqual({ service_request_id: expect.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/), service_notice: expect.stringMatching(/^已受理/), account_id: null, token: null });
    const id = await idOf(s.service_request_id);
    const p = await rpc.request<PetitionView>(PetitionsRpc.petitionGet, { id }, { actor: gridWorker });
    expect(p).toMatchObject({ state: 'submitted', channel: 'hotline', category: namedCategory, region: XIANGSHAN_GRID, buildingId: dongbaoBuilding.id, anonymous: false, contactMasked: '王** 139****5678' });
    expect(p.description).toContain('https://12345.jingmen.gov.cn/media/1.jpg');
    const [row] = await sql<{ contact_enc: string }>(`select contact_enc from {s}.petition where id = ?`, [id]);
    expect(row!.contact_enc).not.toContain('13972345678');
    const [entry] = await sql<{ actor_label: string }>(`select actor_label from {s}.petition_event where petition_id = ? order by seq`, [id]);
    expect(entry!.actor_label).toBe(`open311:${dongbaoKey.id}`);

    const [read] = await requests(dongbaoKey.key!, { ids: [s.service_request_id.toLowerCase()] });
    expect(read).toMatchObject({
      service_request_id: s.service_request_id,
      status: 'open',
      status_notes: '已受理',
      service_code: namedCategory,
      service_name: p.categoryNameZh,
      address: dongbaoBuilding.name,
      address_id: dongbaoBuilding.id,
      requested_datetime: p.createdAt,
      expected_datetime: p.deadline,
    });
    // Never a contact, masked or not.
    expect(JSON.stringify(read)).not.toMatch(/王|139|5678/);
  });

  it('takes attribute[anonymous] and attribute[title], and refuses an attribute the service does not define', async () => {
    const s = await submit(dongbaoKey.key!, { lastName: '李', phone: '13900001111', attributes: { anonymous: 'true', title: '东门路灯不亮' } });
    const p = await rpc.request<PetitionView>(PetitionsRpc.petitionGet, { id: await idOf(s.service_request_id) }, { actor: gridWorker });
    expect(p).toMatchObject({ anonymous: true, contactMasked: null, title: '东门路灯不亮' });
    const before = await snapshot();
    await expect(submit(dongbaoKey.key!, { attributes: { colour: 'red' } })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'attribute[colour]' }] });
    await expect(submit(dongbaoKey.key!, { attributes: { anonymous: 'maybe' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a place outside the key\'s county, a half point, an unknown service and a needed contact missing, and files nothing', async () => {
    const before = await snapshot();
    await expect(submit(dongbaoKey.key!, { addressId: duodaoBuilding.token })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'OUTSIDE_TERRITORY' });
    await expect(submit(duodaoKey.key!)).rejects.toMatchObject({ code: 'VALIDATION', reason: 'OUTSIDE_TERRITORY' });
    await expect(submit(dongbaoKey.key!, { addressId: 'forged-token-123' })).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_FORGED' });
    await expect(submit(dongbaoKey.key!, { addressId: null, lat: 31.03 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(submit(dongbaoKey.key!, { addressId: null })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'NO_PLACE' });
    await expect(submit(dongbaoKey.key!, { serviceCode: 'municipal.no_such_thing' })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_CATEGORY' });
    await expect(submit(dongbaoKey.key!, { serviceCode: namedCategory })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'ANONYMOUS_NOT_ALLOWED' });
    await expect(submit(dongbaoKey.key!, { lastName: '王' })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'CONTACT_NEEDED' });
    await expect(submit(dongbaoKey.key!, { lastName: '王', phone: '12345' })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'CONTACT_NEEDED' });
    await expect(submit('o311_not-a-key-we-issued')).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_INVALID' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('GET requests and updates', () => {
  it("answers only for the key's county: another county's request is like a missing one", async () => {
    const s = await submit(dongbaoKey.key!);
    expect(await requests(duodaoKey.key!, { ids: [s.service_request_id] })).toEqual([]);
    expect((await requests(duodaoKey.key!)).map((r) => r.service_request_id)).not.toContain(s.service_request_id);
    expect((await requests(dongbaoKey.key!)).map((r) => r.service_request_id)).toContain(s.service_request_id);
    await expect(requests(null)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'API_KEY_INVALID' });
  });

  it(`looks back ${OPEN311_WINDOW_DAYS} days by default, and never across a longer window`, async () => {
    const old = await submit(dongbaoKey.key!);
    const recent = await submit(dongbaoKey.key!);
    await sql(`update {s}.petition set created_at = now() - make_interval(days => ?) where tracking_code = ?`, [OPEN311_WINDOW_DAYS + 10, old.service_request_id]);
    const codes = async (q: Record<string, unknown>) => (await requests(dongbaoKey.key!, q)).map((r) => r.service_request_id);

    const byDefault = await codes({});
    expect(byDefault).toContain(recent.service_request_id);
    expect(byDefault).not.toContain(old.service_request_id);
    const then = await codes({ startDate: daysAgo(OPEN311_WINDOW_DAYS + 20), endDate: daysAgo(OPEN311_WINDOW_DAYS) });
    expect(then).toContain(old.service_request_id);
    expect(then).not.toContain(recent.service_request_id);
    // From a start alone: the window's length from there.
    expect(await codes({ startDate: daysAgo(OPEN311_WINDOW_DAYS + 20) })).toContain(old.service_request_id);
    await expect(requests(dongbaoKey.key!, { startDate: daysAgo(OPEN311_WINDOW_DAYS + 2), endDate: daysAgo(0) })).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'endDate' }] });
    await expect(requests(dongbaoKey.key!, { startDate: daysAgo(1), endDate: daysAgo(2) })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(requests(dongbaoKey.key!, { startDate: '2026-01-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
    // By id the window does not apply (the specification: service_request_id overrides the filters).
    expect((await requests(dongbaoKey.key!, { ids: [old.service_request_id] })).map((r) => r.service_request_id)).toEqual([old.service_request_id]);
  });

  it('filters by service and status, and reports a staff transition as an update of the request', async () => {
    const s = await submit(dongbaoKey.key!);
    const start = new Date(Date.now() - 1000).toISOString();
    const id = await idOf(s.service_request_id);
    await rpc.request(PetitionsRpc.petitionScreen, { id, outcome: 'invalid', note: '经核实为重复来电，内部备注' }, { actor: gridWorker });

    const closed = await requests(dongbaoKey.key!, { status: 'closed', serviceCode: openCategory });
    expect(closed.find((r) => r.service_request_id === s.service_request_id)).toMatchObject({ status: 'closed', status_notes: '经核实不予受理' });
    expect((await requests(dongbaoKey.key!, { status: 'open' })).map((r) => r.service_request_id)).not.toContain(s.service_request_id);
    expect((await requests(dongbaoKey.key!, { serviceCode: namedCategory })).map((r) => r.service_request_id)).not.toContain(s.service_request_id);

    const mine = (await updates(dongbaoKey.key!, { startDate: start })).filter((u) => u.service_request_id === s.service_request_id);
    expect(mine).toEqual([{ update_id: expect.any(String), service_request_id: s.service_request_id, status: 'closed', updated_datetime: expect.any(String), description: '经核实不予受理', media_url: null }]);
    expect(JSON.stringify(mine)).not.toContain('内部备注');
    expect((await updates(duodaoKey.key!, { startDate: start })).map((u) => u.service_request_id)).not.toContain(s.service_request_id);
  });
});

describe('services', () => {
  it('lists the 117 minor categories as services grouped by major category, and defines each', async () => {
    const list = await rpc.request<Open311ServicesView>(PetitionsRpc.open311Services, {});
    expect(list.services).toHaveLength(117);
    expect(list.definition).toBeNull();
    expect(list.services.find((s) => s.service_code === openCategory)).toMatchObject({ metadata: true, type: 'realtime', group: expect.stringMatching(/\p{Script=Han}/u) });
    const one = await rpc.request<Open311ServicesView>(PetitionsRpc.open311Services, { serviceCode: namedCategory, apiKey: dongbaoKey.key });
    expect(one.definition!.attributes.map((a) => a.code)).toEqual(['building_qr_token', 'anonymous', 'title', 'handling']);
    // A category that needs a contact offers no anonymous choice.
    expect(one.definition!.attributes.find((a) => a.code === 'anonymous')!.values.map((v) => v.key)).toEqual(['false']);
    await expect(rpc.request(PetitionsRpc.open311Services, { serviceCode: 'municipal.no_such_thing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rpc.request(PetitionsRpc.open311Services, { apiKey: 'o311_not-a-key-we-issued' })).rejects.toMatchObject({ reason: 'API_KEY_INVALID' });
  });
});
