import {
  PetitionsRpc,
  type ContactView,
  type DuplicateCandidateView,
  type MajorCategoryView,
  type PetitionView,
  type PublicPetitionView,
  type SubmittedPetitionView,
  type TimelineEntryView,
  type WhistleView,
} from '@gov/petitions-contracts';
import { LEVEL_CLOCK_HOURS, RATING_WINDOW_DAYS } from '@gov/petitions-domain';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { DUODAO_GRID, XIANGSHAN, XIANGSHAN_GRID, actorOf, fakeGridsQr, publishEvent, testBuilding, type TestBuilding } from '../fixtures.js';
import { startPetitions, type PetitionsTestApp } from '../testing.js';
import { PetitionClock } from './petition-clock.js';

const t = new TestContext();
let app: PetitionsTestApp;
let rpc: RpcClient;
let stopGrids: () => void;
const building: TestBuilding = testBuilding();
const neighbour: TestBuilding = testBuilding();

const gridWorker = actorOf('grid_worker', XIANGSHAN_GRID);
const otherGridWorker = actorOf('grid_worker', `${XIANGSHAN}/g04`);
const communityAdmin = actorOf('community_admin', XIANGSHAN);
const dongbaoAdmin = actorOf('county_admin', 'jingmen/dongbao');
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const handler = actorOf('department_handler', 'jingmen/dongbao');
const cityAdmin = actorOf('city_admin', 'jingmen');
const resident = actorOf('resident', XIANGSHAN_GRID);

/** A public-space category that allows anonymity, and one that needs a contact. */
let openCategory: string;
let namedCategory: string;
let departmentId: string;

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const countOf = async (table: string) => Number((await sql<{ n: string }>(`select count(*) as n from {s}.${table}`))[0]!.n);
/** Everything a refused call must leave as it was. */
const snapshot = async (id?: string) => ({
  tables: await Promise.all(['petition', 'petition_event', 'petition_attachment', 'whistle', 'outbox_event'].map(countOf)),
  row: id ? JSON.stringify(await sql(`select * from {s}.petition where id = ?`, [id])) : null,
});

const submitQr = (over: Record<string, unknown> = {}) =>
  rpc.request<SubmittedPetitionView>(PetitionsRpc.petitionSubmit, { channel: 'qr', category: openCategory, description: '3栋2单元楼道灯坏了一周，晚上老人上下楼看不见。', qrToken: building.token, anonymous: true, ...over });
const byCode = (code: string) => rpc.request<PublicPetitionView>(PetitionsRpc.petitionByTrackingCode, { trackingCode: code });
const idOf = async (code: string) => (await sql<{ id: string }>(`select id from {s}.petition where tracking_code = ?`, [code]))[0]!.id;
const call = <T>(subject: string, input: unknown, actor = gridWorker) => rpc.request<T>(subject, input, { actor });

/** Screened, assigned to the grid and accepted: ready to resolve. */
async function accepted(over: Record<string, unknown> = {}): Promise<{ id: string; submitterKey: string; code: string }> {
  const s = await submitQr(over);
  const id = await idOf(s.petition.trackingCode);
  await call(PetitionsRpc.petitionScreen, { id, outcome: 'valid' });
  await call(PetitionsRpc.petitionAssign, { id, level: 'grid' });
  await call(PetitionsRpc.petitionAccept, { id });
  return { id, submitterKey: s.submitterKey, code: s.petition.trackingCode };
}

async function eventOf(type: string, subject: string) {
  return eventually(async () => {
    const e = await readEvents(await t.nats(), t.ns, (e) => e.type === type && e.subject === subject);
    return e.length ? e : undefined;
  });
}

beforeAll(async () => {
  app = await startPetitions(t.env('petitions', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: '3600000' }));
  rpc = await t.rpc();
  stopGrids = await fakeGridsQr(t, [building, neighbour]);
  const majors = await rpc.request<MajorCategoryView[]>(PetitionsRpc.categoryList, {});
  const all = majors.flatMap((m) => m.categories);
  openCategory = all.find((c) => c.anonymousAllowed && c.defaultDepartment)!.key;
  namedCategory = all.find((c) => !c.anonymousAllowed)!.key;
  // identity's department, as its unit.created event brings it.
  departmentId = randomUUID();
  const functional = all.find((c) => c.key === openCategory)!.defaultDepartment!;
  await publishEvent(t, { service: 'identity', aggregate: 'unit', event: 'created' }, 'jingmen/dongbao', departmentId, {
    id: departmentId, code: 'DBTEST', name: `东宝区${functional}`, kind: 'government_department', region: 'jingmen/dongbao', createdAt: new Date().toISOString(),
  });
  await eventually(async () => ((await sql(`select 1 from {s}.department_ref where id = ?`, [departmentId])).length ? true : undefined), 15_000);
}, 60_000);
afterAll(async () => {
  stopGrids?.();
  await app?.close();
  await t.cleanup();
});

describe('taxonomy', () => {
  it('seeds 19 major and 117 minor categories, each with a Chinese name, a level and a time limit', async () => {
    const majors = await rpc.request<MajorCategoryView[]>(PetitionsRpc.categoryList, {});
    expect(majors).toHaveLength(19);
    expect(majors.flatMap((m) => m.categories)).toHaveLength(117);
    for (const c of majors.flatMap((m) => m.categories)) expect(c).toMatchObject({ version: 1, nameZh: expect.stringMatching(/\p{Script=Han}/u), timeLimitDays: expect.any(Number) });
  });

  it("lets a city admin edit a category as a new version while older petitions keep theirs", async () => {
    const { id } = await accepted();
    const majors = await rpc.request<MajorCategoryView[]>(PetitionsRpc.categoryList, {});
    const before = majors.flatMap((m) => m.categories).find((c) => c.key === openCategory)!;
    await expect(call(PetitionsRpc.categoryUpdate, { key: openCategory, timeLimitDays: 2 }, dongbaoAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const edited = await call<{ version: number; timeLimitDays: number }>(PetitionsRpc.categoryUpdate, { key: openCategory, timeLimitDays: before.timeLimitDays + 1 }, cityAdmin);
    expect(edited).toMatchObject({ version: before.version + 1, timeLimitDays: before.timeLimitDays + 1 });
    expect((await call<PetitionView>(PetitionsRpc.petitionGet, { id })).categoryVersion).toBe(before.version);
    const fresh = await submitQr();
    expect((await call<PetitionView>(PetitionsRpc.petitionGet, { id: await idOf(fresh.petition.trackingCode) })).categoryVersion).toBe(before.version + 1);
  });
});

describe('intake', () => {
  it('binds a QR petition to the building and its grid, and lets anyone follow it by tracking code', async () => {
    const s = await submitQr();
    expect(s.petition.trackingCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(s.submitterKey.length).toBeGreaterThanOrEqual(32);
    const p = await call<PetitionView>(PetitionsRpc.petitionGet, { id: await idOf(s.petition.trackingCode) });
    expect(p).toMatchObject({ state: 'submitted', channel: 'qr', region: XIANGSHAN_GRID, buildingId: building.id, buildingName: building.name, anonymous: true, contactMasked: null });
    const pub = await byCode(s.petition.trackingCode.toLowerCase());
    expect(pub).toMatchObject({ state: 'submitted', buildingName: building.name, steps: [{ action: 'submitted', labelZh: '已受理' }] });
    expect(JSON.stringify(pub)).not.toContain(XIANGSHAN_GRID);
    const [event] = await eventOf('gov.petitions.petition.submitted.v1', p.id);
    expect(event!.data).toMatchObject({ trackingCode: p.trackingCode, region: XIANGSHAN_GRID, buildingId: building.id });
  });

  it('encrypts a contact, masks it, and unmasks it only for staff, audited', async () => {
    const s = await submitQr({ category: namedCategory, anonymous: false, contact: { name: '李秀英', phone: '13971234567' } });
    const id = await idOf(s.petition.trackingCode);
    const [row] = await sql<{ contact_enc: string }>(`select contact_enc from {s}.petition where id = ?`, [id]);
    expect(row!.contact_enc).not.toContain('13971234567');
    expect((await call<PetitionView>(PetitionsRpc.petitionGet, { id })).contactMasked).toBe('李** 139****4567');
    const events = await eventOf('gov.petitions.petition.submitted.v1', id);
    expect(JSON.stringify(events)).not.toContain('13971234567');
    await expect(call(PetitionsRpc.petitionContact, { id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audited = await countOf('contact_access');
    expect(await call<ContactView>(PetitionsRpc.petitionContact, { id, reason: '回访' })).toMatchObject({ name: '李秀英', phone: '13971234567' });
    expect(await countOf('contact_access')).toBe(audited + 1);
  });

  it('refuses bad submissions with a code and writes nothing', async () => {
    const before = await snapshot();
    await expect(submitQr({ qrToken: 'forged-token-123' })).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_FORGED' });
    await expect(submitQr({ category: 'municipal.no_such_thing' })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'UNKNOWN_CATEGORY' });
    await expect(submitQr({ category: namedCategory })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'ANONYMOUS_NOT_ALLOWED' });
    await expect(submitQr({ anonymous: false })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'CONTACT_NEEDED' });
    await expect(submitQr({ qrToken: null })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'NO_PLACE' });
    await expect(submitQr({ contact: { name: '张三', phone: '12345' }, anonymous: false })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rpc.request(PetitionsRpc.petitionSubmit, { channel: 'hotline', category: openCategory, description: '路灯不亮', region: XIANGSHAN_GRID, contact: { name: '张三', phone: '13800001111' } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(call(PetitionsRpc.petitionSubmit, { channel: 'hotline', category: openCategory, description: '路灯不亮', region: XIANGSHAN_GRID, contact: { name: '张三', phone: '13800001111' } }, resident)).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'CHANNEL_NEEDS_STAFF' });
    await expect(call(PetitionsRpc.petitionSubmit, { channel: 'sentinel', category: openCategory, description: '发现火情隐患', sixPrevention: 'fire' }, resident)).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_SENTINEL' });
    expect(await snapshot()).toEqual(before);
  });

  it('takes a hotline call typed in by an operator for their region only', async () => {
    const operator = actorOf('grid_worker', XIANGSHAN_GRID);
    const input = { channel: 'hotline', category: namedCategory, description: '小区门口下水道堵塞，污水漫到路面。', region: XIANGSHAN_GRID, contact: { name: '周建国', phone: '13872220000' } };
    const s = await call<SubmittedPetitionView>(PetitionsRpc.petitionSubmit, input, operator);
    expect(s.petition.channel).toBe('hotline');
    await expect(call(PetitionsRpc.petitionSubmit, { ...input, region: DUODAO_GRID }, operator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("alerts a sentinel's chain (sentinel → group leader → squad leader) with the report", async () => {
    const [squad, group, sentinel] = [randomUUID(), randomUUID(), randomUUID()];
    const personId = randomUUID();
    const enrol = (id: string, person: string, reportsToId: string | null) =>
      publishEvent(t, { service: 'identity', aggregate: 'steward', event: 'enrolled' }, XIANGSHAN_GRID, id, { id, personId: person, number: `2-T-${id.slice(0, 4)}`, class: 2, unitId: randomUUID(), grid: XIANGSHAN_GRID, reportsToId });
    await enrol(squad, randomUUID(), null);
    await enrol(group, randomUUID(), squad);
    await enrol(sentinel, personId, group);
    await eventually(async () => ((await sql(`select 1 from {s}.steward_ref where id = ?`, [sentinel])).length ? true : undefined), 15_000);
    const me = { ...actorOf('steward', XIANGSHAN_GRID, personId) };
    await expect(call(PetitionsRpc.petitionSubmit, { channel: 'sentinel', category: openCategory, description: '5栋楼道堆放纸箱' }, me)).rejects.toMatchObject({ reason: 'NOT_SIX_PREVENTIONS' });
    const s = await call<SubmittedPetitionView>(PetitionsRpc.petitionSubmit, { channel: 'sentinel', category: openCategory, description: '5栋楼道堆放纸箱，有电动车充电，火灾隐患。', sixPrevention: 'fire' }, me);
    const id = await idOf(s.petition.trackingCode);
    const [alert] = await eventOf('gov.petitions.petition.sentinel-alerted.v1', id);
    expect(alert!.data).toMatchObject({ sixPrevention: 'fire', notifyStewardIds: [sentinel, group, squad] });
  });
});

describe('workflow', () => {
  it('runs screen → assign → accept → start → resolve → rating → closed, each step on the timeline with its event', async () => {
    const s = await submitQr();
    const id = await idOf(s.petition.trackingCode);
    await call(PetitionsRpc.petitionScreen, { id, outcome: 'valid', priority: 3, note: '影响整栋楼居民' });
    const assigned = await call<PetitionView>(PetitionsRpc.petitionAssign, { id, level: 'grid' });
    expect(assigned).toMatchObject({ state: 'assigned', priority: 3, assignee: { level: 'grid', region: XIANGSHAN_GRID } });
    expect(Date.parse(assigned.levelDeadline!) - Date.now()).toBeGreaterThan((LEVEL_CLOCK_HOURS.grid - 1) * 3_600_000);
    await call(PetitionsRpc.petitionAccept, { id });
    await call(PetitionsRpc.petitionStart, { id });
    const resolved = await call<PetitionView>(PetitionsRpc.petitionResolve, { id, result: '已更换楼道声控灯，经测试正常。' });
    expect(resolved).toMatchObject({ state: 'resolved', result: '已更换楼道声控灯，经测试正常。' });
    const closed = await rpc.request<PublicPetitionView>(PetitionsRpc.petitionRate, { trackingCode: s.petition.trackingCode, submitterKey: s.submitterKey, rating: 5, comment: '很快就修好了' });
    expect(closed).toMatchObject({ state: 'closed', rating: 5 });
    const timeline = await call<TimelineEntryView[]>(PetitionsRpc.petitionTimeline, { id });
    expect(timeline.map((e) => e.action)).toEqual(['submitted', 'screened', 'assigned', 'accepted', 'started', 'resolved', 'rated', 'closed']);
    expect(timeline[1]).toMatchObject({ actorAccountId: gridWorker.accountId, note: '影响整栋楼居民', fromState: 'submitted', toState: 'screened' });
    for (const type of ['screened', 'assigned', 'accepted', 'started', 'resolved', 'rated', 'closed']) await eventOf(`gov.petitions.petition.${type}.v1`, id);
  });

  it('refuses a transition out of order, or by the wrong person, and changes nothing', async () => {
    const s = await submitQr();
    const id = await idOf(s.petition.trackingCode);
    const before = await snapshot(id);
    await expect(call(PetitionsRpc.petitionAccept, { id })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    await expect(call(PetitionsRpc.petitionResolve, { id, result: '已处理' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    await expect(call(PetitionsRpc.petitionScreen, { id, outcome: 'valid' }, otherGridWorker)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(PetitionsRpc.petitionScreen, { id, outcome: 'valid' }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(PetitionsRpc.petitionGet, { id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rpc.request(PetitionsRpc.petitionRate, { trackingCode: s.petition.trackingCode, submitterKey: s.submitterKey, rating: 5 })).rejects.toMatchObject({ reason: 'WRONG_STATE' });
    await call(PetitionsRpc.petitionScreen, { id, outcome: 'valid' });
    const afterScreen = await snapshot(id);
    await expect(call(PetitionsRpc.petitionAssign, { id, level: 'community', region: `${XIANGSHAN.replace('xiangshan', 'quanlong')}` })).rejects.toMatchObject({ reason: 'ASSIGNEE_OUTSIDE_REGION' });
    await expect(call(PetitionsRpc.petitionAssign, { id, level: 'community', region: 'jingmen/duodao/duodaoshi/gaojing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(PetitionsRpc.petitionAssign, { id, level: 'department' })).rejects.toMatchObject({ reason: 'WRONG_LEVEL' });
    await expect(call(PetitionsRpc.petitionAssign, { id, level: 'department', departmentId: randomUUID() })).rejects.toMatchObject({ reason: 'UNKNOWN_DEPARTMENT' });
    expect(await snapshot(id)).toEqual(afterScreen);
    expect(before).not.toEqual(afterScreen);
  });

  it('lets only the submitter rate, and reopens on an unsatisfied rating', async () => {
    const { id, submitterKey, code } = await accepted();
    await call(PetitionsRpc.petitionResolve, { id, result: '已联系物业处理' });
    const before = await snapshot(id);
    await expect(rpc.request(PetitionsRpc.petitionRate, { trackingCode: code, submitterKey: 'x'.repeat(32), rating: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_THE_SUBMITTER' });
    await expect(call(PetitionsRpc.petitionRate, { id, rating: 1 }, gridWorker)).rejects.toMatchObject({ reason: 'NOT_THE_SUBMITTER' });
    expect(await snapshot(id)).toEqual(before);
    const reopened = await rpc.request<PublicPetitionView>(PetitionsRpc.petitionRate, { trackingCode: code, submitterKey, rating: 2, comment: '灯还是不亮' });
    expect(reopened.state).toBe('assigned');
    const p = await call<PetitionView>(PetitionsRpc.petitionGet, { id });
    expect(p).toMatchObject({ reopenCount: 1, supervised: true, rating: 2 });
    await eventOf('gov.petitions.petition.reopened.v1', id);
  });

  it('suggests duplicates at the same building and merges them: every reporter hears the result', async () => {
    const first = await accepted();
    const second = await submitQr();
    const secondId = await idOf(second.petition.trackingCode);
    const elsewhere = await submitQr({ qrToken: neighbour.token });
    const candidates = await call<DuplicateCandidateView[]>(PetitionsRpc.petitionDuplicates, { id: secondId });
    expect(candidates.map((c) => c.petition.id)).toContain(first.id);
    expect(candidates.find((c) => c.petition.id === first.id)).toMatchObject({ sameBuilding: true });
    expect(candidates.map((c) => c.petition.trackingCode)).not.toContain(elsewhere.petition.trackingCode);
    await expect(call(PetitionsRpc.petitionScreen, { id: secondId, outcome: 'duplicate', duplicateOf: secondId })).rejects.toMatchObject({ reason: 'DUPLICATE_OF_ITSELF' });
    const merged = await call<PetitionView>(PetitionsRpc.petitionScreen, { id: secondId, outcome: 'duplicate', duplicateOf: first.id });
    expect(merged).toMatchObject({ state: 'merged', clusterId: first.id, duplicateOf: first.id, clusterSize: 2 });
    await call(PetitionsRpc.petitionResolve, { id: first.id, result: '已统一更换整栋楼道灯。' });
    expect(await byCode(second.petition.trackingCode)).toMatchObject({ state: 'resolved', result: '已统一更换整栋楼道灯。' });
    await eventOf('gov.petitions.petition.resolved.v1', secondId);
  });
});

describe('clocks and escalation', () => {
  it('escalates a petition whose grid clock ran out to the community, then the street, then its department', async () => {
    const { id } = await accepted();
    const clock = app.app.get(PetitionClock);
    const expire = () => sql(`update {s}.petition set level_deadline = now() - interval '1 minute' where id = ?`, [id]);
    await expire();
    await clock.sweep();
    expect(await call<PetitionView>(PetitionsRpc.petitionGet, { id })).toMatchObject({ state: 'assigned', escalations: 1, supervised: true, assignee: { level: 'community', region: XIANGSHAN } });
    await expire();
    await clock.sweep();
    expect((await call<PetitionView>(PetitionsRpc.petitionGet, { id })).assignee).toMatchObject({ level: 'street', region: 'jingmen/dongbao/longquan' });
    await expire();
    await clock.sweep();
    const atDepartment = await call<PetitionView>(PetitionsRpc.petitionGet, { id }, handler);
    expect(atDepartment).toMatchObject({ escalations: 3, assignee: { level: 'department', departmentId } });
    expect((await call<TimelineEntryView[]>(PetitionsRpc.petitionTimeline, { id })).filter((e) => e.action === 'escalated')).toHaveLength(3);
    expect(await eventOf('gov.petitions.petition.escalated.v1', id)).toHaveLength(3);
    // The department takes it from there.
    await call(PetitionsRpc.petitionAccept, { id }, handler);
    await expect(call(PetitionsRpc.petitionStart, { id }, gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('closes a result nobody rated within the rating window', async () => {
    const { id } = await accepted();
    await call(PetitionsRpc.petitionResolve, { id, result: '已清理' });
    await sql(`update {s}.petition set resolved_at = now() - make_interval(days => ?) - interval '1 minute' where id = ?`, [RATING_WINDOW_DAYS, id]);
    await app.app.get(PetitionClock).sweep();
    expect((await call<PetitionView>(PetitionsRpc.petitionGet, { id })).state).toBe('closed');
  });
});

describe('whistles', () => {
  it('lets a community summon a department, which reports; a late answer is reported once', async () => {
    const { id } = await accepted();
    await expect(call(PetitionsRpc.whistleBlow, { petitionId: id, departmentId, reason: '涉及燃气管道，需住建部门到场' }, gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const w = await call<WhistleView>(PetitionsRpc.whistleBlow, { petitionId: id, departmentId, urgency: 'urgent', reason: '涉及燃气管道，需住建部门到场' }, communityAdmin);
    expect(w).toMatchObject({ community: XIANGSHAN, urgency: 'urgent', acknowledgedAt: null, late: false });
    expect((await call<WhistleView[]>(PetitionsRpc.whistleList, { open: true }, handler)).map((x) => x.id)).toContain(w.id);
    await expect(call(PetitionsRpc.whistleAcknowledge, { id: w.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const late = await call<WhistleView>(PetitionsRpc.whistleBlow, { petitionId: id, departmentId, reason: '再次吹哨' }, communityAdmin);
    await sql(`update {s}.whistle set ack_deadline = now() - interval '1 minute' where id = ?`, [late.id]);
    await app.app.get(PetitionClock).sweep();
    await app.app.get(PetitionClock).sweep();
    expect(await eventOf('gov.petitions.whistle.overdue.v1', late.id)).toHaveLength(1);
    const ack = await call<WhistleView>(PetitionsRpc.whistleAcknowledge, { id: w.id, note: '已派员到场' }, handler);
    expect(ack).toMatchObject({ acknowledgedBy: handler.accountId, late: false });
    await expect(call(PetitionsRpc.whistleAcknowledge, { id: w.id }, handler)).rejects.toMatchObject({ reason: 'ALREADY_ACKNOWLEDGED' });
  });
});

describe('lists', () => {
  it("lists a grid worker's queue and never another county's petitions", async () => {
    const s = await submitQr();
    const page = await call<{ items: PetitionView[] }>(PetitionsRpc.petitionList, { states: ['submitted'], first: 100 });
    expect(page.items.map((p) => p.trackingCode)).toContain(s.petition.trackingCode);
    expect((await call<{ items: PetitionView[] }>(PetitionsRpc.petitionList, { first: 100 }, duodaoAdmin)).items).toEqual([]);
    await expect(call(PetitionsRpc.petitionList, { region: 'jingmen/dongbao', first: 10 }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
