import type { Page } from '@gov/kernel';
import {
  MICRO_WISH_DEADLINE_DAYS,
  MICRO_WISH_POINTS,
  TasksRpc,
  type ClaimView,
  type MicroWishStatsView,
  type MicroWishView,
  type PointsView,
  type TaskView,
} from '@gov/tasks-contracts';
import { MicroWishRepository } from '@gov/tasks-data-access';
import { FIVE_STAR_BONUS, pointsInRange } from '@gov/tasks-domain';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_GRID, XIANGSHAN_POINT, actorOf, enrolSteward, north, type TestSteward } from '../fixtures.js';
import { startTasks, type TasksTestApp } from '../testing.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;

const dongbaoAdmin = actorOf('county_admin', 'jingmen/dongbao');
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const duodaoResident = actorOf('resident', 'jingmen/duodao/zhanghe/hongqiao/g01');

let serial = 0;
/** A building of its own under Xiangshan's grid, so each test reads only its own wishes. */
const building = (grid = XIANGSHAN_GRID) => `${grid}/b${++serial}-${randomUUID().slice(0, 6)}`;

const wish = (region: string, over: Record<string, unknown> = {}) => ({
  category: 'hazard',
  title: '3栋楼道灯坏了',
  description: '晚上楼道一片漆黑，老人上下楼不安全',
  region,
  location: XIANGSHAN_POINT,
  ...over,
});

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const countOf = async (table: string) => Number((await sql<{ n: string }>(`select count(*) as n from {s}.${table}`))[0].n);

/** Everything a refused call must leave as it was. */
async function snapshot(wishId?: string): Promise<unknown> {
  const tables = await Promise.all(['micro_wish', 'task', 'task_claim', 'points_entry', 'voucher'].map(countOf));
  const row = wishId ? await sql(`select w.*, c.status as claim_status, c.rating from {s}.micro_wish w left join {s}.task_claim c on c.task_id = w.task_id where w.id = ?`, [wishId]) : [];
  return { tables, row: JSON.stringify(row) };
}

async function post(resident: ReturnType<typeof actorOf>, region: string, over: Record<string, unknown> = {}): Promise<MicroWishView> {
  return rpc.request<MicroWishView>(TasksRpc.microWishPost, wish(region, over), { actor: resident });
}

async function board(actor: ReturnType<typeof actorOf>, region: string, more: Record<string, unknown> = {}): Promise<Page<MicroWishView>> {
  return rpc.request<Page<MicroWishView>>(TasksRpc.microWishes, { region, ...more }, { actor });
}

async function onBoard(actor: ReturnType<typeof actorOf>, w: MicroWishView): Promise<MicroWishView> {
  const found = (await board(actor, w.region)).items.find((x) => x.id === w.id);
  if (!found) throw new Error(`wish ${w.id} not on the board`);
  return found;
}

async function fulfil(s: TestSteward, w: MicroWishView): Promise<ClaimView> {
  await rpc.request(TasksRpc.taskClaim, { taskId: w.taskId }, { actor: s.actor });
  await rpc.request(TasksRpc.taskCheckIn, { taskId: w.taskId, location: north(XIANGSHAN_POINT, 10) }, { actor: s.actor });
  return rpc.request<ClaimView>(TasksRpc.taskSubmit, { taskId: w.taskId, note: '已更换灯泡', photos: ['uploads/2026/12/lamp.jpg'] }, { actor: s.actor });
}

const balance = async (s: TestSteward) => (await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: s.actor })).balance;
const vouchersOf = async (s: TestSteward) => sql<{ id: string }>(`select id from {s}.voucher where steward_id = ?`, [s.steward.id]);

async function eventOf(type: string, subject: string) {
  return eventually(async () => {
    const e = await readEvents(await t.nats(), t.ns, (e) => e.type === type && e.subject === subject);
    return e.length ? e[0] : undefined;
  });
}

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('posting a micro-wish', () => {
  it('is worth a fixed number of points within the micro-wish range', () => {
    expect(pointsInRange('micro_wish', MICRO_WISH_POINTS)).toBe(true);
  });

  it("lets a resident post by their building's code: the wish and its one-place task commit together with both events", async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const region = building();
    const before = await Promise.all([countOf('micro_wish'), countOf('task')]);
    const w = await post(resident, region);
    expect(w).toMatchObject({
      category: 'hazard',
      title: '3栋楼道灯坏了',
      region,
      community: XIANGSHAN,
      status: 'posted',
      postedBy: resident.personId,
      points: MICRO_WISH_POINTS,
      claimId: null,
      stewardId: null,
      fulfilledAt: null,
      confirmedAt: null,
      stars: null,
    });
    expect(await Promise.all([countOf('micro_wish'), countOf('task')])).toEqual([before[0] + 1, before[1] + 1]);

    const task = await rpc.request<TaskView>(TasksRpc.taskGet, { id: w.taskId }, { actor: resident });
    expect(task).toMatchObject({ kind: 'micro_wish', capacity: 1, claimed: 0, points: MICRO_WISH_POINTS, status: 'published', publishedBy: resident.personId, region });
    const days = (Date.parse(task.deadline) - Date.parse(task.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(MICRO_WISH_DEADLINE_DAYS, 1);
    expect(w.deadline).toBe(task.deadline);
    expect(await onBoard(resident, w)).toEqual(w);

    const posted = await eventOf('gov.tasks.micro-wish.posted.v1', w.id);
    expect(posted.county).toBe('dongbao');
    expect(posted.data).toMatchObject({ id: w.id, taskId: w.taskId, category: 'hazard' });
    await eventOf('gov.tasks.task.published.v1', w.taskId);
  });

  it('refuses bad input with its fields, callers without a role there or without a person, writing nothing', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const region = building();
    const before = await snapshot();
    const refusal = (input: unknown, actor = resident) => rpc.request(TasksRpc.microWishPost, input, { actor }).then(
      () => {
        throw new Error('accepted');
      },
      (e: { code: string; reason?: string; fields?: { path: string }[] }) => e,
    );
    const bad = await refusal({ ...wish(region), category: 'wish', title: '  ', location: { lat: 95, lng: 112 } });
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields!.map((f) => f.path)).toEqual(expect.arrayContaining(['category', 'title', 'location.lat']));
    const community = await refusal(wish(XIANGSHAN));
    expect(community).toMatchObject({ code: 'VALIDATION', fields: [expect.objectContaining({ path: 'region' })] });
    expect(await refusal(wish('Jingmen/东宝'))).toMatchObject({ code: 'VALIDATION' });

    expect(await refusal(wish(region), duodaoResident)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(wish(building(`${XIANGSHAN}/g02`)))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(wish(region), actorOf('resident', XIANGSHAN_GRID, null))).toMatchObject({ code: 'FORBIDDEN', reason: 'NO_PERSON' });
    await expect(rpc.request(TasksRpc.microWishPost, wish(region))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('fulfilling and confirming', () => {
  it('follows the steward through claim, check-in and submission, and the resident’s five stars pay points, bonus and voucher at once', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const steward = await enrolSteward(app);
    const w = await post(resident, building());

    await rpc.request(TasksRpc.taskClaim, { taskId: w.taskId }, { actor: steward.actor });
    expect(await onBoard(resident, w)).toMatchObject({ status: 'claimed', stewardId: steward.steward.id });
    await rpc.request(TasksRpc.taskCheckIn, { taskId: w.taskId, location: north(XIANGSHAN_POINT, 10) }, { actor: steward.actor });
    expect((await onBoard(resident, w)).status).toBe('claimed');
    const submitted = await rpc.request<ClaimView>(TasksRpc.taskSubmit, { taskId: w.taskId, note: '已更换灯泡' }, { actor: steward.actor });
    const fulfilled = await onBoard(resident, w);
    expect(fulfilled).toMatchObject({ status: 'fulfilled', claimId: submitted.id, fulfilledAt: submitted.submittedAt, confirmedAt: null });
    expect(await balance(steward)).toBe(0);

    const confirmed = await rpc.request<MicroWishView>(TasksRpc.microWishConfirm, { id: w.id, stars: 5 }, { actor: resident });
    expect(confirmed).toMatchObject({ id: w.id, status: 'confirmed', stars: 5, claimId: submitted.id, stewardId: steward.steward.id, fulfilledAt: submitted.submittedAt });
    expect(Date.parse(confirmed.confirmedAt!)).toBeGreaterThanOrEqual(Date.parse(submitted.submittedAt!));
    expect(await onBoard(resident, w)).toEqual(confirmed);

    expect(await rpc.request<PointsView>(TasksRpc.pointsMine, {}, { actor: steward.actor })).toMatchObject({ balance: MICRO_WISH_POINTS + FIVE_STAR_BONUS, todayEarned: MICRO_WISH_POINTS + FIVE_STAR_BONUS });
    expect(await vouchersOf(steward)).toHaveLength(1);
    const [claim] = await rpc.request<ClaimView[]>(TasksRpc.taskClaims, { taskId: w.taskId }, { actor: resident });
    expect(claim).toMatchObject({ status: 'verified', rating: 5, pointsAwarded: MICRO_WISH_POINTS });
    expect((await rpc.request<TaskView>(TasksRpc.taskGet, { id: w.taskId }, { actor: resident })).status).toBe('closed');

    const event = await eventOf('gov.tasks.micro-wish.confirmed.v1', w.id);
    expect(event.data).toMatchObject({ id: w.id, claimId: submitted.id, stars: 5 });
    for (const type of ['verified', 'rated', 'closed']) await eventOf(`gov.tasks.task.${type}.v1`, w.taskId);
    await eventOf('gov.tasks.voucher.issued.v1', steward.steward.id);

    // Once only: a second confirmation is refused and pays nothing.
    const before = await snapshot(w.id);
    await expect(rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 5 }, { actor: resident })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await snapshot(w.id)).toEqual(before);
    expect(await balance(steward)).toBe(MICRO_WISH_POINTS + FIVE_STAR_BONUS);
  });

  it('confirms with fewer stars: the points, no bonus and no voucher', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const steward = await enrolSteward(app);
    const w = await post(resident, building(), { category: 'difficulty', title: '帮独居老人换煤气罐' });
    await fulfil(steward, w);
    expect(await rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 3 }, { actor: resident })).toMatchObject({ status: 'confirmed', stars: 3 });
    expect(await balance(steward)).toBe(MICRO_WISH_POINTS);
    expect(await vouchersOf(steward)).toHaveLength(0);
  });

  it('refuses everyone but the resident, confirmation before fulfilment and bad stars, changing nothing', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const neighbour = actorOf('resident', XIANGSHAN_GRID);
    const steward = await enrolSteward(app);
    const w = await post(resident, building());
    const confirm = (actor: ReturnType<typeof actorOf>, stars = 5, id = w.id) => rpc.request(TasksRpc.microWishConfirm, { id, stars }, { actor });

    await rpc.request(TasksRpc.taskClaim, { taskId: w.taskId }, { actor: steward.actor });
    let before = await snapshot(w.id);
    await expect(confirm(resident)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await snapshot(w.id)).toEqual(before);

    await rpc.request(TasksRpc.taskCheckIn, { taskId: w.taskId, location: XIANGSHAN_POINT }, { actor: steward.actor });
    const submitted = await rpc.request<ClaimView>(TasksRpc.taskSubmit, { taskId: w.taskId, note: '已处理' }, { actor: steward.actor });
    before = await snapshot(w.id);
    await expect(confirm(neighbour)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(confirm(steward.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(confirm(dongbaoAdmin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(confirm(actorOf('resident', XIANGSHAN_GRID, null))).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NO_PERSON' });
    await expect(confirm(duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confirm(duodaoResident)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confirm(resident, 5, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confirm(resident, 6)).rejects.toMatchObject({ code: 'VALIDATION', fields: [expect.objectContaining({ path: 'stars' })] });
    await expect(confirm(resident, 0)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rpc.request(TasksRpc.microWishConfirm, { id: 'w-1', stars: 5 }, { actor: resident })).rejects.toMatchObject({ code: 'VALIDATION' });
    // The ordinary verification path takes the resident as a micro-wish's verifier, and nobody else.
    for (const actor of [steward.actor, actorOf('grid_worker', XIANGSHAN), dongbaoAdmin, (await enrolSteward(app)).actor]) {
      await expect(rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: true }, { actor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await snapshot(w.id)).toEqual(before);
    expect((await onBoard(resident, w)).status).toBe('fulfilled');
    expect(await balance(steward)).toBe(0);
  });

  it('refuses a resident confirming their own work as its steward', async () => {
    const stewardResident = await enrolSteward(app);
    const w = await post(stewardResident.actor, building());
    await fulfil(stewardResident, w);
    const before = await snapshot(w.id);
    await expect(rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 5 }, { actor: stewardResident.actor })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      reason: 'SELF_VERIFICATION',
    });
    expect(await snapshot(w.id)).toEqual(before);
    expect(await balance(stewardResident)).toBe(0);
  });

  it('commits verification, points, rating and confirmation together: a failure at the end leaves nothing behind', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const steward = await enrolSteward(app);
    const w = await post(resident, building());
    await fulfil(steward, w);
    const before = await snapshot(w.id);
    const repo = app.app.get(MicroWishRepository);
    // The last write of the confirmation fails, after verification and rating have run.
    const markConfirmed = Object.getOwnPropertyDescriptor(repo, 'markConfirmed');
    let calls = 0;
    repo.markConfirmed = async () => {
      calls++;
      throw new Error('disk full');
    };
    try {
      await expect(rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 5 }, { actor: resident })).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(calls).toBe(1);
    } finally {
      if (markConfirmed) Object.defineProperty(repo, 'markConfirmed', markConfirmed);
      else delete (repo as Partial<MicroWishRepository>).markConfirmed;
    }
    expect(await snapshot(w.id)).toEqual(before);
    expect(await balance(steward)).toBe(0);
    expect((await onBoard(resident, w)).status).toBe('fulfilled');
    expect(await rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 5 }, { actor: resident })).toMatchObject({ status: 'confirmed', stars: 5 });
    expect(await balance(steward)).toBe(MICRO_WISH_POINTS + FIVE_STAR_BONUS);
  });

  it('confirms once when the resident presses twice at the same moment', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const steward = await enrolSteward(app);
    const w = await post(resident, building());
    await fulfil(steward, w);
    const results = await Promise.allSettled([5, 5, 5].map((stars) => rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars }, { actor: resident })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) expect(r.reason).toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await balance(steward)).toBe(MICRO_WISH_POINTS + FIVE_STAR_BONUS);
    expect(await vouchersOf(steward)).toHaveLength(1);
  });

  it('reopens the wish when the resident rejects the work, so another steward can take it', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const first = await enrolSteward(app);
    const second = await enrolSteward(app);
    const w = await post(resident, building(), { category: 'dispute', title: '楼上漏水纠纷' });
    const submitted = await fulfil(first, w);
    await rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: false, reason: '还在漏水' }, { actor: resident });
    expect(await onBoard(resident, w)).toMatchObject({ status: 'posted', claimId: null, fulfilledAt: null });
    const again = await fulfil(second, w);
    expect(await onBoard(resident, w)).toMatchObject({ status: 'fulfilled', claimId: again.id, stewardId: second.steward.id });
    await rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 4 }, { actor: resident });
    expect([await balance(first), await balance(second)]).toEqual([0, MICRO_WISH_POINTS]);
  });

  it('confirms a wish whose work the resident already approved through the task: rated once, paid once', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const steward = await enrolSteward(app);
    const w = await post(resident, building());
    const submitted = await fulfil(steward, w);
    expect(await rpc.request(TasksRpc.taskVerify, { claimId: submitted.id, approve: true }, { actor: resident })).toMatchObject({ status: 'verified', pointsAwarded: MICRO_WISH_POINTS });
    expect((await onBoard(resident, w)).status).toBe('fulfilled');
    expect(await rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 5 }, { actor: resident })).toMatchObject({ status: 'confirmed', stars: 5 });
    expect(await balance(steward)).toBe(MICRO_WISH_POINTS + FIVE_STAR_BONUS);
    expect(await vouchersOf(steward)).toHaveLength(1);
  });

  it('shows a wish its resident withdrew as cancelled and refuses to confirm it', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const w = await post(resident, building(), { category: 'suggestion', title: '小区增设充电桩' });
    await rpc.request(TasksRpc.taskCancel, { id: w.taskId, reason: '已自行解决' }, { actor: resident });
    expect((await onBoard(resident, w)).status).toBe('cancelled');
    await expect(rpc.request(TasksRpc.microWishConfirm, { id: w.id, stars: 5 }, { actor: resident })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
  });
});

describe('the board', () => {
  it('lists the region’s wishes newest first, page by page, by status', async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const steward = await enrolSteward(app);
    const region = building();
    const posted: MicroWishView[] = [];
    for (let i = 0; i < 5; i++) posted.push(await post(resident, region, { title: `心愿 ${i}` }));
    await rpc.request(TasksRpc.taskClaim, { taskId: posted[1].taskId }, { actor: steward.actor });

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page<MicroWishView> = await board(resident, region, { first: 2, after });
      seen.push(...page.items.map((x) => x.id));
      after = page.hasNextPage ? page.endCursor : null;
      expect(page.hasNextPage).toBe(page.endCursor !== null);
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(posted.map((x) => x.id).reverse());

    expect((await board(resident, region, { status: 'claimed' })).items.map((x) => x.id)).toEqual([posted[1].id]);
    expect((await board(resident, region, { status: 'posted', first: 3 })).items.map((x) => x.id)).toEqual([posted[4].id, posted[3].id, posted[2].id]);
    expect((await board(dongbaoAdmin, 'jingmen/dongbao', { first: 100 })).items.map((x) => x.id)).toEqual(expect.arrayContaining([posted[0].id]));

    await expect(board(resident, region, { after: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(board(resident, region, { first: 101 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(board(resident, region, { status: 'done' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it("shows a resident their own region's board, not their neighbours' grids", async () => {
    const g01 = actorOf('resident', XIANGSHAN_GRID);
    const g02 = actorOf('resident', `${XIANGSHAN}/g02`);
    const mine = await post(g01, building());
    const theirs = await post(g02, building(`${XIANGSHAN}/g02`));
    const seenBy = async (actor: ReturnType<typeof actorOf>) => (await board(actor, XIANGSHAN, { first: 100 })).items.map((x) => x.id);
    expect(await seenBy(g01)).toContain(mine.id);
    expect(await seenBy(g01)).not.toContain(theirs.id);
    expect(await seenBy(g02)).toContain(theirs.id);
    expect(await seenBy(actorOf('community_admin', XIANGSHAN))).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it("keeps another county out: NOT_FOUND for its regions, nothing of it on one's own board", async () => {
    const resident = actorOf('resident', XIANGSHAN_GRID);
    const w = await post(resident, building());
    await expect(board(duodaoAdmin, w.region)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(board(duodaoAdmin, 'jingmen/dongbao')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(board(duodaoResident, XIANGSHAN_GRID)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const region of ['jingmen', 'jingmen/duodao']) {
      const items = (await board(duodaoAdmin, region, { first: 100 })).items;
      expect(items.filter((x) => x.region.startsWith('jingmen/dongbao/'))).toEqual([]);
    }
    await expect(rpc.request(TasksRpc.microWishStats, { region: XIANGSHAN }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const city = await rpc.request<MicroWishStatsView>(TasksRpc.microWishStats, { region: 'jingmen' }, { actor: duodaoAdmin });
    expect(city.communities.filter((c) => c.community.startsWith('jingmen/dongbao/'))).toEqual([]);
    await expect(rpc.request(TasksRpc.taskGet, { id: w.taskId }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('stats', () => {
  it('counts collected and confirmed wishes per community under a region', async () => {
    const street = `jingmen/dongbao/s${randomUUID().slice(0, 8)}`;
    const [a, b] = [`${street}/ca`, `${street}/cb`];
    const steward = await enrolSteward(app, { grid: `${a}/g01` });
    const inA = actorOf('resident', `${a}/g01`);
    const inA2 = actorOf('resident', `${a}/g02`);
    const inB = actorOf('resident', `${b}/g01`);
    const first = await post(inA, `${a}/g01/b1`);
    await post(inA, `${a}/g01/b2`);
    await post(inA2, `${a}/g02`);
    await post(inB, `${b}/g01/b7`);
    await fulfil(steward, first);
    await rpc.request(TasksRpc.microWishConfirm, { id: first.id, stars: 5 }, { actor: inA });

    const admin = actorOf('street_admin', street);
    expect(await rpc.request(TasksRpc.microWishStats, { region: street }, { actor: admin })).toEqual({
      region: street,
      collected: 4,
      fulfilled: 1,
      communities: [
        { community: a, collected: 3, fulfilled: 1 },
        { community: b, collected: 1, fulfilled: 0 },
      ],
    });
    expect(await rpc.request(TasksRpc.microWishStats, { region: `${a}/g01` }, { actor: admin })).toMatchObject({ collected: 2, fulfilled: 1 });
    const county = await rpc.request<MicroWishStatsView>(TasksRpc.microWishStats, { region: 'jingmen/dongbao' }, { actor: dongbaoAdmin });
    expect(county.communities).toEqual(expect.arrayContaining([{ community: a, collected: 3, fulfilled: 1 }]));
    expect(county.collected).toBe(county.communities.reduce((n, c) => n + c.collected, 0));
    await expect(rpc.request(TasksRpc.microWishStats, { region: 'Jingmen' }, { actor: admin })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
