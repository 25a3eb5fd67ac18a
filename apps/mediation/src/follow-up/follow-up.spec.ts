// Follow-ups (回访、履行跟踪) over NATS: the mediator (or an admin of the place) schedules visits and
// instalments on an agreed case and records each once; a follow-up not recorded by its day shows
// as overdue; refusals change nothing; another county's follow-ups answer as missing ones.
import type { Actor } from '@gov/kernel';
import { MediationRpc, type CaseTimelineEntryView, type FollowUpView, type MediationCaseView } from '@gov/mediation-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import {
  AGREED_TIMELINE,
  PERFORMANCE_DEADLINE_DAYS,
  XIANGSHAN,
  XIANGSHAN_GRID as GRID,
  actorOf,
  agreedCase as agreedVia,
  caseEvents,
  chinaDay as day,
  committeeWithMediator,
  makeKnown,
  mediatingCase,
  walkInCase,
  type Committee,
} from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;
let committee: Committee;

/** The clock's own timer stays out of these tests: its reports would add to the rows a refusal must leave alone. */
const CLOCK_OFF = '3600000';

const admin = actorOf('community_admin', XIANGSHAN);
const mediator = actorOf('mediator', GRID);
const gridWorker = actorOf('grid_worker', GRID);
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const applicant = actorOf('resident', GRID);

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const call = <T>(subject: string, input: unknown, actor: Actor = mediator) => rpc.request<T>(subject, input, { actor });

const dispute = () => walkInCase({ applicant: { personId: applicant.personId } });

/**
 * A case agreed through the API, with the one follow-up its agreement scheduled itself: the visit on
 * its performance deadline, after every day these tests use, so it comes last in every list.
 */
async function agreedCase(): Promise<MediationCaseView & { agreementVisit: FollowUpView }> {
  const c = await agreedVia(committee, dispute());
  const fromAgreement = await list(c.id);
  expect(fromAgreement).toMatchObject([{ kind: 'visit', dueOn: day(PERFORMANCE_DEADLINE_DAYS), recordedAt: null, overdue: false }]);
  return { ...c, agreementVisit: fromAgreement[0]! };
}

const visit = (caseId: string, over: object = {}) => ({ caseId, kind: 'visit', dueOn: day(14), note: '回访双方，了解维修进度', ...over });
const payment = (caseId: string, over: object = {}) => ({ caseId, kind: 'payment', dueOn: day(30), amountFen: 160_000, ...over });
const list = (caseId: string, actor: Actor = mediator) => call<FollowUpView[]>(MediationRpc.followUpList, { caseId }, actor);

/** Everything a refused call must leave as it was. */
const snapshot = async (caseId: string) => ({
  row: JSON.stringify(await sql(`select * from {s}.mediation_case where id = ?`, [caseId])),
  followUps: JSON.stringify(await sql(`select * from {s}.follow_up where case_id = ? order by id`, [caseId])),
  counts: await sql(`select (select count(*) from {s}.case_timeline) as t, (select count(*) from {s}.outbox_event) as o`),
});

const eventsOf = (caseId: string, type: string, n = 1) => caseEvents(t, caseId, type, n);

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: CLOCK_OFF }));
  rpc = await t.rpc();
  await makeKnown(t, app, GRID, [applicant.personId!, mediator.personId!]);
  committee = await committeeWithMediator(rpc, admin, GRID, mediator.personId!);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('scheduling follow-ups', () => {
  it('schedules visits and instalments on an agreed case, listed by day, each on the timeline and in an event', async () => {
    const c = await agreedCase();
    const pay = await call<FollowUpView>(MediationRpc.followUpSchedule, payment(c.id));
    const look = await call<FollowUpView>(MediationRpc.followUpSchedule, visit(c.id), admin);
    expect(pay).toMatchObject({ caseId: c.id, kind: 'payment', dueOn: day(30), amountFen: 160_000, paidFen: null, done: null, recordedAt: null, overdue: false });
    expect(look).toMatchObject({ kind: 'visit', dueOn: day(14), amountFen: null, note: '回访双方，了解维修进度', overdue: false });
    expect((await list(c.id, applicant)).map((f) => f.id)).toEqual([look.id, pay.id, c.agreementVisit.id]);

    const timeline = await call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id: c.id }, admin);
    expect(timeline.slice(0, AGREED_TIMELINE.length).map((e) => e.action)).toEqual(AGREED_TIMELINE);
    expect(timeline.slice(AGREED_TIMELINE.length).map((e) => [e.action, e.toState])).toEqual([['follow_up_scheduled', 'agreed'], ['follow_up_scheduled', 'agreed']]);
    const events = await eventsOf(c.id, 'follow-up-scheduled', 2);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ followUpId: pay.id, kind: 'payment', dueOn: day(30), state: 'agreed' }),
      expect.objectContaining({ followUpId: look.id, kind: 'visit', dueOn: day(14) }),
    ]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toMatch(/160000|回访双方|王秀兰/);
  });

  it('refuses with a coded error and changes nothing', async () => {
    const c = await agreedCase();
    const before = await snapshot(c.id);
    await expect(call(MediationRpc.followUpSchedule, payment(c.id, { amountFen: null }))).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'amountFen' }] });
    await expect(call(MediationRpc.followUpSchedule, visit(c.id, { dueOn: '2026-02-30' }))).rejects.toMatchObject({ code: 'VALIDATION', fields: [{ path: 'dueOn' }] });
    await expect(call(MediationRpc.followUpSchedule, visit(c.id), gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.followUpSchedule, visit(c.id), applicant)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.followUpSchedule, visit(c.id), duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(c.id)).toEqual(before);

    const mediating = await mediatingCase(committee, dispute());
    const stillMediating = await snapshot(mediating.id);
    await expect(call(MediationRpc.followUpSchedule, visit(mediating.id))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await snapshot(mediating.id)).toEqual(stillMediating);
  });
});

describe('recording follow-ups', () => {
  it('records an instalment paid in full once, at its amount', async () => {
    const c = await agreedCase();
    const f = await call<FollowUpView>(MediationRpc.followUpSchedule, payment(c.id, { dueOn: day(-3) }));
    expect(f.overdue).toBe(true);
    const paid = await call<FollowUpView>(MediationRpc.followUpRecord, { id: f.id, done: true, note: '被申请人已银行转账1600元' });
    expect(paid).toMatchObject({ done: true, paidFen: 160_000, note: '被申请人已银行转账1600元', overdue: false });
    expect(paid.recordedAt).not.toBeNull();
    expect(await list(c.id)).toEqual([paid, c.agreementVisit]);
    const [event] = await eventsOf(c.id, 'follow-up-recorded');
    expect(event!.data).toMatchObject({ followUpId: f.id, kind: 'payment', done: true });

    const before = await snapshot(c.id);
    await expect(call(MediationRpc.followUpRecord, { id: f.id, done: false, note: '再记一次' }, admin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_RECORDED' });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('records a part payment and a visit not made as such', async () => {
    const c = await agreedCase();
    const f = await call<FollowUpView>(MediationRpc.followUpSchedule, payment(c.id));
    const v = await call<FollowUpView>(MediationRpc.followUpSchedule, visit(c.id));
    expect(await call(MediationRpc.followUpRecord, { id: f.id, done: false, paidFen: 50_000, note: '仅支付500元，余款承诺下月付清' }, admin)).toMatchObject({ done: false, paidFen: 50_000 });
    expect(await call(MediationRpc.followUpRecord, { id: v.id, done: false, note: '申请人外出务工，未能回访' })).toMatchObject({ done: false, paidFen: null });
  });

  it('shows what is overdue: not recorded and due before today', async () => {
    const c = await agreedCase();
    for (const dueOn of [day(-1), day(0), day(1)]) await call(MediationRpc.followUpSchedule, visit(c.id, { dueOn }));
    expect((await list(c.id)).map((f) => [f.dueOn, f.overdue])).toEqual([[day(-1), true], [day(0), false], [day(1), false], [c.agreementVisit.dueOn, false]]);
  });

  it('answers an unknown or another county’s follow-up as missing, refuses a stranger, and changes nothing', async () => {
    const c = await agreedCase();
    const f = await call<FollowUpView>(MediationRpc.followUpSchedule, visit(c.id));
    const before = await snapshot(c.id);
    const record = { id: f.id, done: true, note: '已回访' };
    await expect(call(MediationRpc.followUpRecord, { ...record, id: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_FOLLOW_UP' });
    await expect(call(MediationRpc.followUpRecord, record, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_FOLLOW_UP' });
    await expect(call(MediationRpc.followUpRecord, record, gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.followUpList, { caseId: c.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(c.id)).toEqual(before);
  });
});
