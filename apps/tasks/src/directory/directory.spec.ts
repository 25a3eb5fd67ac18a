// identity's stewards and units and grids' places reach tasks through its JetStream consumers, as
// real CloudEvents: an enrolled steward may claim, updates and reissued numbers land, a redelivered
// or an older event changes nothing, units and places land in their read models.
import { AppError, EVENTS_STREAM, countyOf, eventSubject, type Actor } from '@gov/kernel';
import { TasksRpc, type ClaimView, type TaskView } from '@gov/tasks-contracts';
import { DirectoryRepository, type StewardRef } from '@gov/tasks-data-access';
import { NatsTransport, toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { TestContext, eventually } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_GRID, XIANGSHAN_POINT, actorOf } from '../fixtures.js';
import { startTasks, type TasksTestApp } from '../testing.js';
import { DIRECTORY_EVENT_TYPES, type PlaceData, type StewardData, type UnitData } from './directory-events.js';
import { DirectoryService } from './directory.service.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;
const QUANLONG_GRID = 'jingmen/dongbao/longquan/quanlong/g02';
const base = Date.now();
/** A CloudEvents time `s` seconds after the suite started (events in a test are ordered by it). */
const at = (s: number) => new Date(base + s * 1000);

/**
 * Publishes an event as the owning service's outbox relay does (CloudEvents headers), without a
 * message id: JetStream keeps every copy, as after its duplicate window, so the inbox must drop a
 * redelivery itself.
 */
async function publish(
  source: { service: 'identity' | 'grids'; aggregate: string; event: string },
  region: string,
  subjectId: string,
  data: object,
  o: { id?: string; time?: Date } = {},
): Promise<string> {
  const id = o.id ?? randomUUID();
  const county = countyOf(region);
  const h = toCloudEventHeaders({
    id,
    type: `gov.${source.service}.${source.aggregate}.${source.event}.v1`,
    source: `/gov/${source.service}/${source.aggregate}/${subjectId}`,
    subject: subjectId,
    time: (o.time ?? new Date()).toISOString(),
    county,
  });
  h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, source.service, source.aggregate, source.event)), JSON.stringify(data), { headers: h });
  return id;
}

const ENROLLED = { service: 'identity', aggregate: 'steward', event: 'enrolled' } as const;
const UPDATED = { service: 'identity', aggregate: 'steward', event: 'updated' } as const;
const REISSUED = { service: 'identity', aggregate: 'steward', event: 'number-reissued' } as const;

/** identity's StewardView of a steward. */
function stewardView(s: StewardData): Record<string, unknown> {
  const now = new Date().toISOString();
  return { building: null, deliberationRole: null, sentinelRole: null, enrolledAt: now, updatedAt: now, reportsToId: null, ...s };
}

function newSteward(over: Partial<StewardData> = {}): StewardData {
  return { id: randomUUID(), personId: randomUUID(), number: '3-DBWJ-G01-0-0001', class: 3, unitId: randomUUID(), grid: XIANGSHAN_GRID, reportsToId: null, ...over };
}

/** Resolves once some consumer of tasks has handled the event (its inbox row commits with its effects). */
async function handled(eventId: string): Promise<void> {
  await eventually(async () => {
    const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".inbox_event where event_id = ?`, [eventId]);
    return Number(row!.n) > 0 ? true : undefined;
  }, 10_000);
}

async function inboxRows(eventId: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".inbox_event where event_id = ?`, [eventId]);
  return Number(row!.n);
}

const stewardRef = (id: string): Promise<StewardRef | null> => app.app.get(DirectoryRepository).stewardById(id);

/** Enrols through identity's event and waits until tasks has it. */
async function enrolled(s: StewardData, time = at(0)): Promise<void> {
  await handled(await publish(ENROLLED, s.grid, s.id, stewardView(s), { time }));
}

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('the consumers', () => {
  it('has one durable JetStream consumer per event type, filtered on every county', async () => {
    const jsm = await jetstreamManager(await t.nats());
    for (const type of DIRECTORY_EVENT_TYPES) {
      const [, service, aggregate, event] = type.split('.');
      const info = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), NatsTransport.durableName('tasks', type));
      expect(info.config.filter_subject).toBe(t.ns.subject(eventSubject('*', service!, aggregate!, event!)));
    }
  });
});

describe("identity's stewards", () => {
  it('a steward identity enrols may claim once tasks has the event', async () => {
    const gridWorker = actorOf('grid_worker', XIANGSHAN);
    const deadline = new Date(Date.now() + 3600_000).toISOString();
    const task = await rpc.request<TaskView>(
      TasksRpc.taskPublish,
      { kind: 'dispatched', title: '清理楼道杂物', region: XIANGSHAN_GRID, location: XIANGSHAN_POINT, points: 10, capacity: 2, deadline },
      { actor: gridWorker },
    );
    const s = newSteward();
    const actor: Actor = actorOf('steward', s.grid, s.personId);
    const before = await rpc.request(TasksRpc.taskClaim, { taskId: task.id }, { actor }).catch((e: AppError) => e);
    expect(before).toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_STEWARD' });

    await enrolled(s);
    expect(await app.app.get(DirectoryService).stewardOf(actor)).toEqual({ ...s, community: XIANGSHAN });
    expect(await rpc.request<ClaimView>(TasksRpc.taskClaim, { taskId: task.id }, { actor })).toMatchObject({ stewardId: s.id, status: 'claimed' });
  });

  it('steward.updated changes class, unit and grid, and the community follows the grid', async () => {
    const s = newSteward();
    await enrolled(s);
    const moved = { ...s, class: 5, grid: QUANLONG_GRID, unitId: randomUUID(), number: '5-DBWJ-G02-0-0003', reportsToId: randomUUID() };
    await handled(await publish(UPDATED, moved.grid, s.id, stewardView(moved), { time: at(10) }));
    expect(await stewardRef(s.id)).toEqual({ ...moved, community: 'jingmen/dongbao/longquan/quanlong' });
  });

  it('number-reissued changes only the number', async () => {
    const s = newSteward();
    await enrolled(s);
    // The payload carries the new class as well (it is not read): only the number may change.
    await handled(await publish(REISSUED, s.grid, s.id, { id: s.id, previousNumber: s.number, number: '3-DBWJ-G01-0-0042', class: 6 }, { time: at(10) }));
    expect(await stewardRef(s.id)).toEqual({ ...s, number: '3-DBWJ-G01-0-0042', community: XIANGSHAN });
  });

  it('a redelivered event (the same ce-id) is handled once and changes nothing', async () => {
    const s = newSteward();
    await enrolled(s);
    const update = stewardView({ ...s, class: 4 });
    const id = await publish(UPDATED, s.grid, s.id, update, { time: at(10) });
    await handled(id);
    // Then a newer change, then the first update delivered again: it must not undo the newer one.
    await handled(await publish(UPDATED, s.grid, s.id, stewardView({ ...s, class: 6 }), { time: at(20) }));
    await publish(UPDATED, s.grid, s.id, update, { id, time: at(10) });
    // One consumer handles its messages in order: once this marker is in, the redelivery was handled.
    await handled(await publish(UPDATED, XIANGSHAN_GRID, randomUUID(), stewardView(newSteward()), { time: at(0) }));
    expect(await inboxRows(id)).toBe(1);
    expect(await stewardRef(s.id)).toMatchObject({ class: 6 });
  });

  it('an older event arriving after a newer one changes nothing', async () => {
    const s = newSteward();
    await enrolled(s, at(0));
    await handled(await publish(UPDATED, QUANLONG_GRID, s.id, stewardView({ ...s, class: 5, grid: QUANLONG_GRID }), { time: at(30) }));
    const late = await publish(UPDATED, s.grid, s.id, stewardView({ ...s, class: 2 }), { time: at(20) });
    const lateNumber = await publish(REISSUED, s.grid, s.id, { id: s.id, previousNumber: s.number, number: '2-DBWJ-G01-0-0009' }, { time: at(20) });
    await handled(late);
    await handled(lateNumber);
    expect(await stewardRef(s.id)).toEqual({ ...s, class: 5, grid: QUANLONG_GRID, community: 'jingmen/dongbao/longquan/quanlong' });
    // An enrolment replayed from the stream's start changes nothing either.
    await handled(await publish(ENROLLED, s.grid, s.id, stewardView(s), { time: at(0) }));
    expect(await stewardRef(s.id)).toMatchObject({ class: 5, grid: QUANLONG_GRID });
  });
});

describe("identity's units and grids' places", () => {
  it('unit.created lands in unit_ref', async () => {
    const unit: UnitData & Record<string, unknown> = { id: randomUUID(), code: 'DBWJ', name: '东宝区卫健局', kind: 'government', region: 'jingmen/dongbao', createdAt: new Date().toISOString() };
    await handled(await publish({ service: 'identity', aggregate: 'unit', event: 'created' }, unit.region, unit.id, unit));
    const rows = await app.em().execute<{ name: string; region: string }[]>(`select name, region from "${app.config.DB_SCHEMA}".unit_ref where id = ?`, [unit.id]);
    expect(rows).toEqual([{ name: '东宝区卫健局', region: 'jingmen/dongbao' }]);
  });

  it('place.created lands in place_ref at its location, with the default check-in radius', async () => {
    const place: PlaceData & Record<string, unknown> = {
      id: randomUUID(),
      kind: 'office',
      name: '香山社区居委会',
      regionId: randomUUID(),
      region: XIANGSHAN,
      location: XIANGSHAN_POINT,
      contactPhone: '0724-2345678',
      openingHours: null,
      covers: [],
      distanceM: null,
      createdAt: new Date().toISOString(),
    };
    await handled(await publish({ service: 'grids', aggregate: 'place', event: 'created' }, place.region, place.id, place));
    const ref = await app.app.get(DirectoryService).placeById(place.id);
    expect(ref).toMatchObject({ id: place.id, kind: 'office', name: '香山社区居委会', region: XIANGSHAN, checkinRadiusM: 50, archived: false });
    expect(ref!.lat).toBeCloseTo(XIANGSHAN_POINT.lat, 9);
    expect(ref!.lng).toBeCloseTo(XIANGSHAN_POINT.lng, 9);
  });
});
