import { SERVICE_CONFIG } from '@gov/platform-service';
import { DB_SCHEMA } from '@gov/platform-persistence';
import { RpcClient } from '@gov/platform-messaging';
import { CategoryRepository, DemoRepository, DirectoryRepository, PetitionRepository, WhistleRepository } from '@gov/petitions-data-access';
import { categoryDeadline, communityOfRegion, countyOfRegion, newSubmitterKey } from '@gov/petitions-domain';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import type { PetitionsConfig } from '../config.js';
import { PetitionIntakeService } from '../petition/petition-intake.service.js';
import { planDemoHistory, type PlannedPetition } from './demo-plan.js';
import { seedDemoProposals, type DemoProposalsResult } from './demo-proposals.js';
import { DEMO_SEED_ACCOUNT_ID, demoGridsIn, readDemoTerritory } from './demo-territory.js';

export { DEMO_HISTORY_DAYS } from './demo-plan.js';

export interface DemoPetitionsResult extends DemoProposalsResult {
  petitions: number;
  timelineEntries: number;
  whistles: number;
  /** Figures of the history as the statistics show them (see `figures`). */
  onTimeClosureRate: number | null;
  averageHandlingDays: number | null;
  satisfactionRate: number | null;
}

const DAY_MS = 86_400_000;
/** Ratings from this many stars up count as satisfied (满意、非常满意). */
const SATISFIED_FROM_RATING = 4;

/**
 * Months of petitions in every grid of the demo territory (asked of grids over NATS), through
 * every channel and in every state, written through the service's own code: the intake's insert
 * (which encrypts the contact, writes the first timeline entry and the `petition.submitted`
 * event) and the repositories' patch and timeline for the backdated steps after it. Only the
 * submitted events are published: the later steps happened "in the past" and announcing them now
 * would make subscribers act on history. Then the residents' proposals (demo-proposals.ts). Null
 * when petitions has data already.
 */
export interface DemoPetitionsOptions {
  /**
   * Only the grids inside these regions get a history (each county's showcase goes to its first
   * urban grid among them, and a demo grid worker's grid among them gets its queue): an end-to-end
   * test's share of the city, seeded in a fraction of the time. Default: every grid of the territory.
   */
  regions?: readonly string[];
}

export async function seedDemoPetitions(app: INestApplicationContext, log: (line: string) => void, now = new Date(), opts: DemoPetitionsOptions = {}): Promise<DemoPetitionsResult | null> {
  const orm = app.get(MikroORM);
  const schema = app.get<string>(DB_SCHEMA);
  const demo = new DemoRepository(schema);
  const em0 = orm.em.fork() as EntityManager;
  if (!(await demo.isEmpty(em0))) {
    log('demo seed: petitions already has data, leaving it alone');
    return null;
  }
  const config = app.get<PetitionsConfig>(SERVICE_CONFIG);
  const territory = await readDemoTerritory(app.get(RpcClient), config.CITY_REGION);
  const grids = demoGridsIn(territory, opts.regions);
  const counties = [...new Set(grids.map((g) => g.county))];
  const plan = planDemoHistory({
    grids,
    categories: await app.get(CategoryRepository).current(em0, false),
    departments: await app.get(DirectoryRepository).departmentsFor(em0, counties),
    stewards: await demo.stewards(em0),
    now,
  });
  log(`demo seed: ${grids.length} grids, ${grids.reduce((n, g) => n + g.buildings.length, 0)} buildings, ${plan.length} petitions to write`);

  const intake = app.get(PetitionIntakeService);
  const petitions = app.get(PetitionRepository);
  const whistles = app.get(WhistleRepository);
  const result: DemoPetitionsResult = {
    petitions: 0,
    timelineEntries: 0,
    whistles: 0,
    onTimeClosureRate: null,
    averageHandlingDays: null,
    satisfactionRate: null,
    proposals: 0,
    ballots: 0,
    paperBallots: 0,
  };
  // In the order they came in, so the petitions' sequence numbers follow their dates as in real life.
  for (const p of plan) {
    await em0.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      await write(em, p);
    });
    result.petitions++;
    result.timelineEntries += 1 + p.steps.length;
    result.whistles += p.whistles.length;
  }
  Object.assign(result, figures(plan));
  log(
    `demo seed: ${result.petitions} petitions, ${result.timelineEntries} timeline entries, ${result.whistles} whistles; ` +
      `on time ${percent(result.onTimeClosureRate)}, ${result.averageHandlingDays?.toFixed(1)} days to a result, ${percent(result.satisfactionRate)} satisfied`,
  );
  // Last, the residents' proposals: a renovation ballot under way and a proposal under discussion.
  Object.assign(result, await seedDemoProposals(app, grids, log, now));
  return result;

  async function write(em: EntityManager, p: PlannedPetition): Promise<void> {
    const category = p.category;
    await intake.insert(em, {
      id: p.id,
      actor: p.submitter,
      channel: p.channel,
      category,
      title: p.title,
      description: p.description,
      placement: p.placement,
      sixPrevention: p.sixPrevention,
      anonymous: p.anonymous,
      contact: p.contact,
      // The submitter's key is shown once at submission: nobody holds the demo's.
      submitterKey: newSubmitterKey(),
      createdAt: p.createdAt,
    });
    for (const s of p.steps)
      await petitions.appendTimeline(em, {
        petitionId: p.id,
        at: s.at,
        action: s.action,
        fromState: s.from,
        toState: s.to,
        actorAccountId: s.by.accountId,
        actorLabel: s.by.label,
        level: s.level,
        note: s.note,
      });
    if (p.steps.length) await petitions.patch(em, p.id, p.patch);
    for (const w of p.whistles) {
      await whistles.insert(em, {
        id: w.id,
        petitionId: p.id,
        community: communityOfRegion(p.placement.region)!,
        county: countyOfRegion(p.placement.region),
        departmentId: w.departmentId,
        urgency: w.urgency,
        reason: w.reason,
        blownBy: DEMO_SEED_ACCOUNT_ID,
        ackDeadline: w.ackDeadline,
      });
      if (w.acknowledgedAt) await whistles.acknowledge(em, w.id, DEMO_SEED_ACCOUNT_ID, w.ackNote);
      await demo.backdateWhistle(em, w.id, { blownAt: w.blownAt, ackDeadline: w.ackDeadline, acknowledgedAt: w.acknowledgedAt, overdueReported: w.overdueReported });
    }
  }
}

/**
 * The history's figures as the statistics define them (docs/petition-stats.md): of the petitions
 * closed, those with a result by their deadline and the days from intake to that result; of the
 * rated, those rated 4–5.
 */
export function figures(plan: readonly PlannedPetition[]): Pick<DemoPetitionsResult, 'onTimeClosureRate' | 'averageHandlingDays' | 'satisfactionRate'> {
  const closed = plan.filter((p) => p.patch.state === 'closed');
  const done = (p: PlannedPetition) => (p.patch.resolvedAt ?? p.patch.closedAt)!.getTime();
  const deadline = (p: PlannedPetition) => categoryDeadline(p.category.timeLimitDays, p.createdAt).getTime();
  const rated = plan.filter((p) => p.patch.rating !== undefined && p.patch.rating !== null);
  return {
    onTimeClosureRate: closed.length ? closed.filter((p) => done(p) <= deadline(p)).length / closed.length : null,
    averageHandlingDays: closed.length ? closed.reduce((n, p) => n + done(p) - p.createdAt.getTime(), 0) / closed.length / DAY_MS : null,
    satisfactionRate: rated.length ? rated.filter((p) => p.patch.rating! >= SATISFIED_FROM_RATING).length / rated.length : null,
  };
}

function percent(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}
