// The demo city (荆门市: 东宝区 and 掇刀区, their streets, communities, grids, units, stewards and
// months of history) seeded into this run's platform, in-process, by the services' own demo seeds
// in the order `npm start` runs them (tools/start.mjs), each waiting, as its seed.ts does, until
// its service has consumed the other services' events it is built on.
import { eventType } from '@gov/kernel';
import { seedDemoTerritory } from '@gov/grids';
import { demoRegionPathsWithAncestors, seedDemoCity } from '@gov/identity';
import { seedDemoMediation } from '@gov/mediation';
import { seedDemoPetitions } from '@gov/petitions';
import { seedDemoRewards, seedDemoTasks } from '@gov/tasks';
import { waitForConsumers } from '@gov/platform-messaging';
import { OutboxRelay } from '@gov/platform-outbox';
import { eventually } from '@gov/platform-testing';
import type { INestApplicationContext } from '@nestjs/common';
import { startPlatform, type Platform, type PlatformServices } from './harness.js';

/** Every demo login's password (tools/start.mjs: DEMO_PASSWORD, default demo-city-2026). */
export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || 'demo-city-2026';

/**
 * The demo logins the console tests use (apps/identity/src/seed/demo.ts): 象山社区's third grid's
 * worker, and the two county administrators.
 */
export const DEMO_LOGINS = {
  /** grid_worker on jingmen/dongbao/longquan/xiangshan/g03. */
  dongbaoGridWorker: { username: 'xiangshan-grid', region: 'jingmen/dongbao/longquan/xiangshan/g03' },
  dongbaoAdmin: { username: 'dongbao-admin', region: 'jingmen/dongbao' },
  duodaoAdmin: { username: 'duodao-admin', region: 'jingmen/duodao' },
} as const;

/**
 * The events each seed's service must have consumed before it runs (the `NEEDED_EVENTS` of
 * apps/<service>/src/seed.ts): grids puts identity's persons on duty; tasks builds on stewards, units
 * and places; petitions on departments, stewards and households; mediation on stewards.
 */
const NEEDS = {
  grids: [eventType('identity', 'person', 'registered')],
  tasks: [eventType('identity', 'steward', 'enrolled'), eventType('identity', 'unit', 'created'), eventType('grids', 'place', 'created')],
  petitions: [eventType('identity', 'unit', 'created'), eventType('identity', 'steward', 'enrolled'), eventType('grids', 'household', 'registered'), eventType('grids', 'household', 'member-added')],
  mediation: [eventType('identity', 'steward', 'enrolled'), eventType('identity', 'steward', 'updated')],
} as const;
/** As the seed scripts: how long a service may take to catch up with the events its seed needs. */
const CATCH_UP_MS = 60_000;
/** As identity's seed (DEMO_REGIONS_WAIT_MS): how long grids' region events may take to reach identity. */
const REGIONS_WAIT_MS = 60_000;

/** Seconds each step of the seed took, in order. */
export type SeedTimings = Record<string, number>;

export interface DemoPlatform extends Platform {
  /** The seed's steps and how long each took (seconds). */
  seedTimings: SeedTimings;
}

export interface DemoCityOptions {
  /**
   * The regions that get petitions' months of history (seedDemoPetitions' `regions`); default the
   * whole city. The whole city's history (2,400 petitions, 18,000 timeline entries) takes petitions'
   * seed 60–90 s on two cores; two communities (six of its 19 grids) about 13 s.
   */
  petitionsIn?: readonly string[];
  /**
   * Whether tasks gets its months of history (tasks, claims, points, merchants): default true. The
   * seed takes about 18 s on two cores; suites that never look at tasks can leave it out.
   */
  tasks?: boolean;
  /** The seeds' progress lines. */
  log?: (line: string) => void;
}

/** The whole platform of harness.ts with the demo city seeded into it. */
export async function startDemoPlatform(env: Record<string, string> = {}, options: DemoCityOptions = {}): Promise<DemoPlatform> {
  const seedTimings: SeedTimings = {};
  const platform = await startPlatform(env, { seed: (services) => seedDemo(services, seedTimings, options) });
  return Object.assign(platform, { seedTimings });
}

/** tools/start.mjs's demo steps, each service's seed run against its own application context. */
async function seedDemo(s: PlatformServices, timings: SeedTimings, options: DemoCityOptions): Promise<void> {
  const log = options.log ?? (() => {});
  const nc = await s.t.nats();
  const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await fn();
    timings[step] = Math.round((performance.now() - started) / 100) / 10;
    return result;
  };
  // A seed script drains its outbox before it exits, so what it wrote is on the stream before the next seed waits for it.
  const drain = (app: INestApplicationContext) => app.get(OutboxRelay).drain();
  const caughtUp = (service: keyof typeof NEEDS) => waitForConsumers(nc, s.t.ns, service, NEEDS[service], { timeoutMs: CATCH_UP_MS });

  await timed('identity: persons', async () => {
    await seedDemoCity(s.identity.app, { password: DEMO_PASSWORD, log, peopleOnly: true });
    await drain(s.identity.app);
  });
  await timed('grids: territory', async () => {
    await caughtUp('grids');
    await seedDemoTerritory(s.grids.app, log);
    await drain(s.grids.app);
  });
  await timed('identity: units, grants, stewards', async () => {
    const paths = demoRegionPathsWithAncestors();
    const schema = s.identity.config.DB_SCHEMA;
    await eventually(async () => {
      const rows = await s.identity.em().execute<{ path: string }[]>(`select distinct path from "${schema}".known_region where path in (?) and not archived`, [paths]);
      return rows.length === paths.length ? true : undefined;
    }, REGIONS_WAIT_MS);
    await seedDemoCity(s.identity.app, { password: DEMO_PASSWORD, log });
    await drain(s.identity.app);
  });
  // tasks, petitions and mediation build on identity's and grids' events only, not on each other's
  // history: npm start runs their seeds one after another, here they overlap (each waits for its own).
  await Promise.all([
    options.tasks === false
      ? null
      : timed('tasks: history and rewards', async () => {
          await caughtUp('tasks');
          if (await seedDemoTasks(s.tasks.app, log)) await seedDemoRewards(s.tasks.app, log);
          await drain(s.tasks.app);
        }),
    timed('petitions: history', async () => {
      await caughtUp('petitions');
      await seedDemoPetitions(s.petitions.app, log, new Date(), { regions: options.petitionsIn });
      await drain(s.petitions.app);
    }),
    timed('mediation: history', async () => {
      await caughtUp('mediation');
      await seedDemoMediation(s.mediation.app, log);
      await drain(s.mediation.app);
    }),
  ]);
}
