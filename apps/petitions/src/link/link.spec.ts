// A petition handed on to tasks (or mediation) learns which task (or case) took it up: tasks'
// `task.published` carrying `sourcePetitionId` reaches petitions through its JetStream consumer as
// a real CloudEvent, the petition's `taskId` is set, its timeline says `linked`, `petition.linked`
// is published once however often the event arrives, and events naming no petition of their
// county change nothing.
import { countyOf, eventSubject } from '@gov/kernel';
import { PetitionsRpc, type MajorCategoryView, type PetitionView, type SubmittedPetitionView, type TimelineEntryView } from '@gov/petitions-contracts';
import { toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN_GRID, actorOf } from '../fixtures.js';
import { startPetitions, type PetitionsTestApp } from '../testing.js';

const t = new TestContext();
let app: PetitionsTestApp;
let rpc: RpcClient;
let category: string;
const gridWorker = actorOf('grid_worker', XIANGSHAN_GRID);
const LINKED = 'gov.petitions.petition.linked.v1';
const TASK_PUBLISHED = { service: 'tasks', aggregate: 'task', event: 'published' } as const;
const CASE_OPENED = { service: 'mediation', aggregate: 'case', event: 'opened' } as const;

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const call = <T>(subject: string, input: unknown) => rpc.request<T>(subject, input, { actor: gridWorker });
const get = (id: string) => call<PetitionView>(PetitionsRpc.petitionGet, { id });

/**
 * Publishes another service's event as its outbox relay does (CloudEvents headers), without a
 * message id: JetStream keeps every copy, as after its duplicate window, so the inbox must drop a
 * redelivery itself.
 */
async function publish(
  source: { service: string; aggregate: string; event: string },
  region: string,
  data: { id: string },
  o: { id?: string; county?: string } = {},
): Promise<string> {
  const id = o.id ?? randomUUID();
  const county = o.county ?? countyOf(region);
  const h = toCloudEventHeaders({
    id,
    type: `gov.${source.service}.${source.aggregate}.${source.event}.v1`,
    source: `/gov/${source.service}/${source.aggregate}/${data.id}`,
    subject: data.id,
    time: new Date().toISOString(),
    county,
  });
  h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, source.service, source.aggregate, source.event)), JSON.stringify(data), { headers: h });
  return id;
}

/** tasks' TaskView of a task published for `sourcePetitionId` (null: for no petition). */
function taskView(sourcePetitionId: string | null, region = XIANGSHAN_GRID): { id: string } & Record<string, unknown> {
  const now = new Date();
  return {
    id: randomUUID(),
    kind: 'dispatched',
    emergencyType: null,
    title: '【诉求】3栋楼道灯坏了',
    description: '3栋2单元楼道灯坏了一周。',
    region,
    location: { lat: 31.0402, lng: 112.2051 },
    placeId: null,
    checkinRadiusM: 50,
    points: 10,
    capacity: 2,
    claimed: 0,
    requiredClasses: [],
    deadline: new Date(now.getTime() + 3 * 24 * 3600_000).toISOString(),
    status: 'published',
    publishedBy: randomUUID(),
    sourcePetitionId,
    createdAt: now.toISOString(),
    distanceM: null,
  };
}

/** A hotline call typed in by the grid worker, screened, assigned to the grid and accepted: it may be handed on. */
async function acceptedPetition(): Promise<string> {
  const s = await call<SubmittedPetitionView>(PetitionsRpc.petitionSubmit, {
    channel: 'hotline',
    category,
    description: '3栋2单元楼道灯坏了一周，晚上老人上下楼看不见。',
    region: XIANGSHAN_GRID,
    location: { lat: 31.0402, lng: 112.2051 },
    contact: { name: '周建国', phone: '13872220000' },
  });
  const [row] = await sql<{ id: string }>(`select id from {s}.petition where tracking_code = ?`, [s.petition.trackingCode]);
  const id = row!.id;
  await call(PetitionsRpc.petitionScreen, { id, outcome: 'valid' });
  await call(PetitionsRpc.petitionAssign, { id, level: 'grid' });
  await call(PetitionsRpc.petitionAccept, { id });
  return id;
}

/** Waits until the petition's link has been recorded: its consumer has handled everything published before. */
const linkedTo = (id: string, field: 'taskId' | 'mediationCaseId', targetId: string) =>
  eventually(async () => ((await get(id))[field] === targetId ? true : undefined), 10_000);

const linkedEvents = async (petitionId: string) => readEvents(await t.nats(), t.ns, (e) => e.type === LINKED && e.subject === petitionId);
const timelineLinks = async (id: string) => (await call<TimelineEntryView[]>(PetitionsRpc.petitionTimeline, { id })).filter((e) => e.action === 'linked');

/** A task for a fresh petition, linked: once in, the task consumer has handled every earlier event. */
async function marker(): Promise<void> {
  const id = await acceptedPetition();
  const task = taskView(id);
  await publish(TASK_PUBLISHED, XIANGSHAN_GRID, task);
  await linkedTo(id, 'taskId', task.id);
}

beforeAll(async () => {
  app = await startPetitions(t.env('petitions', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: '3600000' }));
  rpc = await t.rpc();
  const majors = await rpc.request<MajorCategoryView[]>(PetitionsRpc.categoryList, {});
  category = majors.flatMap((m) => m.categories)[0]!.key;
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

it("links the task tasks published for a petition once, however often its event arrives", async () => {
  const id = await acceptedPetition();
  await call(PetitionsRpc.petitionSpawn, { id, kind: 'task', note: '请两位红管家带梯子' });
  const task = taskView(id);
  const eventId = await publish(TASK_PUBLISHED, XIANGSHAN_GRID, task);
  await linkedTo(id, 'taskId', task.id);

  expect(await get(id)).toMatchObject({ taskId: task.id, mediationCaseId: null, state: 'accepted' });
  expect(await timelineLinks(id)).toEqual([expect.objectContaining({ actorLabel: 'system', fromState: 'accepted', toState: 'accepted', note: `task ${task.id}` })]);
  const [linked] = await eventually(async () => {
    const events = await linkedEvents(id);
    return events.length ? events : undefined;
  }, 10_000);
  expect(linked!.data).toMatchObject({ id, kind: 'task', targetId: task.id, region: XIANGSHAN_GRID });

  // The same event again: dropped by the inbox. Once a later event is in, the redelivery was handled.
  await publish(TASK_PUBLISHED, XIANGSHAN_GRID, task, { id: eventId });
  await marker();
  expect(await timelineLinks(id)).toHaveLength(1);
  expect(await linkedEvents(id)).toHaveLength(1);
  // Linked: the handler cannot ask for a second task.
  await expect(call(PetitionsRpc.petitionSpawn, { id, kind: 'task' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_LINKED' });
});

it("links the mediation case mediation opens for a petition", async () => {
  const id = await acceptedPetition();
  const mediationCase = { id: randomUUID(), sourcePetitionId: id, title: '邻里噪音纠纷' };
  await publish(CASE_OPENED, XIANGSHAN_GRID, mediationCase);
  await linkedTo(id, 'mediationCaseId', mediationCase.id);
  expect(await get(id)).toMatchObject({ taskId: null, mediationCaseId: mediationCase.id });
  expect(await timelineLinks(id)).toEqual([expect.objectContaining({ note: `mediation ${mediationCase.id}` })]);
});

it('changes nothing for tasks from no petition, a petition it does not hold, or one of another county', async () => {
  const id = await acceptedPetition();
  const [before] = await sql<{ n: string }>(`select count(*) as n from {s}.petition_event where action = 'linked'`);
  await publish(TASK_PUBLISHED, XIANGSHAN_GRID, taskView(null));
  await publish(TASK_PUBLISHED, XIANGSHAN_GRID, taskView(randomUUID()));
  // A Duodao task naming a Dongbao petition.
  await publish(TASK_PUBLISHED, 'jingmen/duodao/duodaoshi/gaojing/g01', taskView(id, 'jingmen/duodao/duodaoshi/gaojing/g01'));
  await marker();
  expect(await get(id)).toMatchObject({ taskId: null });
  expect(await linkedEvents(id)).toEqual([]);
  // Only the marker's petition was linked.
  const [after] = await sql<{ n: string }>(`select count(*) as n from {s}.petition_event where action = 'linked'`);
  expect(Number(after!.n)).toBe(Number(before!.n) + 1);
});
