import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enrolSteward } from '../fixtures.js';
import { PointsLedger } from '../points/points-ledger.service.js';
import { startTasks, type TasksTestApp } from '../testing.js';
import { PeriodCloser, endedPeriods } from './period-closer.js';

const t = new TestContext();
let app: TasksTestApp;

beforeAll(async () => {
  app = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50' }));
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('closing periods', () => {
  it('names the month, quarter and year that ended before now, in China Standard Time', () => {
    expect(endedPeriods(new Date('2026-12-03T02:00:00Z'))).toEqual(['2026-11', '2026-Q3', '2025']);
    // 2026-12-31 17:00 UTC is already 1 January 2027 in Jingmen.
    expect(endedPeriods(new Date('2026-12-31T17:00:00Z'))).toEqual(['2026-12', '2026-Q4', '2026']);
  });

  it("announces each county's closed month once, with what was earned in it", async () => {
    const s = await enrolSteward(app);
    const ledger = app.app.get(PointsLedger);
    await app.orm.em.fork().transactional((em) =>
      ledger.earn(em as EntityManager, { stewardId: s.steward.id, region: s.steward.grid, sourceType: 'task_completion', sourceId: 'close-1', memo: '完成任务', points: 12 }, new Date('2026-11-15T04:00:00Z')),
    );
    const closer = app.app.get(PeriodCloser);
    const now = new Date('2026-12-03T02:00:00Z');
    expect(await closer.sweep(now)).toEqual([{ county: 'jingmen/dongbao', period: '2026-11' }]);
    expect(await closer.sweep(now)).toEqual([]);
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.tasks.period.closed.v1');
      return e.length ? e : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ county: 'dongbao', data: { county: 'jingmen/dongbao', period: '2026-11', stewards: 1, points: 12 } });
  });
});
