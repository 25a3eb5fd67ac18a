import { actorCan, forbidden, pathNotFound, regionContains, type Actor } from '@gov/kernel';
import {
  CHANNEL_LABELS_ZH,
  CHANNELS,
  type CountByKey,
  type DepartmentRankView,
  type OverdueItemView,
  type OverdueListInput,
  type PetitionStatsInput,
  type PetitionStatsView,
} from '@gov/petitions-contracts';
import { StatsRepository, type StatsKeyed } from '@gov/petitions-data-access';
import { STAFF_ROLES, countyOfRegion } from '@gov/petitions-domain';
import { requireActor } from '@gov/platform-auth';
import { Injectable } from '@nestjs/common';

const DAY_MS = 86_400_000;
/** Rates are shares (0–1) to 0.01 percentage points; days and ratings to two decimals. */
const RATE_DECIMALS = 4;
const MEAN_DECIMALS = 2;

const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
/** `part / whole`, or null when there is nothing to divide by (no closed petition has no on-time rate). */
const share = (part: number, whole: number): number | null => (whole > 0 ? round(part / whole, RATE_DECIMALS) : null);
const mean = (sum: number, n: number): number | null => (n > 0 ? round(sum / n, MEAN_DECIMALS) : null);
/** Highest first, nulls last. */
const desc = (a: number | null, b: number | null) => (b ?? -1) - (a ?? -1);

/**
 * Live statistics of a region subtree (统计): intake, closure, response, resolution, satisfaction,
 * overdue and escalated petitions, whistles and a department ranking over a period, and the list
 * of overdue petitions. Staff of the region or above it may read them; a region of another
 * county answers NOT_FOUND, as one that does not exist.
 */
@Injectable()
export class StatsService {
  constructor(private readonly stats: StatsRepository) {}

  async get(actor: Actor | null, input: PetitionStatsInput): Promise<PetitionStatsView> {
    authorise(requireActor(actor), input.region);
    const from = new Date(input.from);
    const to = new Date(input.to);
    const r = await this.stats.stats(input.region, from, to, new Date());
    const t = r.total;
    const channels = new Map(r.channels.map((c) => [c.key, c.intake]));
    const majors = new Map(r.majors.map((m) => [m.key, m]));
    const labels = new Map(r.majorLabels.map((m) => [m.key, m.labelZh]));
    // Every major of the taxonomy, and any counted major it no longer lists.
    const majorKeys = [...new Set([...labels.keys(), ...majors.keys()])];
    return {
      region: input.region,
      from: from.toISOString(),
      to: to.toISOString(),
      intake: t.intake,
      byChannel: byCount(CHANNELS.map((c) => ({ key: c, labelZh: CHANNEL_LABELS_ZH[c], count: channels.get(c) ?? 0 }))),
      byCategory: byCount(majorKeys.map((k) => ({ key: k, labelZh: labels.get(k) ?? majors.get(k)?.label ?? k, count: majors.get(k)?.intake ?? 0 }))),
      closed: t.closed,
      onTimeClosureRate: share(t.closedOnTime, t.closed),
      averageHandlingDays: mean(t.handlingDays, t.closed),
      // Submissions younger than the response window and not screened yet are not due a response.
      responseRate: share(t.responded, t.intake - r.awaitingResponse),
      resolutionRate: share(t.resolved, t.valid),
      satisfactionRate: share(t.satisfied, t.rated),
      averageRating: mean(t.ratingSum, t.rated),
      overdueOpen: r.overdueOpen,
      escalated: t.escalated,
      whistles: r.whistles,
      whistlesLate: r.whistlesLate,
      departments: ranking(r.departments),
    };
  }

  async overdue(actor: Actor | null, input: OverdueListInput): Promise<OverdueItemView[]> {
    authorise(requireActor(actor), input.region);
    const now = new Date();
    const rows = await this.stats.overdue(input.region, now, input.first);
    return rows.map((p) => ({
      id: p.id,
      trackingCode: p.trackingCode,
      categoryNameZh: p.categoryNameZh,
      title: p.title,
      region: p.region,
      level: p.level,
      deadline: p.deadline.toISOString(),
      overdueDays: Math.ceil((now.getTime() - p.deadline.getTime()) / DAY_MS),
    }));
  }
}

/**
 * Staff (any staff role) of the region or an ancestor read its statistics. Anyone else with a
 * role in the same county, or below the region, is refused; a region of another county answers
 * as one that does not exist, without naming it.
 */
function authorise(a: Actor, region: string): void {
  if (actorCan(a, STAFF_ROLES, region)) return;
  const county = countyOfRegion(region);
  if (a.grants.some((g) => countyOfRegion(g.region) === county || regionContains(region, g.region))) throw forbidden('only staff of this region or above it read its statistics');
  throw pathNotFound('region');
}

/** Largest count first; ties keep their order (channels as the contract lists them, majors by key). */
function byCount(items: CountByKey[]): CountByKey[] {
  return items.map((c, i) => ({ c, i })).sort((a, b) => b.c.count - a.c.count || a.i - b.i).map(({ c }) => c);
}

/** Departments with something in the period, best on-time rate first, then satisfaction, then most closed. */
function ranking(departments: StatsKeyed[]): DepartmentRankView[] {
  return departments
    .filter((d) => d.intake > 0 || d.closed > 0 || d.rated > 0)
    .map((d) => ({
      departmentId: d.key,
      departmentName: d.label ?? '',
      assigned: d.intake,
      closed: d.closed,
      onTimeRate: share(d.closedOnTime, d.closed),
      satisfactionRate: share(d.satisfied, d.rated),
      averageHandlingDays: mean(d.handlingDays, d.closed),
    }))
    .sort((a, b) => desc(a.onTimeRate, b.onTimeRate) || desc(a.satisfactionRate, b.satisfactionRate) || b.closed - a.closed || a.departmentName.localeCompare(b.departmentName, 'zh'));
}
