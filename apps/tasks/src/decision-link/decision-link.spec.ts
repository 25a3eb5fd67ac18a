// A deliberation meeting decides that stewards should do something: mediation's
// `meeting.decision-recorded` reaches tasks through its JetStream consumer as a real CloudEvent, a
// dispatched task appears at the meeting's community office remembering the decision, its
// `task.published` carries the decision's id, and no redelivery or repeated event ever publishes a
// second task; decisions asking for anything else publish nothing.
import { EVENTS_STREAM, countyOf, eventSubject } from '@gov/kernel';
import { NatsTransport, toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents, type StoredEvent } from '@gov/platform-testing';
import { TasksRpc, type TaskView } from '@gov/tasks-contracts';
import { DirectoryRepository } from '@gov/tasks-data-access';
import { POINTS_RANGE } from '@gov/tasks-domain';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_GRID, XIANGSHAN_POINT, actorOf, north } from '../fixtures.js';
import { TaskService } from '../task/task.service.js';
import { startTasks, type TasksTestApp } from '../testing.js';
import { MEETING_DECISION_RECORDED, type DecisionRecordedData } from './decision-link-events.js';
import { DECISION_TASK_CAPACITY, DECISION_TASK_DAYS, DECISION_TASK_TITLE_PREFIX, DELIBERATION_DESK_PUBLISHER_ID } from './decision-link.service.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;
const DAY_MS = 24 * 3600_000;
/** Slack for clocks read a moment apart (the test's and the consumer's). */
const CLOCK_SLACK_MS = 60_000;
/** A grid of 泉龙社区 whose community has no office on tasks' map. */
const QUANLONG_GRID = 'jingmen/dongbao/longquan/quanlong/g02';
const gridWorker = actorOf('grid_worker', XIANGSHAN_GRID);
const TASK_PUBLISHED = 'gov.tasks.task.published.v1';
/** 香山社区's office, as grids' place.created leaves it in the read model (the directory spec proves that path). */
const office = { id: randomUUID(), kind: 'office', name: '香山社区居委会', region: XIANGSHAN, ...north(XIANGSHAN_POINT, 200), archived: false, checkinRadiusM: 80 };

/** mediation's decision-recorded payload (decisionEventData) for a red-bench meeting at Xiangshan's grid. */
function decision(over: Partial<DecisionRecordedData> & Record<string, unknown> = {}): DecisionRecordedData & Record<string, unknown> {
  return {
    meetingId: randomUUID(),
    region: XIANGSHAN_GRID,
    kind: 'red_bench',
    meetingTitle: '香山社区三月红板凳议事会',
    decisionId: randomUUID(),
    agendaItemId: randomUUID(),
    text: '组织红管家周六上午清理3栋后巷堆积的杂物，物业提供垃圾车。',
    action: 'task',
    creates: 'task',
    listItemId: null,
    decidedAt: new Date().toISOString(),
    list: null,
    agendaItemTitle: '3栋后巷杂物清理',
    source: 'raised',
    sourceId: null,
    ...over,
  };
}

/**
 * Publishes the decision as mediation's outbox relay does (CloudEvents headers, subject: the
 * meeting), without a message id: JetStream keeps every copy, as after its duplicate window, so
 * the consumer must drop a redelivery itself.
 */
async function publishDecision(data: DecisionRecordedData, id: string = randomUUID()): Promise<string> {
  const county = countyOf(data.region);
  const h = toCloudEventHeaders({
    id,
    type: MEETING_DECISION_RECORDED,
    source: `/gov/mediation/meeting/${data.meetingId}`,
    subject: data.meetingId,
    time: new Date().toISOString(),
    county,
  });
  h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, 'mediation', 'meeting', 'decision-recorded')), JSON.stringify(data), { headers: h });
  return id;
}

/** Resolves once tasks has handled the event (its inbox row commits with its effects). */
async function handled(eventId: string): Promise<void> {
  await eventually(async () => {
    const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".inbox_event where event_id = ?`, [eventId]);
    return Number(row!.n) > 0 ? true : undefined;
  }, 10_000);
}

const publishedFor = async (decisionId: string): Promise<StoredEvent[]> =>
  readEvents(await t.nats(), t.ns, (e) => e.type === TASK_PUBLISHED && (e.data as TaskView).sourceDecisionId === decisionId);

/** The task published for the decision, as its `task.published` announced it. */
async function taskFor(decisionId: string): Promise<TaskView> {
  const [e] = await eventually(async () => {
    const events = await publishedFor(decisionId);
    return events.length ? events : undefined;
  }, 10_000);
  return e!.data as TaskView;
}

async function tasksOf(decisionId: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".task where source_decision_id = ?`, [decisionId]);
  return Number(row!.n);
}

/** A fresh decision's task: once in, the consumer (one, in order) has handled every earlier event. */
async function marker(): Promise<void> {
  const d = decision();
  await publishDecision(d);
  await taskFor(d.decisionId);
}

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  const directory = app.app.get(DirectoryRepository);
  await app.orm.em.fork().transactional((em) => directory.recordPlace(em as EntityManager, office, new Date()));
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

it('has a durable JetStream consumer for the decision, filtered on every county', async () => {
  const jsm = await jetstreamManager(await t.nats());
  const info = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), NatsTransport.durableName('tasks', MEETING_DECISION_RECORDED));
  expect(info.config.filter_subject).toBe(t.ns.subject(eventSubject('*', 'mediation', 'meeting', 'decision-recorded')));
});

it("publishes a dispatched task at the community's office for a grid meeting's decision, and says so in task.published", async () => {
  const d = decision();
  const before = Date.now();
  await publishDecision(d);
  const published = await taskFor(d.decisionId);
  const after = Date.now();
  const task = await rpc.request<TaskView>(TasksRpc.taskGet, { id: published.id }, { actor: gridWorker });
  expect(task).toMatchObject({
    kind: 'dispatched',
    emergencyType: null,
    title: `${DECISION_TASK_TITLE_PREFIX}3栋后巷杂物清理`,
    region: XIANGSHAN_GRID,
    placeId: office.id,
    checkinRadiusM: office.checkinRadiusM,
    capacity: DECISION_TASK_CAPACITY,
    claimed: 0,
    requiredClasses: [],
    status: 'published',
    publishedBy: DELIBERATION_DESK_PUBLISHER_ID,
    sourceDecisionId: d.decisionId,
    sourcePetitionId: null,
  });
  expect(task.description).toContain(d.text);
  expect(task.description).toContain(d.meetingTitle);
  expect(task.location.lat).toBeCloseTo(office.lat, 9);
  expect(task.location.lng).toBeCloseTo(office.lng, 9);
  expect(task.points).toBeGreaterThanOrEqual(POINTS_RANGE.dispatched.min);
  expect(task.points).toBeLessThanOrEqual(POINTS_RANGE.dispatched.max);
  const deadline = Date.parse(task.deadline);
  expect(deadline).toBeGreaterThanOrEqual(before + DECISION_TASK_DAYS * DAY_MS - CLOCK_SLACK_MS);
  expect(deadline).toBeLessThanOrEqual(after + DECISION_TASK_DAYS * DAY_MS);
  expect(published).toEqual(task);
  // Stewards find it on the map at the office.
  const near = await rpc.request<TaskView[]>(TasksRpc.taskSearch, { near: { lat: office.lat, lng: office.lng, radiusM: 50 } }, { actor: gridWorker });
  expect(near.map((x) => x.id)).toContain(task.id);
});

it('titles a decision taken outside the agenda by the first characters of its text, at a community meeting', async () => {
  const text = '同意由红管家每周二、周四\n上午轮流陪同独居老人到社区卫生服务站测量血压并登记台账，持续到年底。';
  const d = decision({ region: XIANGSHAN, kind: 'five_member', meetingTitle: '五员议事会', agendaItemId: null, agendaItemTitle: null, source: null, text });
  await publishDecision(d);
  const task = await taskFor(d.decisionId);
  expect(task).toMatchObject({ region: XIANGSHAN, placeId: office.id, title: `${DECISION_TASK_TITLE_PREFIX}同意由红管家每周二、周四 上午轮流陪同独居老人到社区卫生服…` });
  expect(task.description).toContain(text);
  expect(task.description).toContain('五员议事会');
});

it('never publishes a second task for one decision: not for a redelivered event, nor for another event of it', async () => {
  const d = decision();
  const first = await publishDecision(d);
  const task = await taskFor(d.decisionId);
  await handled(first);
  // The same event again, then a new event for the same decision.
  await publishDecision(d, first);
  const again = await publishDecision({ ...d, agendaItemTitle: '再次发布' });
  await handled(again);
  // One consumer handles its messages in order: once `again` is in, the redelivery was handled.
  expect(await tasksOf(d.decisionId)).toBe(1);
  expect((await publishedFor(d.decisionId)).map((e) => (e.data as TaskView).id)).toEqual([task.id]);
  expect(await rpc.request<TaskView>(TasksRpc.taskGet, { id: task.id }, { actor: gridWorker })).toMatchObject({ title: `${DECISION_TASK_TITLE_PREFIX}3栋后巷杂物清理` });
  // Two replicas handling copies side by side: the database itself refuses the second task.
  const copy = app.orm.em.fork().transactional((em) =>
    app.app.get(TaskService).publishWithin(em as EntityManager, {
      id: randomUUID(), kind: 'dispatched', emergencyType: null, title: 'copy', description: '', region: XIANGSHAN_GRID, ...XIANGSHAN_POINT, placeId: null,
      checkinRadiusM: 50, points: 10, capacity: 2, requiredClasses: [], deadline: new Date(Date.now() + DAY_MS), publishedByPerson: randomUUID(), publishedBySteward: null, sourceDecisionId: d.decisionId,
    }),
  );
  await expect(copy).rejects.toThrow(/task_source_decision/);
  expect(await tasksOf(d.decisionId)).toBe(1);
});

it('publishes nothing for decisions asking for no task', async () => {
  const others = ['none', 'proposal'].map((action) => decision({ action, creates: action }));
  for (const d of others) await publishDecision(d);
  await marker();
  for (const d of others) {
    expect(await tasksOf(d.decisionId)).toBe(0);
    expect(await publishedFor(d.decisionId)).toEqual([]);
  }
});

it('publishes no task for a decision in a community whose office tasks does not know, and consumes it', async () => {
  const d = decision({ region: QUANLONG_GRID, meetingTitle: '泉龙社区村湾夜话', kind: 'evening_talk' });
  const id = await publishDecision(d);
  // Consumed, not retried: its inbox row commits.
  await handled(id);
  expect(await tasksOf(d.decisionId)).toBe(0);
  expect(await publishedFor(d.decisionId)).toEqual([]);
});
