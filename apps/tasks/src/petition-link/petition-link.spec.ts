// A handler asks for a volunteer task for a petition: petitions' `task-requested` reaches tasks
// through its JetStream consumer as a real CloudEvent, a dispatched task appears at the petition's
// place (or its community's office) remembering the petition, its `task.published` carries the
// petition's id back, and no redelivery or repeated request ever publishes a second task.
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
import { PETITION_TASK_REQUESTED, type TaskRequestedData } from './petition-link-events.js';
import { PETITION_TASK_CAPACITY, PETITION_TASK_MAX_DAYS, PETITION_TASK_MIN_HOURS, PETITION_TASK_TITLE_PREFIX } from './petition-link.service.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Slack for clocks read a moment apart (the test's and the consumer's). */
const CLOCK_SLACK_MS = 60_000;
/** A grid of 泉龙社区 whose community has no office on tasks' map. */
const QUANLONG_GRID = 'jingmen/dongbao/longquan/quanlong/g02';
const gridWorker = actorOf('grid_worker', XIANGSHAN_GRID);
const TASK_PUBLISHED = 'gov.tasks.task.published.v1';

/** petitions' event data for a petition asking for a task, as its `spawn` writes it. */
function request(over: Partial<TaskRequestedData> = {}): TaskRequestedData & Record<string, unknown> {
  return {
    id: randomUUID(),
    trackingCode: 'K7QM-2XPD-9RTF',
    state: 'accepted',
    category: 'municipal.streetlight',
    region: XIANGSHAN_GRID,
    level: 'grid',
    assigneeRegion: XIANGSHAN_GRID,
    departmentId: null,
    deadline: new Date(Date.now() + 3 * DAY_MS).toISOString(),
    levelDeadline: new Date(Date.now() + 2 * DAY_MS).toISOString(),
    title: '3栋楼道灯坏了',
    description: '3栋2单元楼道灯坏了一周，晚上老人上下楼看不见。',
    location: north(XIANGSHAN_POINT, 120),
    note: '请两位红管家带梯子和灯泡',
    ...over,
  };
}

/**
 * Publishes the request as petitions' outbox relay does (CloudEvents headers, subject: the
 * petition), without a message id: JetStream keeps every copy, as after its duplicate window, so
 * the consumer must drop a redelivery itself.
 */
async function publishRequest(data: TaskRequestedData, id: string = randomUUID()): Promise<string> {
  const county = countyOf(data.region);
  const h = toCloudEventHeaders({
    id,
    type: PETITION_TASK_REQUESTED,
    source: `/gov/petitions/petition/${data.id}`,
    subject: data.id,
    time: new Date().toISOString(),
    county,
  });
  h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, 'petitions', 'petition', 'task-requested')), JSON.stringify(data), { headers: h });
  return id;
}

/** Resolves once tasks has handled the event (its inbox row commits with its effects). */
async function handled(eventId: string): Promise<void> {
  await eventually(async () => {
    const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".inbox_event where event_id = ?`, [eventId]);
    return Number(row!.n) > 0 ? true : undefined;
  }, 10_000);
}

const publishedFor = async (petitionId: string): Promise<StoredEvent[]> =>
  readEvents(await t.nats(), t.ns, (e) => e.type === TASK_PUBLISHED && (e.data as TaskView).sourcePetitionId === petitionId);

/** The task published for the petition, as its `task.published` announced it. */
async function taskFor(petitionId: string): Promise<TaskView> {
  const [e] = await eventually(async () => {
    const events = await publishedFor(petitionId);
    return events.length ? events : undefined;
  }, 10_000);
  return e!.data as TaskView;
}

async function tasksOf(petitionId: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".task where source_petition_id = ?`, [petitionId]);
  return Number(row!.n);
}

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

it('has a durable JetStream consumer for the request, filtered on every county', async () => {
  const jsm = await jetstreamManager(await t.nats());
  const info = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), NatsTransport.durableName('tasks', PETITION_TASK_REQUESTED));
  expect(info.config.filter_subject).toBe(t.ns.subject(eventSubject('*', 'petitions', 'petition', 'task-requested')));
});

it("publishes a dispatched task at the petition's point that remembers the petition, and says so in task.published", async () => {
  const petition = request();
  await publishRequest(petition);
  const published = await taskFor(petition.id);
  const task = await rpc.request<TaskView>(TasksRpc.taskGet, { id: published.id }, { actor: gridWorker });
  expect(task).toMatchObject({
    kind: 'dispatched',
    emergencyType: null,
    title: `${PETITION_TASK_TITLE_PREFIX}3栋楼道灯坏了`,
    region: XIANGSHAN_GRID,
    placeId: null,
    capacity: PETITION_TASK_CAPACITY,
    claimed: 0,
    status: 'published',
    sourcePetitionId: petition.id,
  });
  expect(task.description).toContain(petition.description);
  expect(task.description).toContain('请两位红管家带梯子和灯泡');
  expect(task.location.lat).toBeCloseTo(petition.location!.lat, 9);
  expect(task.location.lng).toBeCloseTo(petition.location!.lng, 9);
  expect(task.points).toBeGreaterThanOrEqual(POINTS_RANGE.dispatched.min);
  expect(task.points).toBeLessThanOrEqual(POINTS_RANGE.dispatched.max);
  // The petition is due in three days: the task is due with it.
  expect(task.deadline).toBe(petition.deadline);
  expect(published).toEqual(task);
  // Stewards find it on the map near the problem.
  const near = await rpc.request<TaskView[]>(TasksRpc.taskSearch, { near: { ...petition.location!, radiusM: 50 } }, { actor: gridWorker });
  expect(near.map((x) => x.id)).toContain(task.id);
});

it('never publishes a second task for one petition: not for a redelivered request, nor for a repeated one', async () => {
  const petition = request();
  const first = await publishRequest(petition);
  const task = await taskFor(petition.id);
  await handled(first);
  // The same event again, then a new request for the same petition (the handler asked twice).
  await publishRequest(petition, first);
  const again = await publishRequest({ ...petition, title: '再次请求', note: null });
  await handled(again);
  // One consumer handles its messages in order: once `again` is in, the redelivery was handled.
  expect(await tasksOf(petition.id)).toBe(1);
  expect((await publishedFor(petition.id)).map((e) => (e.data as TaskView).id)).toEqual([task.id]);
  expect(await rpc.request<TaskView>(TasksRpc.taskGet, { id: task.id }, { actor: gridWorker })).toMatchObject({ title: `${PETITION_TASK_TITLE_PREFIX}3栋楼道灯坏了` });
  // Two replicas handling copies side by side: the database itself refuses the second task.
  const copy = app.orm.em.fork().transactional((em) =>
    app.app.get(TaskService).publishWithin(em as EntityManager, {
      id: randomUUID(), kind: 'dispatched', emergencyType: null, title: 'copy', description: '', region: XIANGSHAN_GRID, ...XIANGSHAN_POINT, placeId: null,
      checkinRadiusM: 50, points: 10, capacity: 2, requiredClasses: [], deadline: new Date(Date.now() + DAY_MS), publishedByPerson: randomUUID(), publishedBySteward: null, sourcePetitionId: petition.id,
    }),
  );
  await expect(copy).rejects.toThrow(/task_source_petition/);
  expect(await tasksOf(petition.id)).toBe(1);
});

it("puts a petition without a point at its community's office, with the office's check-in radius", async () => {
  const office = { id: randomUUID(), kind: 'office', name: '香山社区居委会', region: XIANGSHAN, lat: XIANGSHAN_POINT.lat, lng: XIANGSHAN_POINT.lng, archived: false, checkinRadiusM: 80 };
  const post = { id: randomUUID(), kind: 'sentinel_post', name: '香山哨点', region: XIANGSHAN_GRID, ...north(XIANGSHAN_POINT, 300), archived: false };
  // As grids' place.created leaves them in the read model (the directory spec proves that path).
  const directory = app.app.get(DirectoryRepository);
  await app.orm.em.fork().transactional(async (em) => {
    await directory.recordPlace(em as EntityManager, office, new Date());
    await directory.recordPlace(em as EntityManager, post, new Date());
  });
  const petition = request({ location: null });
  await publishRequest(petition);
  const task = await taskFor(petition.id);
  expect(task).toMatchObject({ region: XIANGSHAN_GRID, placeId: office.id, checkinRadiusM: 80, sourcePetitionId: petition.id });
  expect(task.location.lat).toBeCloseTo(office.lat, 9);
  expect(task.location.lng).toBeCloseTo(office.lng, 9);
});

it('publishes no task for a petition without a point in a community whose office tasks does not know', async () => {
  const petition = request({ region: QUANLONG_GRID, location: null });
  const id = await publishRequest(petition);
  // Consumed, not retried (its inbox row commits): the handler asks again once the office is on the map.
  await handled(id);
  expect(await tasksOf(petition.id)).toBe(0);
  expect(await publishedFor(petition.id)).toEqual([]);
});

it('keeps a task open at most a week, and gives an overdue petition a day rather than a deadline in the past', async () => {
  const distant = request({ deadline: new Date(Date.now() + 30 * DAY_MS).toISOString() });
  const overdue = request({ deadline: new Date(Date.now() - 2 * DAY_MS).toISOString() });
  const before = Date.now();
  await publishRequest(distant);
  await publishRequest(overdue);
  const week = Date.parse((await taskFor(distant.id)).deadline);
  const day = Date.parse((await taskFor(overdue.id)).deadline);
  const after = Date.now();
  expect(week).toBeGreaterThanOrEqual(before + PETITION_TASK_MAX_DAYS * DAY_MS - CLOCK_SLACK_MS);
  expect(week).toBeLessThanOrEqual(after + PETITION_TASK_MAX_DAYS * DAY_MS);
  expect(day).toBeGreaterThanOrEqual(before + PETITION_TASK_MIN_HOURS * HOUR_MS - CLOCK_SLACK_MS);
  expect(day).toBeLessThanOrEqual(after + PETITION_TASK_MIN_HOURS * HOUR_MS);
});
