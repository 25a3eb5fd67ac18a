// Duty check-ins (双报到): a cadre checks in at their home community's office within its radius,
// once a day; the year's tally against the target, readable by the steward and the people over them.
import { AppError, type Actor } from '@gov/kernel';
import { TasksRpc, type DutySummaryView } from '@gov/tasks-contracts';
import { DirectoryRepository, DutyRepository, type PlaceRef } from '@gov/tasks-data-access';
import { DUTY_CHECKINS_PER_YEAR, periodsOf } from '@gov/tasks-domain';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_POINT, actorOf, enrolSteward, north, type TestSteward } from '../fixtures.js';
import { startTasks, type TasksTestApp } from '../testing.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;
let office: PlaceRef;
const thisYear = () => Number(periodsOf(new Date()).year);

/**
 * A place as grids' `place.created` event leaves it in the read model (the directory spec proves
 * that path), written directly.
 */
async function place(region: string, kind = 'office', where = XIANGSHAN_POINT): Promise<PlaceRef> {
  const p: PlaceRef = { id: randomUUID(), kind, name: `${kind} ${region.split('/').at(-1)}`, region, lat: where.lat, lng: where.lng, checkinRadiusM: 50, archived: false };
  const repo = app.app.get(DirectoryRepository);
  await app.orm.em.fork().transactional((em) => repo.recordPlace(em as EntityManager, p, new Date()));
  return p;
}

const checkIn = (s: TestSteward, placeId: string, location: { lat: number; lng: number }) => rpc.request<DutySummaryView>(TasksRpc.dutyCheckIn, { placeId, location }, { actor: s.actor });
const summary = (actor: Actor, input: { year: number; stewardId?: string }) => rpc.request<DutySummaryView>(TasksRpc.dutyCheckIns, input, { actor });

async function rows(stewardId: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".duty_checkin where steward_id = ?`, [stewardId]);
  return Number(row!.n);
}

async function outboxRows(stewardId: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".outbox_event where type = 'gov.tasks.duty.checked-in.v1' and data->>'stewardId' = ?`, [stewardId]);
  return Number(row!.n);
}

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  office = await place(XIANGSHAN);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('checking in', () => {
  it('counts 49 m from the office and reports it on JetStream', async () => {
    const s = await enrolSteward(app);
    const v = await checkIn(s, office.id, north(XIANGSHAN_POINT, 49));
    const today = periodsOf(new Date()).day;
    expect(v).toEqual({ stewardId: s.steward.id, year: thisYear(), count: 1, target: DUTY_CHECKINS_PER_YEAR, days: [today] });
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.tasks.duty.checked-in.v1' && (e.data as { stewardId: string }).stewardId === s.steward.id);
      return e.length ? e : undefined;
    });
    expect(events[0]!.county).toBe('dongbao');
    expect(events[0]!.data).toMatchObject({ placeId: office.id, community: XIANGSHAN, day: today });
    expect((events[0]!.data as { distanceM: number }).distanceM).toBeCloseTo(49, 0);
  });

  it('refuses 51 m from the office, writing nothing', async () => {
    const s = await enrolSteward(app);
    const err = await checkIn(s, office.id, north(XIANGSHAN_POINT, 51)).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: 'VALIDATION', reason: 'OUTSIDE_GEOFENCE' });
    expect(await rows(s.steward.id)).toBe(0);
    expect(await outboxRows(s.steward.id)).toBe(0);
  });

  it('refuses a second check-in the same day', async () => {
    const s = await enrolSteward(app);
    await checkIn(s, office.id, XIANGSHAN_POINT);
    const centre = await place(XIANGSHAN, 'party_mass_centre', north(XIANGSHAN_POINT, 300));
    const err = await checkIn(s, centre.id, north(XIANGSHAN_POINT, 300)).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_CHECKED_IN_TODAY' });
    expect(await rows(s.steward.id)).toBe(1);
    expect(await outboxRows(s.steward.id)).toBe(1);
  });

  it("refuses another community's office and places that are not offices", async () => {
    const s = await enrolSteward(app);
    const other = await place('jingmen/dongbao/longquan/quanlong');
    // A place outside the steward's own regions is not found; one they can see (a street-wide grant) is not their home.
    await expect(checkIn(s, other.id, XIANGSHAN_POINT)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const streetWide = { ...s, actor: { ...s.actor, grants: [{ role: 'steward' as const, region: 'jingmen/dongbao/longquan' }] } };
    await expect(checkIn(streetWide, other.id, XIANGSHAN_POINT)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NOT_HOME_COMMUNITY' });
    const post = await place(`${XIANGSHAN}/g01`, 'sentinel_post');
    await expect(checkIn(s, post.id, XIANGSHAN_POINT)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NOT_HOME_COMMUNITY' });
    expect(await rows(s.steward.id)).toBe(0);
  });

  it('answers an unknown place and another county’s office alike, and refuses callers who are not stewards', async () => {
    const s = await enrolSteward(app);
    const duodao = await place('jingmen/duodao/baishipo/zhongshan');
    const unknown = randomUUID();
    expect(await checkIn(s, unknown, XIANGSHAN_POINT).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND', message: `place ${unknown} not found` });
    expect(await checkIn(s, duodao.id, XIANGSHAN_POINT).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND', message: `place ${duodao.id} not found` });
    const notASteward = { steward: s.steward, actor: actorOf('steward', `${XIANGSHAN}/g01`) };
    await expect(checkIn(notASteward, office.id, XIANGSHAN_POINT)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NOT_A_STEWARD' });
    await expect(rpc.request(TasksRpc.dutyCheckIn, { placeId: office.id, location: XIANGSHAN_POINT })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await rows(s.steward.id)).toBe(0);
  });
});

describe("the year's tally", () => {
  it('counts the days of the year asked for, in order, against the target', async () => {
    const s = await enrolSteward(app);
    const duty = app.app.get(DutyRepository);
    const days = ['2025-03-05', '2025-01-02', '2025-12-31', '2026-01-01', '2024-12-31'];
    await app.orm.em.fork().transactional(async (em) => {
      for (const day of days) {
        await duty.insert(em as EntityManager, { id: randomUUID(), stewardId: s.steward.id, placeId: office.id, community: XIANGSHAN, day, distanceM: 10, at: new Date(`${day}T02:00:00Z`) });
      }
    });
    expect(await summary(s.actor, { year: 2025 })).toEqual({ stewardId: s.steward.id, year: 2025, count: 3, target: 12, days: ['2025-01-02', '2025-03-05', '2025-12-31'] });
    expect(await summary(s.actor, { year: 2026 })).toMatchObject({ count: 1, days: ['2026-01-01'] });
    expect(await summary(s.actor, { year: 2023 })).toMatchObject({ count: 0, days: [] });
  });

  it("lets the steward, the grid workers and admins over them read it; anyone else's answer is NOT_FOUND, as for an unknown id", async () => {
    const s = await enrolSteward(app);
    await checkIn(s, office.id, XIANGSHAN_POINT);
    const year = thisYear();
    const mine = await summary(s.actor, { year });
    expect(mine.count).toBe(1);
    expect(await summary(s.actor, { year, stewardId: s.steward.id })).toEqual(mine);
    for (const reader of [actorOf('grid_worker', XIANGSHAN), actorOf('community_admin', XIANGSHAN), actorOf('county_admin', 'jingmen/dongbao'), actorOf('city_admin', 'jingmen')]) {
      expect(await summary(reader, { year, stewardId: s.steward.id })).toEqual(mine);
    }
    const other = await enrolSteward(app);
    for (const outsider of [actorOf('county_admin', 'jingmen/duodao'), actorOf('community_admin', 'jingmen/dongbao/longquan/quanlong'), other.actor]) {
      expect(await summary(outsider, { year, stewardId: s.steward.id }).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND', message: `steward ${s.steward.id} not found` });
    }
    const unknown = randomUUID();
    expect(await summary(actorOf('county_admin', 'jingmen/dongbao'), { year, stewardId: unknown }).catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND', message: `steward ${unknown} not found` });
  });
});
