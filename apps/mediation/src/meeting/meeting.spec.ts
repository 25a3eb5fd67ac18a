import type { Actor } from '@gov/kernel';
import { MediationRpc, type AgendaItemView, type CommitteeListsView, type DecisionView, type ListItemView, type MeetingView } from '@gov/mediation-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { actorOf, knownPersons, publishEvent } from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;

const XIANGSHAN = 'jingmen/dongbao/longquan/xiangshan';
const QUANFENG = 'jingmen/dongbao/longquan/quanfeng';
const BAISHIPO = 'jingmen/duodao/duodaoshi/baishipo';

const communityAdmin = actorOf('community_admin', XIANGSHAN);
const gridWorker = actorOf('grid_worker', `${XIANGSHAN}/g03`);
const mediator = actorOf('mediator', XIANGSHAN);
const resident = actorOf('resident', `${XIANGSHAN}/g03`);
const dongbaoAdmin = actorOf('county_admin', 'jingmen/dongbao');
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');

const call = <T>(subject: string, input: unknown, actor: Actor = communityAdmin) => rpc.request<T>(subject, input, { actor });
const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const countOf = async (table: string) => Number((await sql<{ n: string }>(`select count(*) as n from {s}.${table}`))[0]!.n);
/** Everything a refused call must leave as it was. */
const snapshot = async (meetingId?: string) => ({
  tables: await Promise.all(['meeting', 'agenda_item', 'decision', 'committee_item', 'outbox_event'].map(countOf)),
  meeting: meetingId ? JSON.stringify(await sql(`select * from {s}.meeting where id = ?`, [meetingId])) : null,
});

async function expectRefused(work: Promise<unknown>, refusal: Record<string, unknown>, meetingId?: string): Promise<void> {
  const before = await snapshot(meetingId);
  await expect(work).rejects.toMatchObject(refusal);
  expect(await snapshot(meetingId)).toEqual(before);
}

let startsAtMinute = 0;
/** Distinct start times so "newest first" is well defined. */
const nextStart = () => new Date(Date.UTC(2026, 11, 3, 11, startsAtMinute++)).toISOString().replace('Z', '+00:00');

const schedule = (over: Record<string, unknown> = {}, actor: Actor = communityAdmin) =>
  call<MeetingView>(MediationRpc.meetingSchedule, { kind: 'red_bench', region: XIANGSHAN, title: '红板凳议事会：象山新村停车难', startsAt: nextStart(), place: '象山新村3栋前小广场', ...over }, actor);
const held = async (over: Record<string, unknown> = {}) => {
  const m = await schedule(over);
  return call<MeetingView>(MediationRpc.minutesRecord, { meetingId: m.id, attendees: [{ name: '王芳', role: '信息员' }], minutes: '居民反映晚间车辆乱停，商定划线停车。' });
};
const addItem = (meetingId: string, over: Record<string, unknown> = {}, actor: Actor = communityAdmin) =>
  call<AgendaItemView>(MediationRpc.agendaItemAdd, { meetingId, source: 'raised', title: '楼道堆放杂物', ...over }, actor);
const upsert = (input: Record<string, unknown>, actor: Actor = communityAdmin) => call<ListItemView>(MediationRpc.committeeItemUpsert, input, actor);
const lists = (community: string, actor: Actor = communityAdmin, states?: string[]) => call<CommitteeListsView>(MediationRpc.committeeLists, { community, states }, actor);

/** A petition or proposal petitions announced (its event reaches mediation's read model), in `region`. */
async function knownSource(kind: 'petition' | 'proposal', region: string): Promise<string> {
  const id = randomUUID();
  const data = kind === 'petition' ? { id, trackingCode: 'ABCD-EFGH-JKLM', category: 'traffic.parking', region } : { id, title: '增设夜间临时停车位', region };
  await publishEvent(t, { service: 'petitions', aggregate: kind, event: kind === 'petition' ? 'submitted' : 'created' }, region, id, data);
  await eventually(async () => ((await sql(`select id from {s}.source_ref where id = ?`, [id])).length ? true : undefined), 10_000);
  return id;
}

async function eventOf(type: string, subject: string) {
  return eventually(async () => {
    const e = await readEvents(await t.nats(), t.ns, (e) => e.type === type && e.subject === subject);
    return e.length ? e : undefined;
  }, 10_000);
}

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('scheduling and reading meetings', () => {
  it('schedules a red-bench meeting for a community, announces it, and lets its residents read it', async () => {
    const m = await schedule();
    expect(m).toMatchObject({ kind: 'red_bench', region: XIANGSHAN, title: '红板凳议事会：象山新村停车难', state: 'scheduled', attendees: [], minutes: null, agenda: [], decisions: [], createdBy: communityAdmin.accountId });
    const [event] = await eventOf('gov.mediation.meeting.scheduled.v1', m.id);
    expect(event!.data).toMatchObject({ id: m.id, kind: 'red_bench', region: XIANGSHAN, state: 'scheduled' });
    // A resident of one of its grids reads the community's meeting, as does the county.
    expect(await call<MeetingView>(MediationRpc.meetingGet, { id: m.id }, resident)).toEqual(m);
    expect(await call<MeetingView>(MediationRpc.meetingGet, { id: m.id }, dongbaoAdmin)).toEqual(m);
  });

  it('lets a grid worker hold a five-member deliberation in their grid but not call the community', async () => {
    const m = await schedule({ kind: 'five_member', region: `${XIANGSHAN}/g03`, title: '五员议事：3栋漏水分摊' }, gridWorker);
    expect(m).toMatchObject({ kind: 'five_member', region: `${XIANGSHAN}/g03` });
    await expectRefused(schedule({}, gridWorker), { code: 'FORBIDDEN' });
    await expectRefused(schedule({}, resident), { code: 'FORBIDDEN' });
  });

  it('refuses a place above community level', async () => {
    await expectRefused(schedule({ region: 'jingmen/dongbao/longquan' }), { code: 'VALIDATION', fields: [{ path: 'region', message: expect.any(String) }] });
    await expectRefused(schedule({ kind: 'joint_committee', region: 'jingmen/dongbao' }, dongbaoAdmin), { code: 'VALIDATION' });
  });

  it("keeps counties apart: another county's meeting is not found and its places are not the caller's", async () => {
    const m = await schedule();
    await expect(call(MediationRpc.meetingGet, { id: m.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.meetingGet, { id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expectRefused(schedule({}, duodaoAdmin), { code: 'FORBIDDEN' });
    await expectRefused(addItem(m.id, {}, duodaoAdmin), { code: 'NOT_FOUND' }, m.id);
  });

  it("lists a subtree's meetings newest first, by default those of the caller's places", async () => {
    const community = 'jingmen/dongbao/longquan/longjing';
    const admin = actorOf('community_admin', community);
    const first = await schedule({ region: community, kind: 'evening_talk', title: '村湾夜话：垃圾分类' }, admin);
    const inG01 = await schedule({ region: `${community}/g01`, kind: 'five_member', title: '五员议事：1组道路' }, admin);
    const inG02 = await schedule({ region: `${community}/g02`, kind: 'five_member', title: '五员议事：2组路灯' }, admin);
    const duodao = await schedule({ region: BAISHIPO, title: '红板凳议事会：白石坡广场舞噪音' }, duodaoAdmin);

    const ids = (ms: MeetingView[]) => ms.map((m) => m.id);
    expect(ids(await call<MeetingView[]>(MediationRpc.meetingList, {}, admin))).toEqual([inG02.id, inG01.id, first.id]);
    // A resident of grid g01 sees their grid's and their community's meetings, not grid g02's.
    expect(ids(await call<MeetingView[]>(MediationRpc.meetingList, {}, actorOf('resident', `${community}/g01`)))).toEqual([inG01.id, first.id]);
    expect(ids(await call<MeetingView[]>(MediationRpc.meetingList, { region: `${community}/g02` }, admin))).toEqual([inG02.id]);
    expect(ids(await call<MeetingView[]>(MediationRpc.meetingList, { region: community, first: 2 }, admin))).toEqual([inG02.id, inG01.id]);

    const duodaoList = ids(await call<MeetingView[]>(MediationRpc.meetingList, {}, duodaoAdmin));
    expect(duodaoList).toContain(duodao.id);
    expect(duodaoList).not.toContain(first.id);
    await expect(call(MediationRpc.meetingList, { region: BAISHIPO }, dongbaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('agenda and minutes', () => {
  it('numbers agenda items from petitions, proposals, list items and raised matters in order', async () => {
    const m = await schedule();
    const listItem = await upsert({ community: XIANGSHAN, list: 'problems', title: '象山新村夜间停车难' });
    const petitionId = await knownSource('petition', `${XIANGSHAN}/g03`);
    const proposalId = await knownSource('proposal', XIANGSHAN);
    const a1 = await addItem(m.id, { source: 'petition', sourceId: petitionId, title: '诉求：小区车辆乱停堵塞消防通道' });
    const a2 = await addItem(m.id, { source: 'proposal', sourceId: proposalId, title: '提案：增设夜间临时停车位' }, mediator);
    const a3 = await addItem(m.id, { source: 'list_item', sourceId: listItem.id, title: '问题清单：夜间停车难' });
    const a4 = await addItem(m.id, { title: '现场提出：充电桩安装', description: '电动车楼道充电有火灾隐患' });
    expect([a1, a2, a3, a4].map((a) => a.position)).toEqual([1, 2, 3, 4]);
    expect(a1).toMatchObject({ meetingId: m.id, source: 'petition', sourceId: petitionId });
    expect(a4).toMatchObject({ source: 'raised', sourceId: null, description: '电动车楼道充电有火灾隐患' });

    const got = await call<MeetingView>(MediationRpc.meetingGet, { id: m.id }, resident);
    expect(got.agenda).toEqual([a1, a2, a3, a4]);
    const [event] = await eventOf('gov.mediation.meeting.agenda-item-added.v1', m.id);
    expect(event!.data).toMatchObject({ id: m.id, region: XIANGSHAN });
  });

  it('refuses agenda items without their source, and list items of another community', async () => {
    const m = await schedule();
    const elsewhere = await upsert({ community: QUANFENG, list: 'needs', title: '泉丰社区老年助餐' }, dongbaoAdmin);
    const sourceNeeded = { code: 'VALIDATION', reason: 'UNKNOWN_SOURCE' };
    const unknownSource = { code: 'NOT_FOUND', reason: 'UNKNOWN_SOURCE' };
    await expectRefused(addItem(m.id, { source: 'petition', title: '诉求：噪音扰民' }), sourceNeeded, m.id);
    await expectRefused(addItem(m.id, { source: 'raised', sourceId: randomUUID() }), sourceNeeded, m.id);
    await expectRefused(addItem(m.id, { source: 'list_item', sourceId: randomUUID(), title: '清单事项' }), unknownSource, m.id);
    await expectRefused(addItem(m.id, { source: 'list_item', sourceId: elsewhere.id, title: '清单事项' }), unknownSource, m.id);
    // Petitions and proposals: unknown to mediation, of another community, or of another kind.
    await expectRefused(addItem(m.id, { source: 'petition', sourceId: randomUUID(), title: '诉求：噪音扰民' }), unknownSource, m.id);
    const quanfengPetition = await knownSource('petition', `${QUANFENG}/g01`);
    await expectRefused(addItem(m.id, { source: 'petition', sourceId: quanfengPetition, title: '诉求：噪音扰民' }), unknownSource, m.id);
    await expectRefused(addItem(m.id, { source: 'proposal', sourceId: quanfengPetition, title: '提案' }), unknownSource, m.id);
    await expectRefused(addItem(m.id, {}, resident), { code: 'FORBIDDEN' }, m.id);
    expect((await call<MeetingView>(MediationRpc.meetingGet, { id: m.id })).agenda).toEqual([]);
  });

  it('records attendees and minutes once, which holds the meeting and closes its agenda', async () => {
    const m = await schedule();
    await addItem(m.id);
    const attendees = [
      { name: '王芳', role: '信息员', personId: (await knownPersons(t, app, `${XIANGSHAN}/g03`))[0]! },
      { name: '李建国', role: '调解员', personId: null },
      { name: '张秀英', role: '居民代表', personId: null },
    ];
    await expectRefused(call(MediationRpc.minutesRecord, { meetingId: m.id, attendees, minutes: '议定事项如下。' }, resident), { code: 'FORBIDDEN' }, m.id);
    const done = await call<MeetingView>(MediationRpc.minutesRecord, { meetingId: m.id, attendees, minutes: '与会居民一致同意在3栋前划定夜间停车位。' }, mediator);
    expect(done).toMatchObject({ state: 'held', attendees, minutes: '与会居民一致同意在3栋前划定夜间停车位。' });
    expect(done.agenda).toHaveLength(1);
    const [event] = await eventOf('gov.mediation.meeting.minutes-recorded.v1', m.id);
    expect(event!.data).toMatchObject({ state: 'held', attendeeCount: 3 });
    expect(JSON.stringify(event!.data)).not.toContain('王芳');

    await expectRefused(call(MediationRpc.minutesRecord, { meetingId: m.id, attendees, minutes: '改写的纪要' }), { code: 'CONFLICT', reason: 'ALREADY_RECORDED' }, m.id);
    await expectRefused(addItem(m.id), { code: 'CONFLICT', reason: 'WRONG_STATE' }, m.id);
    expect(await call<MeetingView>(MediationRpc.meetingGet, { id: m.id })).toEqual(done);
  });
});

describe('decisions', () => {
  it('refuses a decision before the minutes, or on an item of another meeting', async () => {
    const m = await schedule();
    await expectRefused(call(MediationRpc.decisionRecord, { meetingId: m.id, text: '划线停车' }), { code: 'CONFLICT', reason: 'MEETING_NOT_HELD' }, m.id);
    const other = await schedule();
    const foreign = await addItem(other.id);
    const h = await held();
    await expectRefused(
      call(MediationRpc.decisionRecord, { meetingId: h.id, agendaItemId: foreign.id, text: '划线停车' }),
      { code: 'NOT_FOUND', reason: 'UNKNOWN_AGENDA_ITEM' },
      h.id,
    );
    await expectRefused(call(MediationRpc.decisionRecord, { meetingId: h.id, text: '列入清单', action: 'list_item' }), { code: 'VALIDATION', fields: [{ path: 'list', message: expect.any(String) }] }, h.id);
    await expectRefused(call(MediationRpc.decisionRecord, { meetingId: h.id, text: '划线停车' }, duodaoAdmin), { code: 'NOT_FOUND' }, h.id);
  });

  it("announces each decision with its meeting's place and source, and files list items on the community's lists", async () => {
    const m = await schedule();
    const petitionId = await knownSource('petition', `${XIANGSHAN}/g01`);
    const item = await addItem(m.id, { source: 'petition', sourceId: petitionId, title: '诉求：消防通道被占' });
    await call(MediationRpc.minutesRecord, { meetingId: m.id, attendees: [{ name: '王芳', role: '信息员' }], minutes: '议定清理消防通道。' });

    const task = await call<DecisionView>(MediationRpc.decisionRecord, { meetingId: m.id, agendaItemId: item.id, text: '物业三日内清理消防通道，网格员督办。', action: 'task' });
    expect(task).toMatchObject({ meetingId: m.id, agendaItemId: item.id, action: 'task', listItemId: null });
    const filed = await call<DecisionView>(MediationRpc.decisionRecord, { meetingId: m.id, text: '增设夜间临时停车位，列入项目清单。', action: 'list_item', list: 'projects' }, mediator);
    expect(filed.listItemId).toEqual(expect.any(String));

    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.mediation.meeting.decision-recorded.v1' && e.subject === m.id);
      return e.length === 2 ? e : undefined;
    }, 10_000);
    const byDecision = new Map(events.map((e) => [(e.data as { decisionId: string }).decisionId, e.data]));
    expect(byDecision.get(task.id)).toMatchObject({ region: XIANGSHAN, kind: 'red_bench', text: '物业三日内清理消防通道，网格员督办。', action: 'task', creates: 'task', source: 'petition', sourceId: petitionId });
    expect(byDecision.get(filed.id)).toMatchObject({ action: 'list_item', listItemId: filed.listItemId, list: 'projects', source: null, sourceId: null });

    const projects = (await lists(XIANGSHAN, resident)).projects;
    expect(projects).toContainEqual(expect.objectContaining({ id: filed.listItemId, community: XIANGSHAN, state: 'open', sourceMeetingId: m.id, detail: '增设夜间临时停车位，列入项目清单。' }));
    await eventOf('gov.mediation.committee-item.changed.v1', filed.listItemId!);

    expect((await call<MeetingView>(MediationRpc.meetingGet, { id: m.id })).decisions).toEqual([task, filed]);
  });
});

describe("the committee's four lists", () => {
  const community = 'jingmen/dongbao/longquan/lianhua';
  const admin = actorOf('community_admin', community);

  it('keeps items on the four lists and moves them through their states', async () => {
    const need = await upsert({ community, list: 'needs', title: '老年助餐需求', detail: '独居老人午餐无人照料' }, admin);
    const resource = await upsert({ community, list: 'resources', title: '驻区单位食堂', ownerUnit: '东宝区人民医院' }, admin);
    expect(need).toMatchObject({ community, list: 'needs', state: 'open', sourceMeetingId: null });
    expect(resource.ownerUnit).toBe('东宝区人民医院');

    const moved = await upsert({ id: need.id, state: 'in_progress', ownerUnit: '莲花社区党委' }, admin);
    expect(moved).toMatchObject({ id: need.id, title: '老年助餐需求', detail: '独居老人午餐无人照料', state: 'in_progress', ownerUnit: '莲花社区党委' });
    const changes = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.mediation.committee-item.changed.v1' && e.subject === need.id);
      return e.length === 2 ? e : undefined;
    }, 10_000);
    expect(changes.map((e) => (e.data as { change: string; state: string }).change)).toEqual(['created', 'updated']);

    const all = await lists(community, actorOf('resident', `${community}/g02`));
    expect(all).toMatchObject({ community, problems: [], projects: [], needs: [moved], resources: [resource] });
    expect(await lists(community, admin, ['open'])).toMatchObject({ needs: [], resources: [resource] });
  });

  it('refuses incomplete items, changes of list, strangers and other counties without changing anything', async () => {
    const item = await upsert({ community, list: 'problems', title: '菜市场占道经营' }, admin);
    await expectRefused(upsert({ community, list: 'problems' }, admin), { code: 'VALIDATION', fields: [{ path: 'title', message: expect.any(String) }] });
    await expectRefused(upsert({ community: `${community}/g01`, list: 'problems', title: '网格问题' }, admin), { code: 'VALIDATION' });
    await expectRefused(upsert({ id: item.id, list: 'projects' }, admin), { code: 'VALIDATION' });
    await expectRefused(upsert({ id: item.id, state: 'done' }, actorOf('resident', community)), { code: 'FORBIDDEN' });
    await expectRefused(upsert({ id: item.id, state: 'done' }, duodaoAdmin), { code: 'NOT_FOUND' });
    await expectRefused(upsert({ community, list: 'problems', title: '外区登记' }, duodaoAdmin), { code: 'FORBIDDEN' });
    await expect(lists(community, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await lists(community, admin)).problems).toEqual([item]);
  });
});
