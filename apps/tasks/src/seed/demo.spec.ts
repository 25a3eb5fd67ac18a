import { TasksRpc, type TaskView } from '@gov/tasks-contracts';
import { DirectoryRepository } from '@gov/tasks-data-access';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_GRID, XIANGSHAN_POINT, actorOf, enrolSteward } from '../fixtures.js';
import { startTasks, type TasksTestApp } from '../testing.js';
import { DEMO_HISTORY_DAYS, seedDemoTasks } from './demo.js';

const t = new TestContext();
let app: TasksTestApp;
let rpc: RpcClient;

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  // A community as identity's and grids' events leave it: eight stewards and the residents' committee office.
  for (let i = 0; i < 8; i++) await enrolSteward(app, { grid: XIANGSHAN_GRID, class: (i % 6) + 1 });
  const directory = app.app.get(DirectoryRepository);
  await app.orm.em.fork().transactional((em) =>
    directory.recordPlace(em as EntityManager, { id: randomUUID(), kind: 'office', name: '象山社区居民委员会', region: XIANGSHAN, lat: XIANGSHAN_POINT.lat, lng: XIANGSHAN_POINT.lng, archived: false }, new Date()),
  );
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

const q = async <T>(sql: string): Promise<T[]> => app.em().execute<T[]>(sql.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`));

describe('the demo history', () => {
  it('fills months of tasks, claims and points that add up, once', async () => {
    const now = new Date();
    const result = (await seedDemoTasks(app.app, () => undefined, now))!;
    expect(result.tasks).toBeGreaterThan(20);
    expect(result.verified).toBeGreaterThan(10);
    expect(result.microWishes).toBeGreaterThan(0);
    expect(result.pointsPosted).toBeGreaterThan(0);

    // Spread over the history, every ledger transaction balanced, the rankings' sums equal to the ledger's.
    const [span] = await q<{ days: number }>(`select extract(day from max(created_at) - min(created_at))::int as days from {s}.task`);
    expect(span.days).toBeGreaterThan(DEMO_HISTORY_DAYS / 2);
    expect(await q(`select txn_id from {s}.points_entry group by txn_id having sum(amount) <> 0`)).toEqual([]);
    const [sums] = await q<{ ledger: string; periods: string }>(
      `select (select sum(amount) from {s}.points_entry where steward_id is not null) as ledger,
              (select sum(points) from {s}.points_period where period ~ '^[0-9]{4}$') as periods`,
    );
    expect(Number(sums.periods)).toBe(Number(sums.ledger));
    expect(await seedDemoTasks(app.app, () => undefined, now)).toBeNull();
  });

  it('leaves open tasks on the map and a ranking to read', async () => {
    const admin = actorOf('community_admin', XIANGSHAN);
    const open = await rpc.request<TaskView[]>(TasksRpc.taskSearch, { region: XIANGSHAN, first: 100 }, { actor: admin });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((x) => x.status === 'published' && Date.parse(x.deadline) > Date.now())).toBe(true);
    const [month] = await q<{ period: string }>(`select period from {s}.points_period where period ~ '-[0-9]{2}$' group by period order by sum(points) desc limit 1`);
    const ranking = await rpc.request<{ items: { rank: number; points: number }[] }>(TasksRpc.rankings, { scope: 'COMMUNITY', period: month.period, region: XIANGSHAN }, { actor: admin });
    expect(ranking.items.length).toBeGreaterThan(1);
    expect(ranking.items[0].rank).toBe(1);
    expect(ranking.items.map((r) => r.points)).toEqual([...ranking.items.map((r) => r.points)].sort((x, y) => y - x));
  });
});
