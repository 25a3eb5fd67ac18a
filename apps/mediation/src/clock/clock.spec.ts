// The mediation clocks against the real PostgreSQL and NATS: judicial-confirmation reminders 7 and 2
// days before the window closes, the lapse after it, and overdue follow-ups — each sent once,
// however many replicas sweep side by side. Sweeps are called directly with the instant to sweep as.
import type { Actor } from '@gov/kernel';
import { MediationRpc, type CaseTimelineEntryView, type FollowUpView, type MediationCaseView } from '@gov/mediation-contracts';
import { CaseRepository, FollowUpRepository } from '@gov/mediation-data-access';
import type { RpcClient } from '@gov/platform-messaging';
import { LOGGER, TransactionRunner } from '@gov/platform-service';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { CaseWorkflow } from '../case/case-workflow.js';
import type { MediationConfig } from '../config.js';
import { AGREED_TIMELINE, XIANGSHAN, XIANGSHAN_GRID as GRID, actorOf, agreedCase as agreedVia, chinaDay as day, committeeWithMediator, knownPersons, type Committee } from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';
import { MediationClock } from './mediation-clock.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;
let clock: MediationClock;
let committee: Committee;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** The app's own timer stays out of the way: the tests sweep when they mean to. */
const CLOCK_OFF = '3600000';
const REMINDER = 'gov.mediation.case.confirmation-reminder.v1';
const LAPSED = 'gov.mediation.case.confirmation-lapsed.v1';
const OVERDUE = 'gov.mediation.case.follow-up-overdue.v1';

const admin = actorOf('community_admin', XIANGSHAN);

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const call = <T>(subject: string, input: unknown, actor: Actor = admin) => rpc.request<T>(subject, input, { actor });
const fromNow = (ms: number) => new Date(Date.now() + ms);

/** Another replica of the service: its own clock on the same database. */
function replica(over: Partial<MediationConfig> = {}): MediationClock {
  const g = <T>(token: abstract new (...args: never[]) => T) => app.app.get(token);
  return new MediationClock(g(TransactionRunner), g(CaseWorkflow), g(CaseRepository), g(FollowUpRepository), { ...app.config, ...over }, app.app.get(LOGGER), null);
}

/**
 * A case agreed through the API whose confirmation window closes at `deadline`, and `confirmationState`
 * 'requested' applied for through the API. SQL then moves the window (agreed 30 days before
 * `deadline`) and records `remindersSent` as sent: both belong to days that have passed or are yet to
 * come, which no call can reach.
 */
async function agreedCase(deadline: Date, over: { remindersSent?: number; confirmationState?: 'requested' } = {}): Promise<MediationCaseView> {
  const c = await agreedVia(committee);
  if (over.confirmationState) await call(MediationRpc.confirmationRequest, { caseId: c.id, court: '东宝区人民法院' });
  await sql(`update {s}.mediation_case set agreed_at = ?, confirmation_deadline = ?, reminders_sent = ? where id = ?`, [
    new Date(deadline.getTime() - 30 * DAY_MS),
    deadline,
    over.remindersSent ?? 0,
    c.id,
  ]);
  return c;
}

const stored = async (caseId: string) =>
  (await sql<{ reminders_sent: number; confirmation_state: string }>(`select reminders_sent, confirmation_state from {s}.mediation_case where id = ?`, [caseId]))[0]!;
/** The events the case's transactions added, sent or not yet. */
const outboxData = async (type: string, caseId: string) =>
  (await sql<{ data: Record<string, unknown> }>(`select data from {s}.outbox_event where type = ? and data->>'id' = ? order by seq`, [type, caseId])).map((r) => r.data);
/** The events on JetStream once the relay has sent everything added so far. */
async function published(type: string, caseId: string) {
  await eventually(async () => ((await sql<{ n: number }>(`select count(*)::int as n from {s}.outbox_event where sent_at is null`))[0]!.n === 0 ? true : undefined));
  return readEvents(await t.nats(), t.ns, (e) => e.type === type && e.subject === caseId);
}
const timeline = (id: string) => call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id });

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: CLOCK_OFF }));
  rpc = await t.rpc();
  clock = app.app.get(MediationClock);
  committee = await committeeWithMediator(rpc, admin, GRID, (await knownPersons(t, app, GRID))[0]!);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('judicial-confirmation window', () => {
  it('reminds 7 and 2 days before the window closes, each once, then records the lapse', async () => {
    const deadline = fromNow(10 * DAY_MS);
    const c = await agreedCase(deadline);
    const before = (daysLeft: number) => new Date(deadline.getTime() - daysLeft * DAY_MS);

    await clock.sweep(before(8));
    expect(await stored(c.id)).toEqual({ reminders_sent: 0, confirmation_state: 'none' });
    await clock.sweep(before(6.5));
    await clock.sweep(before(6));
    expect(await stored(c.id)).toMatchObject({ reminders_sent: 1 });
    await clock.sweep(before(1.5));
    await clock.sweep(before(0.5));
    expect(await stored(c.id)).toEqual({ reminders_sent: 2, confirmation_state: 'none' });
    expect((await outboxData(REMINDER, c.id)).map((d) => [d.reminder, d.daysLeft])).toEqual([[1, 7], [2, 2]]);

    await clock.sweep(new Date(deadline.getTime() + MINUTE_MS));
    await clock.sweep(new Date(deadline.getTime() + DAY_MS));
    expect(await call<MediationCaseView>(MediationRpc.caseGet, { id: c.id })).toMatchObject({ state: 'agreed', confirmationState: 'lapsed' });
    const entries = await timeline(c.id);
    expect(entries.slice(0, AGREED_TIMELINE.length).map((e) => e.action)).toEqual(AGREED_TIMELINE);
    expect(entries.slice(AGREED_TIMELINE.length).map((e) => [e.action, e.actorLabel, e.actorAccountId])).toEqual([
      ['confirmation_reminded', 'system', null],
      ['confirmation_reminded', 'system', null],
      ['confirmation_lapsed', 'system', null],
    ]);
    await expect(call(MediationRpc.confirmationRequest, { caseId: c.id, court: '东宝区人民法院' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'CONFIRMATION_DEADLINE_PASSED' });

    expect((await published(REMINDER, c.id)).map((e) => e.data)).toEqual([
      expect.objectContaining({ reminder: 1, daysLeft: 7, confirmationState: 'none', confirmationDeadline: deadline.toISOString() }),
      expect.objectContaining({ reminder: 2, daysLeft: 2 }),
    ]);
    const lapsed = await published(LAPSED, c.id);
    expect(lapsed.map((e) => e.data)).toEqual([expect.objectContaining({ id: c.id, confirmationState: 'lapsed' })]);
    expect(JSON.stringify(lapsed[0]!.data)).not.toMatch(/王秀兰|李建国|1387/);
  });

  it('sends one reminder, not a burst, for a case first seen with less than 2 days left', async () => {
    const c = await agreedCase(fromNow(DAY_MS + HOUR_MS));
    // Earlier tests leave nothing owed now: this case is the sweep's only work.
    expect(await clock.sweep()).toEqual({ reminders: 1, lapsed: 0, overdue: 0 });
    expect(await clock.sweep()).toEqual({ reminders: 0, lapsed: 0, overdue: 0 });
    expect(await stored(c.id)).toEqual({ reminders_sent: 2, confirmation_state: 'none' });
    expect((await outboxData(REMINDER, c.id)).map((d) => d.reminder)).toEqual([2]);
  });

  it('leaves alone a confirmation already applied for and a window far from closing', async () => {
    const requested = await agreedCase(fromNow(-HOUR_MS), { confirmationState: 'requested' });
    const early = await agreedCase(fromNow(8 * DAY_MS));
    await clock.sweep();
    expect(await stored(requested.id)).toEqual({ reminders_sent: 0, confirmation_state: 'requested' });
    expect(await stored(early.id)).toEqual({ reminders_sent: 0, confirmation_state: 'none' });
    expect([...(await outboxData(REMINDER, requested.id)), ...(await outboxData(LAPSED, requested.id)), ...(await outboxData(REMINDER, early.id))]).toEqual([]);
  });

  it('sends each reminder and lapse exactly once when replicas sweep side by side', async () => {
    const firsts = await Promise.all([1, 2, 3, 4].map(() => agreedCase(fromNow(6 * DAY_MS))));
    const seconds = await Promise.all([1, 2, 3, 4].map(() => agreedCase(fromNow(DAY_MS), { remindersSent: 1 })));
    const lapsing = await Promise.all([1, 2, 3, 4].map(() => agreedCase(fromNow(-HOUR_MS), { remindersSent: 2 })));
    const other = replica();

    const runs = await Promise.all([clock.sweep(), other.sweep(), replica().sweep()]);
    // Earlier tests leave nothing owed, so the runs together did exactly these cases' work.
    expect(runs.reduce((a, r) => ({ reminders: a.reminders + r.reminders, lapsed: a.lapsed + r.lapsed }), { reminders: 0, lapsed: 0 })).toEqual({ reminders: 8, lapsed: 4 });
    await Promise.all([clock.sweep(), other.sweep()]);

    for (const c of firsts) expect((await outboxData(REMINDER, c.id)).map((d) => d.reminder)).toEqual([1]);
    for (const c of seconds) expect((await outboxData(REMINDER, c.id)).map((d) => d.reminder)).toEqual([2]);
    for (const c of lapsing) {
      expect(await outboxData(REMINDER, c.id)).toEqual([]);
      expect(await outboxData(LAPSED, c.id)).toHaveLength(1);
      expect(await stored(c.id)).toMatchObject({ confirmation_state: 'lapsed' });
    }
    for (const c of [...firsts, ...seconds]) expect(await published(REMINDER, c.id)).toHaveLength(1);
    for (const c of lapsing) expect(await published(LAPSED, c.id)).toHaveLength(1);
  });
});

describe('overdue follow-ups', () => {
  const schedule = (caseId: string, dueOn: string) => call<FollowUpView>(MediationRpc.followUpSchedule, { caseId, kind: 'payment', dueOn, amountFen: 80_000 });

  it('reports a follow-up not recorded by its day once, however many replicas sweep', async () => {
    const c = await agreedCase(fromNow(20 * DAY_MS));
    const late = await schedule(c.id, day(-2));
    const lateToo = await schedule(c.id, day(-1));
    const paid = await schedule(c.id, day(-3));
    await call(MediationRpc.followUpRecord, { id: paid.id, done: true, note: '已按期转账' });
    const dueToday = await schedule(c.id, day(0));
    const closed = await agreedCase(fromNow(20 * DAY_MS));
    const ofClosed = await schedule(closed.id, day(-2));
    await call(MediationRpc.caseClose, { caseId: closed.id, outcome: 'referred_litigation', note: '被申请人拒不履行，申请人起诉' });

    const runs = await Promise.all([clock.sweep(), replica().sweep(), replica().sweep()]);
    expect(runs.reduce((n, r) => n + r.overdue, 0)).toBe(2);
    expect((await clock.sweep()).overdue).toBe(0);

    expect((await outboxData(OVERDUE, c.id)).map((d) => [d.followUpId, d.kind, d.dueOn])).toEqual([
      [late.id, 'payment', day(-2)],
      [lateToo.id, 'payment', day(-1)],
    ]);
    expect(await outboxData(OVERDUE, closed.id)).toEqual([]);
    const reported = await sql<{ id: string }>(`select id from {s}.follow_up where overdue_reported and id = any(?::uuid[])`, [`{${[late.id, lateToo.id, paid.id, dueToday.id, ofClosed.id].join(',')}}`]);
    expect(reported.map((r) => r.id).sort()).toEqual([late.id, lateToo.id].sort());
    expect((await timeline(c.id)).filter((e) => e.action === 'follow_up_overdue').map((e) => e.actorLabel)).toEqual(['system', 'system']);
    const events = await published(OVERDUE, c.id);
    expect(events.map((e) => (e.data as { followUpId: string }).followUpId)).toEqual([late.id, lateToo.id]);
    expect(JSON.stringify(events.map((e) => e.data))).not.toMatch(/80000|王秀兰/);
  });
});

describe('the timer', () => {
  it('is the application’s clock, and sweeps by itself every CLOCK_SWEEP_MS once started', async () => {
    expect(clock).toBeInstanceOf(MediationClock);
    const c = await agreedCase(fromNow(-MINUTE_MS));
    const ticking = replica({ CLOCK_SWEEP_MS: 100 });
    ticking.onApplicationBootstrap();
    try {
      await eventually(async () => ((await stored(c.id)).confirmation_state === 'lapsed' ? true : undefined));
    } finally {
      await ticking.onModuleDestroy();
    }
    expect(await outboxData(LAPSED, c.id)).toHaveLength(1);
  });
});
