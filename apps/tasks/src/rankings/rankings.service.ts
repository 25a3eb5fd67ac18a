import { AppError, notFound, pathNotFound, regionContains, type Actor, type Page } from '@gov/kernel';
import type { MyRankInput, MyRankView, RankingEntryView, RankingsInput, UnitRankingEntryView, UnitRankingsInput } from '@gov/tasks-contracts';
import { RankingsRepository, type RankingScopeRef, type UnitScope } from '@gov/tasks-data-access';
import { competitionRanks, taskVisibleTo } from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { DirectoryService } from '../directory/directory.service.js';

/**
 * Live rankings (排行榜) from points_period, the ledger's sums per steward and period: within a
 * community, among stewards of the same number class (同号段) in a county or community, among
 * colleagues of a unit; and units by score (points per member). A caller sees the rankings of
 * regions they work on, above or below; another county's community or unit is NOT_FOUND like an
 * unknown one.
 */
@Injectable()
export class RankingsService {
  constructor(
    private readonly rankings: RankingsRepository,
    private readonly directory: DirectoryService,
  ) {}

  async list(actor: Actor | null, input: z.output<typeof RankingsInput>): Promise<Page<RankingEntryView>> {
    const a = requireActor(actor);
    const scope = await this.visibleScope(a, input);
    const { rows, above, tiedBefore } = await this.rankings.page(scope, input.period, decodeRankCursor(input.after), input.first + 1);
    const page = rows.slice(0, input.first);
    const ranks = competitionRanks(
      page.map((r) => r.points),
      above + 1,
      above + tiedBefore,
    );
    return {
      items: page.map((r, i) => ({ rank: ranks[i], stewardId: r.stewardId, number: r.number, points: r.points, period: input.period })),
      endCursor: page.length ? encodeRankCursor(page.at(-1)!) : null,
      hasNextPage: rows.length > input.first,
    };
  }

  /** The calling steward's place in their community, class (in their county or community) or unit. */
  async mine(actor: Actor | null, input: z.output<typeof MyRankInput>): Promise<MyRankView> {
    const a = requireActor(actor);
    // A region nobody may see answers as one that does not exist, steward or not.
    if (input.region && !taskVisibleTo(a, input.region)) throw pathNotFound('region');
    const steward = await this.directory.stewardOf(a);
    // Where the steward is ranked: their last posting's community, class and unit in the period.
    const row = await this.rankings.standing(input.period, steward.id);
    const community = row?.community ?? steward.community;
    const cls = row?.class ?? steward.class;
    const unitId = row?.unitId ?? steward.unitId;
        let scope: RankingScopeRef;
    let where: Pick<MyRankView, 'region' | 'class' | 'unitId'>;
    if (input.scope === 'COMMUNITY') {
      scope = { key: 'community', community };
      where = { region: community, class: null, unitId: null };
    } else if (input.scope === 'CLASS') {
      const area = input.region ?? community.split('/').slice(0, 2).join('/');
      const depth = area.split('/').length;
      if (![2, 4].includes(depth) || !regionContains(area, community)) throw invalid('region', 'must be your county or your community');
      scope = depth === 4 ? { key: 'classInCommunity', community, class: cls } : { key: 'classInCounty', county: area, class: cls };
      where = { region: area, class: cls, unitId: null };
    } else {
      scope = { key: 'unit', unitId };
      where = { region: null, class: null, unitId };
    }
    const points = row?.points ?? 0;
    const rank = points > 0 ? (await this.rankings.above(scope, input.period, points)) + 1 : null;
    return { scope: input.scope, period: input.period, stewardId: steward.id, number: steward.number, ...where, points, rank };
  }

  /** Units of `region` the caller may see, by score: total points of their stewards over their members. */
  async units(actor: Actor | null, input: z.output<typeof UnitRankingsInput>): Promise<Page<UnitRankingEntryView>> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, input.region)) throw pathNotFound('region');
    const rows = await this.rankings.unitScores(unitScope(a, input.region), input.period);
    return offsetPage(
      rows.map((r) => ({ ...r, period: input.period })),
      input.first,
      input.after,
    );
  }

  /** A community the caller may see and a steward belongs to; NOT_FOUND otherwise, the same for both. */
  async visibleCommunity(a: Actor, community: string): Promise<void> {
    if (!taskVisibleTo(a, community) || !(await this.rankings.communityKnown(community))) throw pathNotFound('community');
  }

  private async visibleScope(a: Actor, input: z.output<typeof RankingsInput>): Promise<RankingScopeRef> {
    // The input schema has checked that each scope has what it needs. A unit given to another
    // scope is still checked: another county's unit is not found, whatever the scope.
    if (input.unitId && input.scope !== 'UNIT') {
      const unit = await this.rankings.unitById(input.unitId);
      if (!unit || !taskVisibleTo(a, unit.region)) throw notFound('unit', input.unitId);
    }
    if (input.scope === 'UNIT') {
      const unit = await this.rankings.unitById(input.unitId!);
      if (!unit || !taskVisibleTo(a, unit.region)) throw notFound('unit', input.unitId!);
      return { key: 'unit', unitId: unit.id };
    }
    const region = input.region!;
    if (input.scope === 'COMMUNITY') {
      await this.visibleCommunity(a, region);
      return { key: 'community', community: region };
    }
    if (region.split('/').length === 4) {
      await this.visibleCommunity(a, region);
      return { key: 'classInCommunity', community: region, class: input.class! };
    }
    if (!taskVisibleTo(a, region)) throw pathNotFound('region');
    return { key: 'classInCounty', county: region, class: input.class! };
  }
}

/**
 * The units of `path`'s subtree the caller may see (a unit is visible to anyone working on, above
 * or below its region): all of them when a grant lies on `path` or above; else those below the
 * grants inside the subtree and those on the nodes between `path` and each grant.
 */
export function unitScope(actor: Actor, path: string): UnitScope {
  if (actor.grants.some((g) => regionContains(g.region, path))) return { exact: [path], below: [path] };
  const inside = [...new Set(actor.grants.map((g) => g.region).filter((r) => regionContains(path, r)))];
  const exact = new Set<string>();
  for (const r of inside) {
    const segments = r.split('/');
    for (let n = path.split('/').length; n <= segments.length; n++) exact.add(segments.slice(0, n).join('/'));
  }
  return { exact: [...exact], below: inside };
}

/** A page of a list computed whole (units of a region: hundreds), the cursor being the offset. */
export function offsetPage<T>(all: T[], first: number, after: string | undefined): Page<T> {
  const offset = decodeOffsetCursor(after);
  const items = all.slice(offset, offset + first);
  return { items, endCursor: items.length ? encodeOffsetCursor(offset + items.length) : null, hasNextPage: all.length > offset + first };
}

export function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', `${path}: ${message}`, undefined, [{ path, message }]);
}

const badCursor = () => invalid('after', 'not a cursor this list gave out');

function encodeRankCursor(r: { points: number; stewardId: string }): string {
  return Buffer.from(`r:${r.points}:${r.stewardId}`).toString('base64url');
}

function decodeRankCursor(cursor: string | undefined): { points: number; stewardId: string } | null {
  if (!cursor) return null;
  const m = /^r:(-?\d{1,10}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || Math.abs(Number(m[1])) > 2_147_483_647) throw badCursor();
  return { points: Number(m[1]), stewardId: m[2] };
}

function encodeOffsetCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeOffsetCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badCursor();
  return Number(m[1]);
}
