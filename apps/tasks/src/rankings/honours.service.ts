import { AppError, forbidden, pathNotFound, type Actor } from '@gov/kernel';
import {
  DEFAULT_STARS_PER_COMMUNITY,
  DEFAULT_TIER_LINES,
  EXCELLENT_STEWARDS_PER_COUNTY,
  type ConfigureHonoursInput,
  type ExcellentStewardsInput,
  type ExcellentStewardsView,
  type ExcludedStarView,
  type HonourConfigView,
  type StewardStarsInput,
  type StewardStarsView,
  type UnitTierEntryView,
  type UnitTiersInput,
  type UnitTiersView,
} from '@gov/tasks-contracts';
import { RankingsRepository, type HonourConfigRow, type QuarterUnitRow } from '@gov/tasks-data-access';
import {
  competitionRanks,
  endedQuarters,
  honourCountyOf,
  mayConfigureHonours,
  medalOf,
  monthsOf,
  taskVisibleTo,
  tierOf,
  type TierLines,
} from '@gov/tasks-domain';
import { requireActor } from '@gov/platform-auth';
import { TransactionRunner } from '@gov/platform-service';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { RankingsService, offsetPage, unitScope } from './rankings.service.js';

/**
 * Honours (docs/honours.md): the monthly steward stars (红管家之星) of a community, the yearly
 * excellent stewards (优秀红管家) of a county with their medals, the quarterly unit tiers
 * (优秀、良好、合格、不合格) and the county's settings for them.
 */
@Injectable()
export class HonoursService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rankings: RankingsRepository,
    private readonly ranking: RankingsService,
  ) {}

  /** The top N of the community for the month (N of the county's settings), and everyone tied with the N-th. */
  async stars(actor: Actor | null, input: z.output<typeof StewardStarsInput>): Promise<StewardStarsView> {
    const a = requireActor(actor);
    await this.ranking.visibleCommunity(a, input.community);
    const n = (await this.config(honourCountyOf(input.community)!)).starsPerCommunity;
    const rows = await this.rankings.stars(input.month, input.community, n);
    const ranks = competitionRanks(rows.map((r) => r.points));
    return {
      community: input.community,
      month: input.month,
      starsPerCommunity: n,
      stars: rows.map((r, i) => ({ rank: ranks[i], stewardId: r.stewardId, number: r.number, points: r.points, period: input.month })),
    };
  }

  /**
   * The county's excellent stewards of the year: its stars of any month of the year, less those
   * whose unit was under the pass line in a quarter of the year that has ended, by points earned
   * in the year; the first EXCELLENT_STEWARDS_PER_COUNTY places (ties at the cut included), with
   * medals for the top places.
   */
  async excellent(actor: Actor | null, input: z.output<typeof ExcellentStewardsInput>, now = new Date()): Promise<ExcellentStewardsView> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, input.county)) throw pathNotFound('county');
    const quartersChecked = endedQuarters(input.year, now);
    const n = (await this.config(input.county)).starsPerCommunity;
    const starMonths = new Map<string, string[]>();
    for (const s of await this.rankings.countyStars(input.county, monthsOf(input.year), n)) starMonths.set(s.stewardId, [...(starMonths.get(s.stewardId) ?? []), s.month]);
    const ids = [...starMonths.keys()];
    if (!ids.length) return { county: input.county, year: input.year, quartersChecked, items: [], excluded: [] };

    const [candidates, quarterUnits] = await Promise.all([
      this.rankings.candidates(ids, input.year),
      quartersChecked.length ? this.rankings.quarterUnits(ids, quartersChecked) : Promise.resolve([] as QuarterUnitRow[]),
    ]);
    // A unit's lines are its county's; a unit not known yet is judged by the county asked about.
    const countyOfUnit = (q: QuarterUnitRow) => (q.region === null ? input.county : honourCountyOf(q.region));
    const lines = await this.lines(quarterUnits.map(countyOfUnit));
    const failed = new Map<string, QuarterUnitRow>();
    for (const q of quarterUnits) {
      if (!failed.has(q.stewardId) && tierOf(q.score, lines(countyOfUnit(q))) === 'fail') failed.set(q.stewardId, q);
    }
    const numbers = new Map(candidates.map((c) => [c.stewardId, c.number]));
    const excluded: ExcludedStarView[] = [...failed.values()]
      .map((q) => ({ stewardId: q.stewardId, number: numbers.get(q.stewardId) ?? '', unitId: q.unitId, quarter: q.quarter }))
      .sort((x, y) => x.number.localeCompare(y.number));

    const eligible = candidates
      .filter((c) => !failed.has(c.stewardId) && c.points > 0)
      .sort((x, y) => y.points - x.points || x.stewardId.localeCompare(y.stewardId));
    const ranks = competitionRanks(eligible.map((c) => c.points));
    const items = eligible
      .map((c, i) => ({
        rank: ranks[i],
        stewardId: c.stewardId,
        number: c.number,
        points: c.points,
        period: input.year,
        medal: medalOf(ranks[i]),
        starMonths: [...new Set(starMonths.get(c.stewardId))].sort(),
      }))
      .filter((e) => e.rank <= EXCELLENT_STEWARDS_PER_COUNTY);
    return { county: input.county, year: input.year, quartersChecked, items, excluded };
  }

  /** Each unit of the region the caller may see with its score and tier in the quarter, and those under the pass line. */
  async unitTiers(actor: Actor | null, input: z.output<typeof UnitTiersInput>): Promise<UnitTiersView> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, input.region)) throw pathNotFound('region');
    const rows = await this.rankings.unitScores(unitScope(a, input.region), input.quarter);
    const regionCounty = honourCountyOf(input.region);
    const lines = await this.lines([regionCounty, ...rows.map((r) => honourCountyOf(r.region))]);
    const entries: UnitTierEntryView[] = rows.map((r) => ({ ...r, period: input.quarter, tier: tierOf(r.score, lines(honourCountyOf(r.region))) }));
    const counts = { excellent: 0, good: 0, pass: 0, fail: 0 };
    for (const e of entries) counts[e.tier]++;
    const underPass = entries.filter((e) => e.tier === 'fail').sort((x, y) => x.score - y.score || x.name.localeCompare(y.name) || x.unitId.localeCompare(y.unitId));
    return {
      region: input.region,
      quarter: input.quarter,
      lines: regionCounty ? lines(regionCounty) : null,
      counts,
      units: offsetPage(entries, input.first, input.after),
      underPass,
    };
  }

  /** County and city admins set stars per community and the tier lines; what they leave out stays. */
  async configure(actor: Actor | null, input: z.output<typeof ConfigureHonoursInput>): Promise<HonourConfigView> {
    const a = requireActor(actor);
    if (!taskVisibleTo(a, input.county)) throw pathNotFound('county');
    if (!mayConfigureHonours(a, input.county)) throw forbidden("only the county's or the city's admin sets its honours");
    return this.tx.run(async (em) => {
      const current = await this.rankings.lockConfig(em, input.county);
      const next = {
        county: input.county,
        starsPerCommunity: input.starsPerCommunity ?? current.starsPerCommunity,
        tierExcellent: input.tierExcellent ?? current.tierExcellent,
        tierGood: input.tierGood ?? current.tierGood,
        tierPass: input.tierPass ?? current.tierPass,
      };
      const fields = lineProblems(input, next);
      // Thrown inside the transaction: the row locked (or created) above is rolled back with it.
      if (fields.length) throw new AppError('VALIDATION', `invalid input: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, undefined, fields);
      return configView(await this.rankings.saveConfig(em, next));
    });
  }

  /** The county's settings, the defaults where it has set none. */
  async config(county: string): Promise<HonourConfigView> {
    const [row] = await this.rankings.configs([county]);
    return row ? configView(row) : defaultConfig(county);
  }

  /** Tier lines by county (null: above the counties, or a county without settings → the defaults). */
  private async lines(counties: readonly (string | null)[]): Promise<(county: string | null) => TierLines> {
    const wanted = [...new Set(counties.filter((c): c is string => c !== null))];
    const rows = wanted.length ? await this.rankings.configs(wanted) : [];
    const byCounty = new Map(rows.map((r) => [r.county, { excellent: r.tierExcellent, good: r.tierGood, pass: r.tierPass }]));
    return (county) => (county !== null && byCounty.get(county)) || { ...DEFAULT_TIER_LINES };
  }
}

/** Excellent ≥ good ≥ pass, blaming the line the caller gave (the lower one when they gave both). */
function lineProblems(input: z.output<typeof ConfigureHonoursInput>, next: { tierExcellent: number; tierGood: number; tierPass: number }): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const pairs = [
    ['tierExcellent', 'tierGood'],
    ['tierGood', 'tierPass'],
  ] as const;
  for (const [hi, lo] of pairs) {
    if (next[hi] >= next[lo]) continue;
    if (input[lo] !== null && input[lo] !== undefined) out.push({ path: lo, message: `must not be above ${hi} (${next[hi]})` });
    else out.push({ path: hi, message: `must not be below ${lo} (${next[lo]})` });
  }
  return out;
}

function configView(r: HonourConfigRow): HonourConfigView {
  return {
    county: r.county,
    starsPerCommunity: Number(r.starsPerCommunity),
    tierExcellent: Number(r.tierExcellent),
    tierGood: Number(r.tierGood),
    tierPass: Number(r.tierPass),
    updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null,
  };
}

function defaultConfig(county: string): HonourConfigView {
  return {
    county,
    starsPerCommunity: DEFAULT_STARS_PER_COMMUNITY,
    tierExcellent: DEFAULT_TIER_LINES.excellent,
    tierGood: DEFAULT_TIER_LINES.good,
    tierPass: DEFAULT_TIER_LINES.pass,
    updatedAt: null,
  };
}
