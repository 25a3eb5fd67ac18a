import type { CategoryRecord } from '@gov/petitions-data-access';
import { TAXONOMY, categoryDeadline } from '@gov/petitions-domain';
import { randomUUID } from 'node:crypto';
import { planDemoHistory, type PlannedPetition } from './demo-plan.js';
import { demoGridsIn, type DemoGrid } from './demo-territory.js';

const HOUR = 3_600_000;
/** A fixed day, so the plan is the same every run. */
const NOW = new Date('2026-05-14T10:30:00+08:00');
/** The one demo grid worker with a login: xiangshan-grid on 象山社区's third grid. */
const WORKER_GRID = 'jingmen/dongbao/longquan/xiangshan/g03';
/** "Due soon": within this many hours. */
const DUE_SOON_HOURS = 12;

/** Version 1 of every minor category, as petitions' migration writes it. */
const CATEGORIES: CategoryRecord[] = TAXONOMY.flatMap((major) =>
  major.minors.map((m) => ({
    id: randomUUID(),
    key: m.key,
    majorKey: major.key,
    nameZh: m.nameZh,
    majorNameZh: major.nameZh,
    version: 1,
    defaultLevel: m.defaultLevel,
    defaultDepartment: m.defaultDepartment,
    timeLimitDays: m.timeLimitDays,
    anonymousAllowed: m.anonymousAllowed,
    retired: false,
    current: true,
    createdAt: new Date('2026-01-01T00:00:00Z'),
  })),
);

/** 象山社区's three grids (Dongbao) and 白石坡社区's first (Duodao), a compound of two buildings each. */
function grid(community: string, communityName: string, n: number): DemoGrid {
  const path = `${community}/g0${n}`;
  const parts = community.split('/');
  return {
    path,
    name: `${communityName}第${n}网格`,
    county: parts.slice(0, 2).join('/'),
    street: parts.slice(0, 3).join('/'),
    community,
    communityName,
    village: false,
    buildings: [1, 2].map((b) => ({
      id: randomUUID(),
      name: `${communityName}${n}区${b}栋`,
      path: `${path}/xq1/b${b}`,
      compound: `${path}/xq1`,
      compoundName: `${communityName}${n}区`,
      lat: 31.03 + n * 0.001,
      lng: 112.2 + b * 0.001,
    })),
  };
}
const TERRITORY = [
  ...[1, 2, 3].map((n) => grid('jingmen/dongbao/longquan/xiangshan', '象山社区', n)),
  grid('jingmen/duodao/duodaoshi/baishipo', '白石坡社区', 1),
];

const plan = (regions?: readonly string[]) => planDemoHistory({ grids: demoGridsIn(TERRITORY, regions), categories: CATEGORIES, departments: [], stewards: [], now: NOW });
const deadline = (p: PlannedPetition) => categoryDeadline(p.category.timeLimitDays, p.createdAt).getTime();
/**
 * Waiting in the grid for its grid worker to accept: assigned to the grid, and the grid's clock
 * (longer than the category's limit) still running, so nothing escalates it before the worker acts.
 */
const waitingInGrid = (p: PlannedPetition, gridPath: string) =>
  p.placement.region === gridPath && p.patch.state === 'assigned' && p.patch.level === 'grid' && p.patch.assigneeRegion === gridPath && p.patch.levelDeadline!.getTime() > NOW.getTime();

describe("the demo plan's grid worker queue", () => {
  it('gives the grid worker an overdue petition to accept, one due within hours and one not yet due', () => {
    const waiting = plan().filter((p) => waitingInGrid(p, WORKER_GRID));
    const now = NOW.getTime();
    const overdue = waiting.filter((p) => deadline(p) < now);
    const dueSoon = waiting.filter((p) => deadline(p) >= now && deadline(p) < now + DUE_SOON_HOURS * HOUR);
    const notYetDue = waiting.filter((p) => deadline(p) >= now + DUE_SOON_HOURS * HOUR);
    expect([overdue.length, dueSoon.length, notYetDue.length].map((n) => n > 0)).toEqual([true, true, true]);
    // The overdue one came in through the 12345 hotline and was screened and assigned at once; nobody has taken it up since.
    const first = overdue.find((p) => p.channel === 'hotline');
    expect(first).toBeDefined();
    expect(first!.steps.map((s) => [s.action, s.to])).toEqual([
      ['screened', 'screened'],
      ['assigned', 'assigned'],
    ]);
    expect(first!.patch.acceptedAt ?? null).toBeNull();
    expect(first!.steps.every((s) => s.at.getTime() <= now)).toBe(true);
  });

  it('plans the same history every time', () => {
    const shape = (ps: PlannedPetition[]) => ps.map((p) => [p.createdAt.toISOString(), p.placement.region, p.category.key, p.title, p.patch.state ?? 'submitted']);
    expect(shape(plan())).toEqual(shape(plan()));
  });

  it("keeps the queue when the seed is limited to regions with the worker's grid, and plans none outside them", () => {
    for (const regions of [['jingmen/dongbao/longquan/xiangshan'], [WORKER_GRID], ['jingmen/dongbao', 'jingmen/duodao/duodaoshi/baishipo']]) {
      const waiting = plan(regions).filter((p) => waitingInGrid(p, WORKER_GRID));
      expect(waiting.some((p) => deadline(p) < NOW.getTime())).toBe(true);
    }
    expect(plan(['jingmen/duodao']).filter((p) => p.placement.region.startsWith('jingmen/dongbao/'))).toEqual([]);
  });
});
