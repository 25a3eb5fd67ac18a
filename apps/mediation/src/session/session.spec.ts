// Mediation sessions (调解会) over NATS: the case's mediator (or an admin of its place) schedules
// them in person or online — the first one starts the mediation — and records each once, held with
// who came or cancelled; parties see them; refusals change nothing; another county sees nothing.
import type { Actor } from '@gov/kernel';
import { MediationRpc, type CaseTimelineEntryView, type MediationCaseView, type SessionView } from '@gov/mediation-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { ASSIGNED_TIMELINE, XIANGSHAN, XIANGSHAN_GRID as GRID, actorOf, assignedCase as assignedVia, caseEvents, committeeWithMediator, makeKnown, walkInCase, type Committee } from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;
let committee: Committee;

const HOUR_MS = 3_600_000;
const ROOM = '龙泉街道调解室';
const LINK = 'https://meeting.example.cn/j/824-113';

const admin = actorOf('community_admin', XIANGSHAN);
const mediator = actorOf('mediator', GRID);
/** A mediator of the same place who is not this case's: sees the case, may not run it. */
const otherMediator = actorOf('mediator', GRID);
const gridWorker = actorOf('grid_worker', GRID);
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const applicant = actorOf('resident', GRID);

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const call = <T>(subject: string, input: unknown, actor: Actor = mediator) => rpc.request<T>(subject, input, { actor });
const inHours = (h: number) => new Date(Date.now() + h * HOUR_MS).toISOString();

const dispute = () => walkInCase({ applicant: { personId: applicant.personId } });
const openCase = () => call<MediationCaseView>(MediationRpc.caseOpen, dispute(), admin);
/** A case the admin gave to `mediator` through the API. */
const assignedCase = () => assignedVia(committee, dispute());

const inPerson = (caseId: string, over: object = {}) => ({ caseId, mode: 'in_person', startsAt: inHours(24), place: ROOM, ...over });
const online = (caseId: string, over: object = {}) => ({ caseId, mode: 'online', startsAt: inHours(48), meetingLink: LINK, ...over });
const getCase = (id: string) => call<MediationCaseView>(MediationRpc.caseGet, { id }, admin);
const actions = async (id: string) => (await call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id }, admin)).map((e) => e.action);

/** Everything a refused call must leave as it was. */
const snapshot = async (caseId: string) => ({
  row: JSON.stringify(await sql(`select * from {s}.mediation_case where id = ?`, [caseId])),
  sessions: JSON.stringify(await sql(`select * from {s}.session where case_id = ? order by seq`, [caseId])),
  counts: await sql(`select (select count(*) from {s}.case_timeline) as t, (select count(*) from {s}.outbox_event) as o`),
});

const eventsOf = (caseId: string, type: string, n = 1) => caseEvents(t, caseId, type, n);

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  await makeKnown(t, app, GRID, [applicant.personId!, mediator.personId!]);
  committee = await committeeWithMediator(rpc, admin, GRID, mediator.personId!);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('scheduling sessions', () => {
  it('lets the mediator schedule the first session, which starts the mediation, and numbers sessions per case', async () => {
    const c = await assignedCase();
    const first = await call<SessionView>(MediationRpc.sessionSchedule, inPerson(c.id));
    expect(first).toMatchObject({ caseId: c.id, seq: 1, mode: 'in_person', place: ROOM, meetingLink: null, state: 'scheduled', attendedPartyIds: [], recordedAt: null });
    expect((await getCase(c.id)).state).toBe('mediating');
    const second = await call<SessionView>(MediationRpc.sessionSchedule, online(c.id), admin);
    expect(second).toMatchObject({ seq: 2, mode: 'online', meetingLink: LINK });
    expect((await getCase(c.id)).state).toBe('mediating');
    const other = await call<SessionView>(MediationRpc.sessionSchedule, inPerson((await assignedCase()).id));
    expect(other.seq).toBe(1);

    const listed = await call<SessionView[]>(MediationRpc.sessionList, { caseId: c.id }, applicant);
    expect(listed.map((s) => [s.seq, s.mode])).toEqual([[1, 'in_person'], [2, 'online']]);
    const timeline = await call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id: c.id }, admin);
    expect(timeline.slice(0, ASSIGNED_TIMELINE.length).map((e) => e.action)).toEqual(ASSIGNED_TIMELINE);
    expect(timeline.slice(ASSIGNED_TIMELINE.length).map((e) => [e.action, e.fromState, e.toState, e.actorLabel])).toEqual([
      ['session_scheduled', 'assigned', 'mediating', mediator.username],
      ['session_scheduled', 'mediating', 'mediating', admin.username],
    ]);
  });

  it('tells the world with the session id and mode, without the place, the link or anyone’s name', async () => {
    const c = await assignedCase();
    const s = await call<SessionView>(MediationRpc.sessionSchedule, online(c.id));
    const [event] = await eventsOf(c.id, 'session-scheduled');
    expect(event!.data).toMatchObject({ id: c.id, state: 'mediating', sessionId: s.id, seq: 1, mode: 'online', startsAt: s.startsAt });
    expect(JSON.stringify(event!.data)).not.toMatch(/meeting\.example|调解室|王秀兰|李建国|1387/);
  });

  it('refuses with a coded error and changes nothing', async () => {
    const c = await assignedCase();
    const before = await snapshot(c.id);
    await expect(call(MediationRpc.sessionSchedule, inPerson(c.id, { startsAt: inHours(-1) }))).rejects.toMatchObject({ code: 'VALIDATION', reason: 'SESSION_IN_PAST' });
    await expect(call(MediationRpc.sessionSchedule, online(c.id, { meetingLink: null }))).rejects.toMatchObject({ code: 'VALIDATION', reason: 'ONLINE_NEEDS_LINK' });
    await expect(call(MediationRpc.sessionSchedule, online(c.id, { meetingLink: 'http://meeting.example.cn/j/1' }))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call(MediationRpc.sessionSchedule, inPerson(c.id, { place: null }))).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'place' }] });
    await expect(call(MediationRpc.sessionSchedule, inPerson(c.id), otherMediator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.sessionSchedule, inPerson(c.id), gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.sessionSchedule, inPerson(c.id), applicant)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.sessionSchedule, inPerson(c.id), duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.sessionSchedule, inPerson(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(c.id)).toEqual(before);
    expect((await getCase(c.id)).state).toBe('assigned');
  });

  it('schedules only while the case is being mediated', async () => {
    const opened = await openCase();
    await expect(call(MediationRpc.sessionSchedule, inPerson(opened.id), admin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    const closed = await assignedCase();
    await call(MediationRpc.caseClose, { caseId: closed.id, outcome: 'withdrawn' }, admin);
    const before = await snapshot(closed.id);
    await expect(call(MediationRpc.sessionSchedule, inPerson(closed.id))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await snapshot(closed.id)).toEqual(before);
    expect(await call(MediationRpc.sessionList, { caseId: opened.id }, admin)).toEqual([]);
  });
});

describe('recording sessions', () => {
  it('records a held session once with who came and the notes, and says so on the timeline and in an event', async () => {
    const c = await assignedCase();
    const s = await call<SessionView>(MediationRpc.sessionSchedule, inPerson(c.id));
    const partyIds = c.parties.map((p) => p.id);
    const held = await call<SessionView>(MediationRpc.sessionRecord, { sessionId: s.id, attendedPartyIds: partyIds, notes: '双方到场，申请人要求赔偿维修费3200元，被申请人同意承担一半。' });
    expect(held).toMatchObject({ id: s.id, state: 'held', attendedPartyIds: partyIds, notes: expect.stringContaining('3200元'), recordedBy: mediator.accountId });
    expect(held.recordedAt).not.toBeNull();
    expect(await call(MediationRpc.sessionList, { caseId: c.id }, applicant)).toEqual([held]);
    expect(await actions(c.id)).toEqual([...ASSIGNED_TIMELINE, 'session_scheduled', 'session_held']);
    const [event] = await eventsOf(c.id, 'session-recorded');
    expect(event!.data).toMatchObject({ sessionId: s.id, seq: 1, mode: 'in_person', held: true });
    expect(JSON.stringify(event!.data)).not.toMatch(/3200|调解室|王秀兰/);

    const before = await snapshot(c.id);
    await expect(call(MediationRpc.sessionRecord, { sessionId: s.id, held: false, notes: '再记一次' }, admin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_RECORDED' });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('records a session that did not take place as cancelled', async () => {
    const c = await assignedCase();
    const s = await call<SessionView>(MediationRpc.sessionSchedule, online(c.id));
    const cancelled = await call<SessionView>(MediationRpc.sessionRecord, { sessionId: s.id, held: false, notes: '被申请人因病无法参加，改期。' }, admin);
    expect(cancelled).toMatchObject({ state: 'cancelled', attendedPartyIds: [], recordedBy: admin.accountId });
    expect(await actions(c.id)).toEqual([...ASSIGNED_TIMELINE, 'session_scheduled', 'session_cancelled']);
    expect((await getCase(c.id)).state).toBe('mediating');
    const [event] = await eventsOf(c.id, 'session-recorded');
    expect(event!.data).toMatchObject({ sessionId: s.id, held: false });
  });

  it('refuses an unknown party, an unknown or another county’s session and a stranger, changing nothing', async () => {
    const c = await assignedCase();
    const elsewhere = await assignedCase();
    const s = await call<SessionView>(MediationRpc.sessionSchedule, inPerson(c.id));
    const before = await snapshot(c.id);
    const record = (over: object = {}) => ({ sessionId: s.id, attendedPartyIds: [c.parties[0]!.id], notes: '双方到场', ...over });
    await expect(call(MediationRpc.sessionRecord, record({ attendedPartyIds: [elsewhere.parties[0]!.id] }))).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_PARTY' });
    await expect(call(MediationRpc.sessionRecord, record({ sessionId: randomUUID() }))).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_SESSION' });
    await expect(call(MediationRpc.sessionRecord, record(), duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_SESSION' });
    await expect(call(MediationRpc.sessionRecord, record(), otherMediator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.sessionRecord, record(), applicant)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('shows another county nothing of a case’s sessions', async () => {
    const c = await assignedCase();
    await call(MediationRpc.sessionSchedule, inPerson(c.id));
    await expect(call(MediationRpc.sessionList, { caseId: c.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.sessionList, { caseId: c.id }, actorOf('resident', GRID))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await call<SessionView[]>(MediationRpc.sessionList, { caseId: c.id }, otherMediator)).toHaveLength(1);
  });
});
