import { countyOf, type DomainEvent, type Page } from '@gov/kernel';
import { MAX_MAP_RADIUS_M, TasksRpc, type RankingEntryView, type TaskView } from '@gov/tasks-contracts';
import { connection, livePush, requireLive, requireSignedIn, type Connection, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Float, ID, Int, Resolver, Subscription } from '@nestjs/graphql';
import { RankingConnection } from './rankings.types.js';
import { Task } from './task.types.js';

const TASK = { service: 'tasks', aggregate: 'task' } as const;
/** points.awarded and points.adjusted: what moves a ranking. */
const POINTS = { service: 'tasks', aggregate: 'points' } as const;
/** How many tasks near the point are known at subscribe time (their later events are followed too). */
const NEAR_SEED = 100;
/** A ranking is pushed at most once a second to a subscriber, however many points are posted. */
const RANKING_PUSH_INTERVAL_MS = 1000;
const DEFAULT_RANKING_SIZE = 20;
const MAX_RANKING_SIZE = 100;
const EARTH_RADIUS_M = 6_371_008.8;

/** Live updates of tasks and rankings (graphql-ws); each push is the service's answer to the subscriber at that moment. */
@Resolver()
export class TaskSubscriptions {
  @Subscription(() => Task, {
    description:
      "A task's current view, first when you subscribe (and so again after a reconnect) and then after each of its events (claimed, checked in, submitted, verified, rejected, rated, closed, cancelled, expired). " +
      "Each push is read again as you: NOT_FOUND when subscribing to a missing task or one outside your regions, like the query; the subscription ends with the refusal once you may no longer read it, and with UNAUTHENTICATED TOKEN_EXPIRED when your token expires.",
    resolve: livePush,
  })
  taskUpdated(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    const read = () => ctx.call<TaskView>(TasksRpc.taskGet, { id });
    return requireLive(ctx).follow<TaskView>({ topics: [{ ...TASK, subject: id }], initial: read, onEvent: read, recheck: async () => (await read(), null) });
  }

  @Subscription(() => Task, {
    description:
      `The map, live: a task published within radiusMeters (at most ${MAX_MAP_RADIUS_M}) of the point, and every later change of a task there, as you may read it then. ` +
      'Nothing is pushed at subscribe time (query tasksNear for the map as it is); tasks you may not read (another county’s) are never pushed. VALIDATION for a point or radius out of range.',
    resolve: livePush,
  })
  async tasksNear(
    @Args('lat', { type: () => Float }) lat: number,
    @Args('lng', { type: () => Float }) lng: number,
    @Args('radiusMeters', { type: () => Float }) radiusMeters: number,
    @Context() ctx: GqlContext,
  ) {
    requireSignedIn(ctx);
    const here = { lat, lng };
    /** Tasks within the radius that the subscriber may read: their later events are followed. */
    const near = new Set<string>();
    const within = (t: { location?: { lat: number; lng: number } | null }) => !!t.location && distanceM(here, t.location) <= radiusMeters;
    return requireLive(ctx).follow<TaskView>({
      topics: [TASK],
      // Checks the arguments (the service's map search validates them) and learns the tasks already there.
      initial: async () => {
        for (const t of await ctx.call<TaskView[]>(TasksRpc.taskSearch, { near: { lat, lng, radiusM: radiusMeters }, first: NEAR_SEED })) near.add(t.id);
        return null;
      },
      onEvent: async (event: DomainEvent) => {
        const published = event.type.startsWith('gov.tasks.task.published.');
        // A new task carries its point: a far one costs no read.
        if (published ? !within(event.data as TaskView) : !near.has(event.subject)) return null;
        const task = await ctx.call<TaskView>(TasksRpc.taskGet, { id: event.subject }).catch((err: { code?: string }) => {
          // Another county's task, or one gone: not this subscriber's, which goes on.
          if (err?.code === 'NOT_FOUND' || err?.code === 'FORBIDDEN') return null;
          throw err;
        });
        if (!task || !within(task)) return null;
        near.add(task.id);
        return task;
      },
    });
  }

  @Subscription(() => RankingConnection, {
    description:
      `A community's ranking (COMMUNITY scope) of a period (default: this month, China Standard Time): the first page (first, default ${DEFAULT_RANKING_SIZE}) when you subscribe and again whenever posted points change it, at most once a second. ` +
      'Read again as you each time: NOT_FOUND for a community outside your regions, like rankings; VALIDATION for a region that is not a community or a malformed period.',
    resolve: livePush,
  })
  rankingChanged(
    @Args('region') region: string,
    @Context() ctx: GqlContext,
    @Args('period', { type: () => String, nullable: true, description: 'A month (2026-11), quarter (2026-Q4) or year (2026).' }) period?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
  ) {
    requireSignedIn(ctx);
    const input = { scope: 'COMMUNITY', region, period: period ?? currentMonth(), first: Math.min(Math.max(first ?? DEFAULT_RANKING_SIZE, 1), MAX_RANKING_SIZE) };
    let last = '';
    const read = async () => {
      const page = connection(await ctx.call<Page<RankingEntryView>>(TasksRpc.rankings, input));
      const seen = JSON.stringify(page);
      if (seen === last) return null;
      last = seen;
      return page;
    };
    return requireLive(ctx).follow<Connection<RankingEntryView>>({
      topics: [{ ...POINTS, county: countyOf(region) }],
      initial: read,
      onEvent: read,
      recheck: read,
      minIntervalMs: RANKING_PUSH_INTERVAL_MS,
      coalesce: true,
    });
  }
}

/** This month in China Standard Time (UTC+8), as rankings name it: 2026-11. */
function currentMonth(now = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** Great-circle distance in metres. */
function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
