/**
 * The demo's petition history, planned without touching a database: four months of petitions in
 * every grid, through every channel, each with the steps the service would have taken —
 * screening, assignment, acceptance, the clocks' escalations and supervision, whistles, results,
 * ratings, reopenings, merges — at the times they would have happened. Everything after `now` is
 * cut off, so what is still under way is exactly what a petition of that age would be doing, and
 * no clock finds anything left to do. demo.ts writes the plan through the service's own code.
 */
import type { Actor } from '@gov/kernel';
import {
  MIN_SATISFIED_RATING,
  WHISTLE_ACK_HOURS,
  type Channel,
  type ContactInput,
  type Level,
  type PetitionState,
  type SixPrevention,
  type WhistleUrgency,
} from '@gov/petitions-contracts';
import type { CategoryRecord, DepartmentRecord, PetitionPatch, StewardRefRecord } from '@gov/petitions-data-access';
import { LEVEL_CLOCK_HOURS, RATING_WINDOW_DAYS, SUPERVISION_REPEAT_HOURS, categoryDeadline, communityOfRegion, findMinor, levelRegion, nextLevel } from '@gov/petitions-domain';
import { randomUUID } from 'node:crypto';
import { DEMO_SEED_ACCOUNT_ID, type DemoBuilding, type DemoGrid } from './demo-territory.js';
import { PETITION_TEXTS, SATISFIED_COMMENTS, STAFF_NOTES, UNSATISFIED_COMMENTS, type CategoryTexts, type PetitionSample } from './texts.js';

/** How far back the history reaches, and how many petitions a grid receives a day on average. */
export const DEMO_HISTORY_DAYS = 120;
const PETITIONS_PER_GRID_PER_DAY = 1;
/** The generator's seed: every `npm start` shows the same history (relative to its day). */
const SEED = 20260412;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Jingmen keeps China Standard Time (UTC+8): residents write by day, staff work office hours. */
const CHINA_UTC_OFFSET = 8 * HOUR;
const OFFICE_OPENS_HOUR = 8;
const OFFICE_CLOSES_HOUR = 20;
/** Categories with a time limit this short are urgent: handled at once, day or night. */
const URGENT_LIMIT_DAYS = 1;
/** The clocks sweep every minute: a breach is acted on within this. */
const SWEEP_DELAY = MINUTE;

/** When residents write, by hour of the local day (relative weights). */
const HOURLY_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.5, 1.5, 3, 5, 6, 6, 5, 4, 4, 5, 5, 5, 5, 4, 5, 5, 4, 3, 2];
/** Sunday … Saturday: Mondays bring the weekend's worries, weekends are quieter. */
const WEEKDAY_FACTORS = [0.8, 1.25, 1, 1, 1, 1, 0.85];
/** A summer rainstorm (days ago): waterlogging and unsafe houses everywhere. */
const STORM_DAYS_AGO = [47, 46];
const STORM_FACTOR = 1.8;
const STORM_SHARE = 0.35;
const STORM_CATEGORIES = ['municipal.waterlogging', 'housing.dangerous_building', 'rural.water_works'];

/** Channels by share of intake: the building QR code most. */
const CHANNEL_WEIGHTS: [Channel, number][] = [
  ['qr', 36],
  ['photo', 17],
  ['hotline', 14],
  ['steward_app', 10],
  ['door_knock', 9],
  ['sentinel', 8],
  ['mailbox', 6],
];
/** Major categories by share, in an urban community and in a village. */
const MAJOR_WEIGHTS: Record<string, { urban: number; village: number }> = {
  property: { urban: 14, village: 0 },
  sanitation: { urban: 12, village: 6 },
  municipal: { urban: 10, village: 2 },
  dispute: { urban: 10, village: 10 },
  urban: { urban: 7, village: 1 },
  safety: { urban: 8, village: 6 },
  environment: { urban: 5, village: 5 },
  traffic: { urban: 5, village: 4 },
  utilities: { urban: 5, village: 6 },
  civil_affairs: { urban: 4, village: 8 },
  community: { urban: 4, village: 7 },
  health: { urban: 3, village: 4 },
  market: { urban: 3, village: 2 },
  social_security: { urban: 2, village: 4 },
  employment: { urban: 2, village: 3 },
  education: { urban: 2, village: 3 },
  housing: { urban: 2, village: 2 },
  other: { urban: 2, village: 2 },
  rural: { urban: 0, village: 14 },
};
/** What a sentinel reports, by prevention (六防). */
const SIX_PREVENTION_WEIGHTS: [SixPrevention, number][] = [
  ['fire', 40],
  ['disaster', 15],
  ['disorder', 15],
  ['hardship', 15],
  ['epidemic', 10],
  ['fraud', 5],
];

/**
 * The grids of the demo's grid workers who have a login (identity's demo seed, COMMUNITY_LOGINS:
 * xiangshan-grid on 象山社区's third grid): each gets a queue of its own to work today.
 */
export const DEMO_GRID_WORKER_GRIDS: readonly string[] = ['jingmen/dongbao/longquan/xiangshan/g03'];
/** A grid worker's queue: the overdue case (the first that fits the grid), one due soon, one new. */
const QUEUE_OVERDUE_KEYS = ['property.corridor_clutter', 'safety.ebike_charging'];
const QUEUE_DUE_SOON_KEY = 'dispute.pets';
const QUEUE_NEW_KEY = 'dispute.space_occupation';
/** Hours before its limit the one due soon has left, and how long ago the new one came in. */
const QUEUE_DUE_IN_HOURS = 6;
const QUEUE_NEW_HOURS_AGO = 2;

/** How long each step takes, in hours [shortest, longest]: staff work in office hours unless a case is urgent. */
const HOURS = {
  screening: [1 / 6, 3],
  urgentScreening: [1 / 12, 1 / 2],
  /** Screened after the response window (a weekend's backlog): hours past it. */
  lateScreening: [1, 16],
  /** A department's petition waits for the county's dispatch; a local one is assigned by the screener at once. */
  dispatch: [1 / 2, 8],
  assignment: [1 / 30, 5 / 12],
  acceptance: [1 / 3, 5],
  urgentAcceptance: [0.1, 1],
  start: [0.3, 6],
  /** At the level the clock passed it to. */
  afterEscalation: [8, 60],
  /** A handler passes a petition up, or the street passes a hard case to a department, after working on it this long. */
  passUp: [2, 20],
  hardPassUp: [10, 40],
  /** A hard case's department finishes this long after its own clock ran out. */
  hardOverrun: [6, 70],
  /** Where no department can take it over, the level finishes it after all. */
  noDepartment: [4, 48],
  rating: [0.5, 30],
  lateRating: [0.5, 10],
  whistleAfterStart: [1, 6],
  whistleLateBy: [1, 18],
  mergeScreening: [1 / 6, 4],
} as const satisfies Record<string, readonly [number, number]>;
/** A result's share of the time left to the limit: at least `least`, up to `least + spread`, skewed towards quick ones. */
const HANDLING_SHARE = { least: 0.35, spread: 0.6, skew: 1.3 };
/** Share of the level's clock a petition handled there may take, and a late one at most. */
const CLOCK_SHARE = 0.85;
const LATE_CLOCK_SHARE = 0.95;
/** A late result: this many times the time left to the limit. */
const LATE_FACTOR: readonly [number, number] = [1.1, 1.6];
/** Acceptance and start take at most these shares of the handling time. */
const ACCEPT_SHARE = 0.25;
const START_SHARE = 0.3;
/** Residents rate within this share of the time left to the limit, where there is time left. */
const RATING_SHARE_OF_ROOM = 0.85;
/** A department answering a whistle in time does so within this share of its window. */
const WHISTLE_ACK_FRACTION: readonly [number, number] = [0.15, 0.85];
/** Priorities: urgent 3, suggestions 1, otherwise 2 — and this share of the rest found pressing (3). */
const PRESSING_SHARE = 0.1;
/** Of merged reports, those whose reporter lets the shared result close unrated. */
const MERGED_UNRATED_SHARE = 0.3;
/** Residents with a two-character given name (the rest have one). */
const TWO_CHARACTER_NAME_SHARE = 0.7;

/** Of petitions that are not urgent, those screened only after the response window (24 h) has passed. */
const SLOW_SCREENING_SHARE = 0.006;
const RESPONSE_WINDOW_HOURS = 24;
/** Screening outcomes other than valid, by share. */
const INVALID_SHARE = 0.02;
const NOT_RESPONSIBLE_SHARE = 0.015;
const REFERRED_SHARE = 0.015;
/** Paths of a valid petition other than being handled where it was assigned, by share. */
const HARD_SHARE = 0.004;
const ESCALATED_SHARE = 0.02;
const PASSED_UP_SHARE = 0.02;
const LATE_SHARE = 0.01;
/** Of petitions handled in a grid or community, those the community blows the whistle for, and how departments answer. */
const WHISTLE_SHARE = 0.05;
const WHISTLE_LATE_SHARE = 0.15;
const URGENT_WHISTLE_SHARE = 0.1;
/** The quickest a result comes, and the share of the time left that handling may take (the rest is the resident's to rate). */
const MIN_HANDLING_HOURS = 2;
const RESOLVE_SHARE_OF_LIMIT = 0.9;
/** A whistle is blown at least this long before the petition's handling at the level ends. */
const WHISTLE_MARGIN = 2 * HOUR;
/** Of valid petitions at a building, those others report too (merged into a cluster), and how many others. */
const CLUSTER_SHARE = 0.045;
const MAX_CLUSTER_MEMBERS = 3;
/** Others report within this long of the first, and at least a margin before its result (merged before it is resolved). */
const CLUSTER_WINDOW = 3 * DAY;
const CLUSTER_MARGIN = 4 * HOUR;
/** Of resolved petitions, those nobody rates (closed by the clock): more where the limit leaves room. */
const UNRATED_SHARE_ROOMY = 0.25;
const ROOMY_MARGIN_DAYS = 3;
const UNRATED_SHARE = 0.01;
const UNSATISFIED_SHARE = 0.03;
/** Of unrated results whose automatic closing falls past the limit, those left unrated all the same. */
const UNRATED_PAST_LIMIT_SHARE = 0.3;
/** Satisfied ratings: 5 stars, else 4, else 3; and how often residents write a comment. */
const FIVE_STAR_SHARE = 0.64;
const FOUR_STAR_SHARE = 0.3;
const COMMENT_SHARE = 0.45;
/** Contacts: how often a resident stays anonymous where the category allows it, by channel. */
const ANONYMOUS_SHARE: Partial<Record<Channel, number>> = { qr: 0.35, photo: 0.45, hotline: 0.1, mailbox: 0.5 };
const PHOTO_WITH_BUILDING_SHARE = 0.5;
const SENTINEL_AT_BUILDING_SHARE = 0.5;
/** A photo's point: within this many degrees (about 30 m) of the building it shows. */
const PHOTO_JITTER_DEG = 0.0003;

/** The department a community summons, or a handler passes a petition up to, when the category names none. */
const FALLBACK_DEPARTMENT: Record<string, string> = {
  property: '住房和城乡建设局',
  housing: '住房和城乡建设局',
  sanitation: '城市管理执法局',
  urban: '城市管理执法局',
  municipal: '住房和城乡建设局',
  dispute: '司法局',
  safety: '应急管理局',
  civil_affairs: '民政局',
  community: '民政局',
  health: '卫生健康局',
  employment: '人力资源和社会保障局',
  environment: '生态环境分局',
  traffic: '公安分局',
  rural: '农业农村局',
  other: '政务服务和大数据管理局',
};

/** Notes of screening outcomes that end a petition (甄别). */
const OUTCOME_NOTES: Record<'invalid' | 'not_responsible' | 'referred', string[]> = {
  invalid: ['经网格员现场核实，反映的情况不存在，已电话告知诉求人。', '提交内容为测试信息，无具体诉求，不予受理。', '诉求地点不在本辖区，且无法联系诉求人核实，不予受理。'],
  not_responsible: ['反映事项不属于本平台受理范围，已向诉求人解释并告知办理途径。', '该事项已进入司法程序，不属本平台受理范围，已告知诉求人。'],
  referred: ['该事项有专门受理渠道，已转交相关单位办理，并告知诉求人查询方式。', '属于企业经营服务范围，已转企业客服处理，社区跟踪回访。'],
};
const WHISTLE_ACK_NOTES = ['已安排执法人员到场，与社区联合处置。', '已报到，明日上午会同物业现场查看。', '收到，已指派专人对接社区。', '已到场核实，制定整改方案。'];
/** A handler passing a petition up to a department (交办). */
const passUpNote = (dept: DepartmentRecord) => `本级协调未果，问题超出本级处置能力，提请${dept.name}依职责办理。`;
const MERGE_NOTE = '与同一楼栋此前反映的诉求为同一事项，合并办理，一并答复。';
/** Of screenings and assignments where a staff note fits, those that carry one. */
const NOTE_SHARE = 0.3;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国平红玉兰桂珍凤霞春梅志刚文斌新宇浩然子涵欣怡俊雪琴';
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '166', '173', '177', '180', '181', '183', '186', '187', '189', '199'];
const MOBILE_SUFFIX_DIGITS = 8;

export interface Doer {
  accountId: string | null;
  label: string;
}
const SYSTEM: Doer = { accountId: null, label: 'system' };
const RESIDENT: Doer = { accountId: null, label: 'resident' };
/** Staff steps of the demo are recorded under the seed's own account, labelled like the demo logins. */
const staff = (label: string): Doer => ({ accountId: DEMO_SEED_ACCOUNT_ID, label });
const lastSegment = (path: string) => path.split('/').at(-1)!;

export interface PlannedStep {
  at: Date;
  action: string;
  from: PetitionState;
  to: PetitionState;
  by: Doer;
  level: Level | null;
  note: string | null;
}

export interface PlannedWhistle {
  id: string;
  departmentId: string;
  urgency: WhistleUrgency;
  reason: string;
  blownAt: Date;
  ackDeadline: Date;
  acknowledgedAt: Date | null;
  ackNote: string | null;
  overdueReported: boolean;
}

export interface Placement {
  region: string;
  buildingId: string | null;
  buildingName: string | null;
  compound: string | null;
  lat: number | null;
  lng: number | null;
}

export interface PlannedPetition {
  id: string;
  channel: Channel;
  category: CategoryRecord;
  title: string;
  description: string;
  placement: Placement;
  sixPrevention: SixPrevention | null;
  anonymous: boolean;
  contact: ContactInput | null;
  /** Who typed it in (staff channels, stewards), or null for a resident's own QR or photo report. */
  submitter: Actor | null;
  createdAt: Date;
  /** What happened after submission, up to now, in order. */
  steps: PlannedStep[];
  /** The petition's columns after those steps (empty when nothing happened yet). */
  patch: PetitionPatch;
  whistles: PlannedWhistle[];
}

export interface PlanInput {
  grids: readonly DemoGrid[];
  /** Current, unretired versions. */
  categories: readonly CategoryRecord[];
  departments: readonly DepartmentRecord[];
  stewards: readonly StewardRefRecord[];
  now: Date;
}

/** A deterministic generator (mulberry32), so every run plans the same history. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Outcome = 'valid' | 'invalid' | 'not_responsible' | 'referred';
type Path = 'normal' | 'late' | 'escalated' | 'passed_up' | 'hard';
type WhistleAnswer = 'on_time' | 'late' | 'never';

/** How one petition goes: drawn at random for the history, set by hand for the showcase. */
interface Knobs {
  outcome: Outcome;
  path: Path;
  whistle: { answer: WhistleAnswer; urgency: WhistleUrgency; ackFraction?: number } | null;
  rating: 'satisfied' | 'unsatisfied' | 'none';
  /** Nothing happens after this step yet (the showcase's newest petitions, and those waiting for a grid worker to accept). */
  holdAfter?: 'submitted' | 'screened' | 'assigned';
  /** Staff act at once, whatever the hour (the showcase's times stay as set, day or night). */
  prompt?: boolean;
  /** Hours from reaching the final level to the first result; Infinity: no result yet. */
  handlingHours?: number;
  acceptDelayHours?: number;
  startDelayHours?: number;
  ratingDelayHours?: number;
  /** Hours from a reopening to the second result. */
  rehandlingHours?: number;
}

/** A petition being planned: what it is, where, and who sent it. */
interface Draft {
  id: string;
  channel: Channel;
  category: CategoryRecord;
  texts: CategoryTexts;
  sample: PetitionSample;
  grid: DemoGrid;
  placement: Placement;
  sixPrevention: SixPrevention | null;
  anonymous: boolean;
  contact: ContactInput | null;
  submitter: Actor | null;
  /** Who rates: the signed-in steward who reported it, else the resident with the tracking code. */
  rater: Doer;
  createdAt: number;
}

interface RawStep {
  at: number;
  action: string;
  /** Null: the step keeps whatever state the petition is in at that moment. */
  to: PetitionState | null;
  by: Doer;
  note: string | null;
  patch: PetitionPatch;
  /** The level the timeline records when it is not the petition's own (a merged report resolved with its cluster). */
  stepLevel?: Level | null;
}

/** The first result of a petition: merged reports share it. */
interface Resolution {
  at: number;
  by: Doer;
  level: Level | null;
  result: string;
}

interface Story {
  draft: Draft;
  steps: RawStep[];
  whistles: PlannedWhistle[];
  resolution: Resolution | null;
  /** Set on a cluster's first report when another is merged into it. */
  clusterSince: number | null;
}

/**
 * The whole history: the random months in every grid, then each county's showcase of the cases a
 * demo must show today (a report just in, one awaiting dispatch, an open cluster, an overdue
 * case escalated to a department, whistles open and late, a reopened petition, …).
 */
export function planDemoHistory(input: PlanInput): PlannedPetition[] {
  const planner = new Planner(input);
  return planner.plan();
}

class Planner {
  private readonly rand = prng(SEED);
  private readonly now: number;
  private readonly categories: CategoryRecord[];
  private readonly stewardsByCommunity = new Map<string, StewardRefRecord[]>();
  private readonly stories: Story[] = [];

  constructor(private readonly input: PlanInput) {
    this.now = input.now.getTime();
    this.categories = input.categories.filter((c) => c.key.includes('.') && !c.retired && PETITION_TEXTS[c.key]);
    for (const s of input.stewards) {
      const community = communityOfRegion(s.grid);
      if (community) this.stewardsByCommunity.set(community, [...(this.stewardsByCommunity.get(community) ?? []), s]);
    }
  }

  plan(): PlannedPetition[] {
    const grids = this.input.grids;
    if (grids.length === 0 || this.categories.length === 0) return [];
    for (let daysAgo = DEMO_HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
      const dayStart = localMidnight(this.now - daysAgo * DAY);
      const storm = STORM_DAYS_AGO.includes(daysAgo);
      const factor = WEEKDAY_FACTORS[new Date(dayStart + CHINA_UTC_OFFSET).getUTCDay()]! * (storm ? STORM_FACTOR : 1);
      for (const grid of grids) {
        const count = poisson(PETITIONS_PER_GRID_PER_DAY * factor, this.rand);
        for (let i = 0; i < count; i++) {
          const createdAt = dayStart + this.hourOfDay() * HOUR;
          if (createdAt >= this.now - HOUR) continue;
          const draft = this.draft(grid, createdAt, storm && this.rand() < STORM_SHARE ? STORM_CATEGORIES : null);
          if (draft) this.story(draft, this.knobs(draft));
        }
      }
    }
    for (const county of [...new Set(grids.map((g) => g.county))]) this.showcase(grids.filter((g) => g.county === county));
    for (const grid of grids.filter((g) => DEMO_GRID_WORKER_GRIDS.includes(g.path))) this.gridWorkerQueue(grid);
    return this.stories.sort((a, b) => a.draft.createdAt - b.draft.createdAt).map((s) => this.cut(s));
  }

  // ---- What a petition is ----------------------------------------------------------------------

  private draft(grid: DemoGrid, createdAt: number, onlyKeys: string[] | null, fixed?: { channel?: Channel; categoryKey?: string; building?: DemoBuilding }): Draft | null {
    let channel = fixed?.channel ?? weighted(CHANNEL_WEIGHTS, this.rand);
    const stewards = this.stewardsByCommunity.get(grid.community) ?? [];
    if ((channel === 'sentinel' || channel === 'steward_app') && stewards.length === 0) channel = 'door_knock';
    if ((channel === 'qr' || channel === 'photo') && grid.buildings.length === 0) channel = 'hotline';
    const category = fixed?.categoryKey ? this.categoryByKey(fixed.categoryKey) : this.pickCategory(grid, channel, onlyKeys);
    if (!category) return null;
    const sixPrevention = channel === 'sentinel' ? (findMinor(category.key)?.sixPrevention ?? null) : null;
    if (channel === 'sentinel' && !sixPrevention) channel = 'steward_app';
    const building = fixed?.building ?? (grid.buildings.length ? pick(grid.buildings, this.rand) : null);
    const id = randomUUID();
    const atBuilding = (b: DemoBuilding): Placement => ({ region: grid.path, buildingId: b.id, buildingName: b.name, compound: b.compound, lat: null, lng: null });
    const inGrid: Placement = { region: grid.path, buildingId: null, buildingName: null, compound: null, lat: null, lng: null };
    let placement = inGrid;
    let submitter: Actor | null = null;
    let rater = RESIDENT;
    switch (channel) {
      case 'qr':
        placement = atBuilding(building!);
        break;
      case 'photo': {
        const point = { lat: round6(building!.lat + (this.rand() - 0.5) * PHOTO_JITTER_DEG), lng: round6(building!.lng + (this.rand() - 0.5) * PHOTO_JITTER_DEG) };
        placement = fixed?.building || this.rand() < PHOTO_WITH_BUILDING_SHARE ? { ...atBuilding(building!), ...point } : { ...inGrid, ...point };
        break;
      }
      case 'hotline':
        submitter = staffActor('hotline-12345');
        break;
      case 'door_knock':
        submitter = staffActor(gridWorker(grid).label);
        break;
      case 'mailbox':
        submitter = staffActor(communityAdmin(grid).label);
        break;
      case 'sentinel':
      case 'steward_app': {
        const steward = pick(stewards, this.rand);
        submitter = { accountId: DEMO_SEED_ACCOUNT_ID, personId: steward.personId, username: `steward-${steward.number}`, grants: [] };
        rater = { accountId: DEMO_SEED_ACCOUNT_ID, label: submitter.username };
        // A steward reports where they patrol: at a building of the community, or in their own grid.
        const home = this.input.grids.find((g) => g.path === steward.grid);
        placement = building && (channel === 'steward_app' || this.rand() < SENTINEL_AT_BUILDING_SHARE) ? atBuilding(building) : { ...inGrid, region: home?.path ?? grid.path };
        break;
      }
    }
    const staffTyped = channel === 'hotline' || channel === 'door_knock' || channel === 'mailbox';
    const byResident = channel === 'qr' || channel === 'photo' || staffTyped;
    const anonymous = byResident && category.anonymousAllowed && channel !== 'door_knock' && this.rand() < (ANONYMOUS_SHARE[channel] ?? 0);
    const contact = byResident && !anonymous ? this.contact() : null;
    const texts = PETITION_TEXTS[category.key]!;
    const sample = pick(texts.samples, this.rand);
    return { id, channel, category, texts, sample, grid, placement, sixPrevention, anonymous, contact, submitter, rater, createdAt };
  }

  private pickCategory(grid: DemoGrid, channel: Channel, onlyKeys: string[] | null): CategoryRecord | null {
    const fits = (c: CategoryRecord) => fitsGrid(grid, c);
    if (onlyKeys) {
      const storm = this.categories.filter((c) => onlyKeys.includes(c.key) && fits(c));
      if (storm.length) return pick(storm, this.rand);
    }
    if (channel === 'sentinel') {
      const prevention = weighted(SIX_PREVENTION_WEIGHTS, this.rand);
      const matching = this.categories.filter((c) => fits(c) && findMinor(c.key)?.sixPrevention === prevention);
      const any = this.categories.filter((c) => fits(c) && findMinor(c.key)?.sixPrevention);
      if (matching.length || any.length) return pick(matching.length ? matching : any, this.rand);
    }
    const majors = [...new Set(this.categories.filter(fits).map((c) => c.majorKey))];
    const major = weighted(
      majors.map((m) => [m, (grid.village ? MAJOR_WEIGHTS[m]?.village : MAJOR_WEIGHTS[m]?.urban) ?? 1] as [string, number]),
      this.rand,
    );
    const minors = this.categories.filter((c) => c.majorKey === major && fits(c));
    return minors.length ? pick(minors, this.rand) : null;
  }

  private categoryByKey(key: string): CategoryRecord | null {
    return this.categories.find((c) => c.key === key) ?? null;
  }

  private contact(): ContactInput {
    const given = Array.from({ length: this.rand() < TWO_CHARACTER_NAME_SHARE ? 2 : 1 }, () => pick([...GIVEN], this.rand)).join('');
    const digits = Array.from({ length: MOBILE_SUFFIX_DIGITS }, () => Math.floor(this.rand() * 10)).join('');
    return { name: pick([...SURNAMES], this.rand) + given, phone: pick(MOBILE_PREFIXES, this.rand) + digits };
  }

  private hourOfDay(): number {
    const hour = weighted(HOURLY_WEIGHTS.map((w, h) => [h, w] as [number, number]), this.rand);
    return hour + this.rand();
  }

  /** How a random petition of the history goes. */
  private knobs(d: Draft): Knobs {
    const r = this.rand();
    const outcome: Outcome = r < INVALID_SHARE ? 'invalid' : r < INVALID_SHARE + NOT_RESPONSIBLE_SHARE ? 'not_responsible' : r < INVALID_SHARE + NOT_RESPONSIBLE_SHARE + REFERRED_SHARE ? 'referred' : 'valid';
    const level = d.category.defaultLevel;
    const local = level === 'grid' || level === 'community';
    const p = this.rand();
    let path: Path = 'normal';
    if (local && p < HARD_SHARE) path = 'hard';
    else if (local && p < HARD_SHARE + ESCALATED_SHARE) path = 'escalated';
    else if (level !== 'department' && p < HARD_SHARE + ESCALATED_SHARE + PASSED_UP_SHARE) path = 'passed_up';
    else if (p > 1 - LATE_SHARE) path = 'late';
    const whistle =
      local && path !== 'hard' && this.rand() < WHISTLE_SHARE
        ? {
            answer: (this.rand() < WHISTLE_LATE_SHARE ? 'late' : 'on_time') as WhistleAnswer,
            urgency: (d.category.timeLimitDays <= URGENT_LIMIT_DAYS || this.rand() < URGENT_WHISTLE_SHARE ? 'urgent' : 'normal') as WhistleUrgency,
          }
        : null;
    // A limit with room for the rating window after a result: the clock closes an unrated one in time.
    const roomy = d.category.timeLimitDays * DAY > (RATING_WINDOW_DAYS + ROOMY_MARGIN_DAYS) * DAY;
    const q = this.rand();
    const rating = q < (roomy ? UNRATED_SHARE_ROOMY : UNRATED_SHARE) ? 'none' : this.rand() < UNSATISFIED_SHARE ? 'unsatisfied' : 'satisfied';
    return { outcome, path, whistle, rating };
  }

  // ---- What staff write --------------------------------------------------------------------------

  /** A screening that ends the petition: the staff's own words where they fit the category, else a general reason. */
  private outcomeNote(d: Draft, outcome: Exclude<Outcome, 'valid'>): string {
    if (outcome === 'referred' && d.category.key.startsWith('utilities.water')) return staffNote(/供水/) ?? pick(OUTCOME_NOTES.referred, this.rand);
    if (outcome === 'not_responsible' && d.category.majorKey === 'employment') return staffNote(/劳动/) ?? pick(OUTCOME_NOTES.not_responsible, this.rand);
    return pick(OUTCOME_NOTES[outcome], this.rand);
  }

  /** A valid screening's note (甄别意见), where one fits: an old person at risk, a hazard to a whole building. */
  private screeningNote(d: Draft, priority: number): string | null {
    if (d.category.key === 'civil_affairs.elderly_alone') return staffNote(/老人/);
    if (priority === 3 && d.placement.buildingId && ['property', 'housing', 'utilities', 'safety'].includes(d.category.majorKey) && this.rand() < NOTE_SHARE * 2) return staffNote(/整栋楼/);
    return null;
  }

  /** An assignment's note (交办意见): a grid's own matter, or a dispute to be handled with care. */
  private assignmentNote(d: Draft, level: Level): string | null {
    if (this.rand() >= NOTE_SHARE) return null;
    if (d.category.majorKey === 'dispute') return staffNote(/情绪/);
    return level === 'grid' ? staffNote(/网格内/) : null;
  }

  // ---- What happens to it -----------------------------------------------------------------------

  /** Plans one petition's life (and, for some, the reports merged into it). */
  private story(d: Draft, k: Knobs): Story {
    const s: Story = { draft: d, steps: [], whistles: [], resolution: null, clusterSince: null };
    this.stories.push(s);
    if (k.holdAfter === 'submitted') return s;
    const urgent = d.category.timeLimitDays <= URGENT_LIMIT_DAYS;
    const screener = gridWorker(d.grid);
    // Urgent ones are screened at once; the rest in office hours, a few only after a day's backlog.
    const screenDelay = this.rand() < SLOW_SCREENING_SHARE ? RESPONSE_WINDOW_HOURS * HOUR + this.hours(HOURS.lateScreening) : this.hours(HOURS.screening);
    const screenAt = urgent || k.prompt ? d.createdAt + this.hours(HOURS.urgentScreening) : officeHours(d.createdAt + screenDelay, this.rand);
    const priority = urgent ? 3 : d.category.majorKey === 'other' ? 1 : this.rand() < PRESSING_SHARE ? 3 : 2;
    if (k.outcome !== 'valid') {
      add(s, screenAt, k.outcome, k.outcome, screener, { state: k.outcome, priority, screenedAt: date(screenAt), closedAt: date(screenAt) }, this.outcomeNote(d, k.outcome));
      return s;
    }
    add(s, screenAt, 'screened', 'screened', screener, { state: 'screened', priority, screenedAt: date(screenAt) }, this.screeningNote(d, priority));
    if (k.holdAfter === 'screened') return s;

    let level: Level = d.category.defaultLevel;
    const department = level === 'department' ? this.department(d.grid.county, d.category.defaultDepartment) : null;
    if (level === 'department' && !department) level = 'street'; // No such department in the county yet: the street takes it.
    // A department's petition waits for the county's dispatch; the grid's own is assigned at once.
    const assignAt =
      level === 'department' && !k.prompt && !urgent ? officeHours(screenAt + this.hours(HOURS.dispatch), this.rand) : screenAt + this.hours(HOURS.assignment);
    const c = new Cursor(s, d, assignAt);
    c.assign(assignAt, level, department, screener, this.assignmentNote(d, level));
    if (k.holdAfter === 'assigned') return s;

    const deadline = categoryDeadline(d.category.timeLimitDays, new Date(d.createdAt)).getTime();
    const handle = (fromAt: number, lvl: Level, hours: number) => {
      const acceptAt = fromAt + Math.min(k.acceptDelayHours !== undefined ? k.acceptDelayHours * HOUR : this.acceptDelay(urgent || k.prompt === true, fromAt), hours * HOUR * ACCEPT_SHARE);
      c.accept(acceptAt);
      const startAt = acceptAt + Math.min(k.startDelayHours !== undefined ? k.startDelayHours * HOUR : this.hours(HOURS.start), hours * HOUR * START_SHARE);
      c.start(startAt);
      return { startAt, until: fromAt + hours * HOUR, level: lvl };
    };
    let work: { startAt: number; until: number; level: Level };
    switch (k.path) {
      case 'normal':
      case 'late': {
        const hours = k.handlingHours ?? (k.path === 'late' ? this.lateHours(assignAt, deadline, level) : this.normalHours(assignAt, deadline, level, k.whistle));
        work = handle(assignAt, level, hours);
        break;
      }
      case 'escalated': {
        // The level's handler does not finish in time: the clock passes it up.
        const first = handle(assignAt, level, LEVEL_CLOCK_HOURS[level] * 2);
        if (k.whistle) this.whistle(s, c, first.startAt, c.levelDeadline - 2 * HOUR, k.whistle);
        const next = nextLevel(level)!;
        const escAt = c.levelDeadline + this.between(0, SWEEP_DELAY);
        c.escalate(escAt, next, null);
        level = next;
        work = handle(escAt, level, k.handlingHours ?? Math.min(this.hours(HOURS.afterEscalation) / HOUR, LEVEL_CLOCK_HOURS[level] * CLOCK_SHARE));
        break;
      }
      case 'passed_up': {
        // The handler finds it beyond the level and passes it to a department (交办).
        const dept = this.department(d.grid.county, d.category.defaultDepartment ?? FALLBACK_DEPARTMENT[d.category.majorKey] ?? null);
        const first = handle(assignAt, level, LEVEL_CLOCK_HOURS[level]);
        if (!dept) {
          work = { ...first, until: first.startAt + this.hours(HOURS.noDepartment) };
          break;
        }
        const passAt = first.startAt + this.hours(HOURS.passUp);
        c.assign(passAt, 'department', dept, c.handler(), passUpNote(dept));
        level = 'department';
        work = handle(passAt, level, k.handlingHours ?? this.normalHours(passAt, deadline, level, null));
        break;
      }
      case 'hard': {
        // Nobody below can settle it: grid → community → street by the clock, the street passes it
        // to a department, whose clock runs out too and is supervised every day until done.
        while (level !== 'street') {
          const here = handle(c.t, level, LEVEL_CLOCK_HOURS[level] * 2);
          if (level === 'community' && k.whistle) this.whistle(s, c, here.startAt, c.levelDeadline - 2 * HOUR, k.whistle);
          const escAt = c.levelDeadline + this.between(0, SWEEP_DELAY);
          const next = nextLevel(level)!;
          c.escalate(escAt, next, null);
          level = next;
        }
        const dept = this.department(d.grid.county, d.category.defaultDepartment ?? FALLBACK_DEPARTMENT[d.category.majorKey] ?? null);
        const street = handle(c.t, 'street', LEVEL_CLOCK_HOURS.street);
        if (!dept) {
          work = { ...street, until: street.startAt + this.hours(HOURS.noDepartment) };
          break;
        }
        const passAt = street.startAt + this.hours(HOURS.hardPassUp);
        c.assign(passAt, 'department', dept, c.handler(), passUpNote(dept));
        level = 'department';
        const deptWork = handle(passAt, level, LEVEL_CLOCK_HOURS.department * 2);
        const until = k.handlingHours === Infinity ? Infinity : deptWork.startAt + LEVEL_CLOCK_HOURS.department * HOUR + this.hours(HOURS.hardOverrun);
        for (let at = c.levelDeadline + this.between(0, SWEEP_DELAY); at < Math.min(until, this.now + DAY); at = c.levelDeadline + this.between(0, SWEEP_DELAY)) c.supervise(at);
        work = { ...deptWork, until };
        break;
      }
    }
    if (k.whistle && (k.path === 'normal' || k.path === 'late') && (level === 'grid' || level === 'community'))
      this.whistle(s, c, work.startAt, work.until - HOUR, k.whistle);
    if (!Number.isFinite(work.until)) return s;

    const handler = c.handler();
    const result = pick(d.texts.results, this.rand);
    const resolvedAt = c.resolve(work.until, handler, result);
    s.resolution = { at: resolvedAt, by: handler, level: work.level, result };
    this.rate(s, c, k, k.rating, resolvedAt);
    if (k.rating === 'unsatisfied') {
      // Reopened at the level that resolved it: handled again, quicker, and rated again.
      const again = handle(c.t, work.level, k.rehandlingHours ?? this.normalHours(c.t, deadline, work.level, null));
      if (!Number.isFinite(again.until)) return s;
      const resolvedAgain = c.resolve(again.until, handler, pick(d.texts.results, this.rand));
      this.rate(s, c, { ...k, ratingDelayHours: undefined }, 'satisfied', resolvedAgain);
    } else if (s.resolution && this.mayCluster(d, k)) {
      this.cluster(s);
    }
    return s;
  }

  private rate(s: Story, c: Cursor, k: Knobs, wanted: Knobs['rating'], resolvedAt: number): void {
    const d = s.draft;
    const deadline = categoryDeadline(d.category.timeLimitDays, new Date(d.createdAt)).getTime();
    const autoCloseAt = resolvedAt + RATING_WINDOW_DAYS * DAY + this.between(0, SWEEP_DELAY);
    // Most residents who let a result go unrated do so where the limit leaves the clock room to close it in time.
    const rating = wanted === 'none' && autoCloseAt > deadline && this.rand() >= UNRATED_PAST_LIMIT_SHARE ? 'satisfied' : wanted;
    if (rating === 'none') {
      c.autoClose(autoCloseAt);
      return;
    }
    // Residents rate soon after the text message with the result: within the limit if it leaves room.
    const room = deadline - resolvedAt;
    const delay =
      k.ratingDelayHours !== undefined ? k.ratingDelayHours * HOUR : room > HOUR ? Math.min(this.hours(HOURS.rating), room * RATING_SHARE_OF_ROOM) : this.hours(HOURS.lateRating);
    const at = resolvedAt + delay;
    if (rating === 'unsatisfied') {
      const u = pick(UNSATISFIED_COMMENTS, this.rand);
      c.rate(at, d.rater, u.rating, u.comment);
      return;
    }
    const stars = this.rand() < FIVE_STAR_SHARE ? 5 : this.rand() < FOUR_STAR_SHARE / (1 - FIVE_STAR_SHARE) ? 4 : MIN_SATISFIED_RATING;
    const comments = SATISFIED_COMMENTS.filter((x) => x.rating === stars);
    const comment = comments.length && this.rand() < COMMENT_SHARE ? pick(comments, this.rand).comment : null;
    c.rate(at, d.rater, stars, comment);
  }

  /** A community summons a department (社区吹哨、部门报到) while the petition is handled at `from`…`before`. */
  private whistle(s: Story, c: Cursor, from: number, before: number, w: NonNullable<Knobs['whistle']>): void {
    const d = s.draft;
    const dept = this.department(d.grid.county, d.category.defaultDepartment ?? FALLBACK_DEPARTMENT[d.category.majorKey] ?? null);
    if (!dept) return;
    const window = WHISTLE_ACK_HOURS[w.urgency] * HOUR;
    // Blown once handling has started, early enough for the department to answer before the end.
    const blownAt = Math.min(from + this.hours(HOURS.whistleAfterStart), before - window - WHISTLE_MARGIN);
    if (blownAt <= from) return;
    const ackDeadline = blownAt + window;
    const lateBy = Math.min(this.hours(HOURS.whistleLateBy), before - ackDeadline - MINUTE);
    const ackAt = w.answer === 'never' ? null : w.answer === 'late' ? ackDeadline + lateBy : blownAt + window * (w.ackFraction ?? this.between(...WHISTLE_ACK_FRACTION));
    const reportAt = ackDeadline + this.between(0, SWEEP_DELAY);
    const reason = (this.rand() < NOTE_SHARE ? staffNote(/吹哨/) : null) ?? `${d.category.nameZh}问题社区多次协调未果，请${dept.name}到场联合处置。`;
    const acknowledgedAt = ackAt !== null && Math.round(ackAt) <= this.now ? Math.round(ackAt) : null;
    const ackNote = pick(WHISTLE_ACK_NOTES, this.rand);
    s.whistles.push({
      id: randomUUID(),
      departmentId: dept.id,
      urgency: w.urgency,
      reason,
      blownAt: date(Math.round(blownAt)),
      ackDeadline: date(Math.round(ackDeadline)),
      acknowledgedAt: acknowledgedAt === null ? null : date(acknowledgedAt),
      ackNote: acknowledgedAt === null ? null : ackNote,
      overdueReported: reportAt <= this.now && (ackAt === null || ackAt > reportAt),
    });
    c.side(blownAt, 'whistle', communityAdmin(d.grid), { supervised: true }, `${dept.name}: ${reason}`);
    if (ackAt !== null) c.side(ackAt, 'whistle_acknowledged', deptHandler(dept), {}, ackNote);
    if (ackAt === null || ackAt > reportAt) c.side(reportAt, 'supervised', SYSTEM, {}, `${dept.name} did not report within the limit`);
  }

  private mayCluster(d: Draft, k: Knobs): boolean {
    return k.path === 'normal' && d.placement.buildingId !== null && d.category.anonymousAllowed && this.rand() < CLUSTER_SHARE;
  }

  /** Neighbours report the same thing at the same building before it is resolved: merged into its cluster. */
  private cluster(lead: Story): void {
    const d = lead.draft;
    const resolution = lead.resolution!;
    const building = d.grid.buildings.find((b) => b.id === d.placement.buildingId)!;
    const members = 1 + Math.floor(this.rand() * MAX_CLUSTER_MEMBERS);
    for (let i = 0; i < members; i++) {
      const span = resolution.at - d.createdAt - CLUSTER_MARGIN;
      const createdAt = d.createdAt + CLUSTER_MARGIN / 4 + this.rand() * Math.min(CLUSTER_WINDOW, span);
      if (span <= CLUSTER_MARGIN / 4 || createdAt >= this.now - CLUSTER_MARGIN / 4) continue;
      const m = this.draft(d.grid, createdAt, null, { channel: pick(['qr', 'qr', 'photo'] as Channel[], this.rand), categoryKey: d.category.key, building });
      if (!m) continue;
      const screenAt = officeHours(createdAt + this.hours(HOURS.mergeScreening), this.rand);
      if (screenAt >= resolution.at - CLUSTER_MARGIN / 8) continue;
      // Neighbours describe it in their own words.
      const others = d.texts.samples.filter((x) => x !== d.sample);
      const s: Story = { draft: { ...m, sample: pick(others.length ? others : d.texts.samples, this.rand) }, steps: [], whistles: [], resolution: null, clusterSince: null };
      this.stories.push(s);
      lead.clusterSince = Math.min(lead.clusterSince ?? Infinity, screenAt);
      add(s, screenAt, 'merged', 'merged', gridWorker(d.grid), { state: 'merged', priority: 2, screenedAt: date(screenAt), clusterId: d.id, duplicateOf: d.id }, mergeNote(d.createdAt, createdAt));
      // The cluster's result reaches every report; each reporter rates it (or lets it close).
      add(s, resolution.at, 'resolved', 'resolved', resolution.by, { state: 'resolved', result: resolution.result, resolvedAt: date(resolution.at) }, 'merged petition resolved with its cluster', resolution.level);
      const c = new Cursor(s, s.draft, resolution.at);
      c.state = 'resolved';
      c.level = resolution.level;
      this.rate(s, c, { outcome: 'valid', path: 'normal', whistle: null, rating: 'satisfied' }, this.rand() < MERGED_UNRATED_SHARE ? 'none' : 'satisfied', resolution.at);
    }
  }

  // ---- Today's showcase ---------------------------------------------------------------------------

  /** One of each case a demo must show in a county, whatever the random months gave. */
  private showcase(grids: DemoGrid[]): void {
    const urban = grids.find((g) => !g.village && g.buildings.length) ?? grids.find((g) => g.buildings.length) ?? grids[0]!;
    const now = this.now;
    const base: Knobs = { outcome: 'valid', path: 'normal', whistle: null, rating: 'satisfied', prompt: true };
    const make = (hoursAgo: number, channel: Channel, key: string, k: Knobs): Story | null => {
      const d = this.draft(urban, now - hoursAgo * HOUR, null, { channel, categoryKey: key });
      return d ? this.story(d, k) : null;
    };
    make(0.4, 'qr', 'property.corridor_clutter', { ...base, holdAfter: 'submitted' });
    make(3, 'hotline', 'municipal.road_damage', { ...base, holdAfter: 'screened' });
    make(1.5, 'door_knock', 'dispute.noise', { ...base, acceptDelayHours: 6 });
    make(4, 'qr', 'property.service_quality', { ...base, acceptDelayHours: 1, startDelayHours: 8 });
    make(30, 'photo', 'sanitation.road_cleaning', { ...base, handlingHours: 24, rating: 'satisfied', ratingDelayHours: 20 });
    make(50, 'hotline', 'other.misc', { ...base, outcome: 'invalid' });
    make(70, 'mailbox', 'employment.labour_contract', { ...base, outcome: 'not_responsible' });
    make(90, 'hotline', 'utilities.water_quality', { ...base, outcome: 'referred' });
    // A cluster still open: the first report handled by the community, two neighbours merged into it.
    const lead = make(28, 'qr', 'sanitation.garbage_overflow', { ...base, handlingHours: 40 });
    if (lead) this.clusterPending(lead, [now - 20 * HOUR, now - 6 * HOUR]);
    // Overdue: grid → community → street by the clock, passed to a department, supervised daily.
    make(21 * 24, 'door_knock', 'dispute.leak_between_floors', { ...base, path: 'hard', handlingHours: Infinity });
    // Whistles: one answered late last week, one unanswered past its limit, one still within it.
    make(10 * 24, 'hotline', 'property.common_area_repair', { ...base, handlingHours: 70, whistle: { answer: 'late', urgency: 'normal' } });
    make(62, 'qr', 'property.common_area_repair', { ...base, handlingHours: 112, whistle: { answer: 'never', urgency: 'normal' } });
    make(14, 'steward_app', 'property.elevator_fault', { ...base, handlingHours: 40, acceptDelayHours: 0.5, startDelayHours: 0.5, whistle: { answer: 'on_time', urgency: 'normal', ackFraction: 0.95 } });
    // Reopened after a one-star rating and being handled again.
    make(4.5 * 24, 'qr', 'dispute.noise', { ...base, handlingHours: 40, rating: 'unsatisfied', ratingDelayHours: 10, rehandlingHours: Infinity });
  }

  /**
   * A demo grid worker's queue today: petitions assigned to their grid, waiting for them to accept.
   * One is past its time limit — a short-limit matter left lying, screened and assigned at once but
   * not taken up, overdue by half the time between its limit and the grid's clock, so the clock has
   * not passed it up yet — one is due within hours and one came in this morning.
   */
  private gridWorkerQueue(grid: DemoGrid): void {
    const waiting: Knobs = { outcome: 'valid', path: 'normal', whistle: null, rating: 'none', prompt: true, holdAfter: 'assigned' };
    const make = (hoursAgo: number, channel: Channel, category: CategoryRecord | null): void => {
      const d = category ? this.draft(grid, this.now - hoursAgo * HOUR, null, { channel, categoryKey: category.key }) : null;
      if (d) this.story(d, waiting);
    };
    const gridKey = (key: string) => {
      const c = this.categoryByKey(key);
      return c && c.defaultLevel === 'grid' && fitsGrid(grid, c) ? c : null;
    };
    const clock = LEVEL_CLOCK_HOURS.grid;
    const limitHours = (c: CategoryRecord) => (c.timeLimitDays * DAY) / HOUR;
    const overdue = QUEUE_OVERDUE_KEYS.map(gridKey).find((c) => c && limitHours(c) < clock) ?? null;
    if (overdue) make(limitHours(overdue) + (clock - limitHours(overdue)) / 2, 'hotline', overdue);
    const dueSoon = gridKey(QUEUE_DUE_SOON_KEY);
    if (dueSoon) make(Math.min(limitHours(dueSoon), clock) - QUEUE_DUE_IN_HOURS, 'qr', dueSoon);
    make(QUEUE_NEW_HOURS_AGO, 'photo', gridKey(QUEUE_NEW_KEY));
  }

  /** The showcase's open cluster: its first report is not resolved yet, so the others stay merged. */
  private clusterPending(lead: Story, at: number[]): void {
    const d = lead.draft;
    const building = d.grid.buildings.find((b) => b.id === d.placement.buildingId);
    if (!building) return;
    for (const createdAt of at) {
      const m = this.draft(d.grid, createdAt, null, { channel: 'qr', categoryKey: d.category.key, building });
      if (!m) continue;
      const s: Story = { draft: m, steps: [], whistles: [], resolution: null, clusterSince: null };
      this.stories.push(s);
      const screenAt = createdAt + this.hours(HOURS.urgentScreening);
      lead.clusterSince = Math.min(lead.clusterSince ?? Infinity, screenAt);
      add(s, screenAt, 'merged', 'merged', gridWorker(d.grid), { state: 'merged', priority: 2, screenedAt: date(screenAt), clusterId: d.id, duplicateOf: d.id }, mergeNote(d.createdAt, createdAt));
    }
  }

  // ---- Durations ----------------------------------------------------------------------------------

  /**
   * Hours from reaching a level to the result: a share of what is left of the category's limit
   * (leaving the resident time to rate within it), inside the level's clock.
   */
  private normalHours(from: number, deadline: number, level: Level, whistle: Knobs['whistle']): number {
    const left = (deadline - from) / HOUR;
    // Most results come well inside the time left, a few close to its end.
    const share = HANDLING_SHARE.least + HANDLING_SHARE.spread * this.rand() ** HANDLING_SHARE.skew;
    // A whistled petition lasts at least until the department could have answered.
    const floor = whistle ? WHISTLE_ACK_HOURS[whistle.urgency] + 8 : MIN_HANDLING_HOURS;
    return Math.min(Math.max(left * share * RESOLVE_SHARE_OF_LIMIT, floor), LEVEL_CLOCK_HOURS[level] * CLOCK_SHARE);
  }

  /** Past the category's limit (overdue) but before the level's clock runs out. */
  private lateHours(from: number, deadline: number, level: Level): number {
    const left = Math.max((deadline - from) / HOUR, MIN_HANDLING_HOURS);
    return Math.min(left * this.between(...LATE_FACTOR), LEVEL_CLOCK_HOURS[level] * LATE_CLOCK_SHARE);
  }

  /** Milliseconds from reaching a level to its handler accepting. */
  private acceptDelay(urgent: boolean, from: number): number {
    if (urgent) return this.hours(HOURS.urgentAcceptance);
    return officeHours(from + this.hours(HOURS.acceptance), this.rand) - from;
  }

  /** A duration in milliseconds within a range of HOURS. */
  private hours([lo, hi]: readonly [number, number]): number {
    return this.between(lo, hi) * HOUR;
  }

  private between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.rand();
  }

  private department(county: string, functionalName: string | null): DepartmentRecord | null {
    if (!functionalName) return null;
    return this.input.departments.find((d) => d.region === county && d.name.endsWith(functionalName)) ?? null;
  }

  // ---- Up to now ----------------------------------------------------------------------------------

  /** What of the plan has happened by now: the steps in order, the columns they set, the whistles blown. */
  private cut(s: Story): PlannedPetition {
    const d = s.draft;
    const raw = s.steps.filter((x) => x.at <= this.now).sort((a, b) => a.at - b.at);
    const steps: PlannedStep[] = [];
    const patch: PetitionPatch = {};
    let state: PetitionState = 'submitted';
    let level: Level | null = null;
    for (const x of raw) {
      Object.assign(patch, x.patch);
      if (x.patch.level !== undefined) level = x.patch.level;
      const to: PetitionState = x.to ?? state;
      steps.push({ at: date(x.at), action: x.action, from: state, to, by: x.by, level: x.stepLevel !== undefined ? x.stepLevel : level, note: x.note });
      state = to;
    }
    if (raw.length) patch.updatedAt = date(raw.at(-1)!.at);
    if (s.clusterSince !== null && s.clusterSince <= this.now) patch.clusterId = d.id;
    return {
      id: d.id,
      channel: d.channel,
      category: d.category,
      title: d.sample.title,
      description: d.sample.description,
      placement: d.placement,
      sixPrevention: d.sixPrevention,
      anonymous: d.anonymous,
      contact: d.contact,
      submitter: d.submitter,
      createdAt: date(d.createdAt),
      steps,
      patch,
      whistles: s.whistles.filter((w) => w.blownAt.getTime() <= this.now),
    };
  }
}

/**
 * A petition's main path as it is planned: each step at a time no earlier than the one before
 * (steps of one transaction share a time); side steps (whistles) fall in between and keep the state.
 */
class Cursor {
  t: number;
  state: PetitionState = 'screened';
  level: Level | null = null;
  department: DepartmentRecord | null = null;
  levelDeadline = 0;
  private escalations = 0;
  private reopenCount = 0;

  constructor(
    private readonly s: Story,
    private readonly d: Draft,
    at: number,
  ) {
    this.t = at;
  }

  /** The time of the next step: `at`, but never before the last one. */
  private when(at: number): number {
    return Math.round(Math.max(at, this.t));
  }

  private go(when: number, action: string, to: PetitionState | null, by: Doer, patch: PetitionPatch, note: string | null): void {
    add(this.s, when, action, to, by, patch, note);
    if (to) this.state = to;
    this.t = when;
  }

  assign(at: number, level: Level, dept: DepartmentRecord | null, by: Doer, note: string | null): void {
    const when = this.when(at);
    const region = level === 'department' ? this.d.grid.county : levelRegion(this.d.placement.region, level);
    this.level = level;
    this.department = level === 'department' ? dept : null;
    this.levelDeadline = when + LEVEL_CLOCK_HOURS[level] * HOUR;
    const patch: PetitionPatch = { state: 'assigned', level, assigneeRegion: region, departmentId: this.department?.id ?? null, levelDeadline: date(this.levelDeadline), acceptedAt: null };
    this.go(when, 'assigned', 'assigned', by, patch, note);
  }

  /** The level's clock ran out (the sweep): passed to the next level, supervised from now on. */
  escalate(at: number, next: Level, dept: DepartmentRecord | null): void {
    const when = this.when(at);
    const from = this.level!;
    this.level = next;
    this.department = dept;
    this.levelDeadline = when + LEVEL_CLOCK_HOURS[next] * HOUR;
    this.escalations++;
    const assigneeRegion = next === 'department' ? this.d.grid.county : levelRegion(this.d.placement.region, next);
    const patch: PetitionPatch = {
      state: 'assigned',
      level: next,
      assigneeRegion,
      departmentId: dept?.id ?? null,
      levelDeadline: date(this.levelDeadline),
      acceptedAt: null,
      escalations: this.escalations,
      supervised: true,
    };
    this.go(when, 'escalated', 'assigned', SYSTEM, patch, `${from} → ${next}: the ${from} level's time ran out`);
  }

  /** A department's clock ran out: supervised again, the clock restarted for a day. */
  supervise(at: number): void {
    const when = this.when(at);
    this.escalations++;
    this.levelDeadline = when + SUPERVISION_REPEAT_HOURS * HOUR;
    this.go(when, 'supervised', null, SYSTEM, { escalations: this.escalations, supervised: true, levelDeadline: date(this.levelDeadline) }, `the ${this.level} level's time ran out`);
  }

  accept(at: number): void {
    const when = this.when(at);
    this.go(when, 'accepted', 'accepted', this.handler(), { state: 'accepted', acceptedAt: date(when) }, null);
  }

  start(at: number): void {
    this.go(this.when(at), 'started', 'in_progress', this.handler(), { state: 'in_progress' }, null);
  }

  /** Whoever handles the petition at its current level. */
  handler(): Doer {
    return handlerOf(this.d.grid, this.level!, this.department);
  }

  resolve(at: number, by: Doer, result: string): number {
    const when = this.when(at);
    this.go(when, 'resolved', 'resolved', by, { state: 'resolved', result, resolvedAt: date(when), levelDeadline: null }, null);
    return when;
  }

  /** The resident's rating: 3–5 closes the petition in the same moment, 1–2 reopens it at its level. */
  rate(at: number, by: Doer, rating: number, comment: string | null): void {
    const when = this.when(at);
    this.go(when, 'rated', 'resolved', by, { rating, ratingComment: comment, ratedAt: date(when) }, `${rating}★${comment ? ` ${comment}` : ''}`);
    if (rating >= MIN_SATISFIED_RATING) {
      this.go(when, 'closed', 'closed', by, { state: 'closed', closedAt: date(when) }, null);
      return;
    }
    this.reopenCount++;
    this.levelDeadline = when + LEVEL_CLOCK_HOURS[this.level ?? 'grid'] * HOUR;
    const patch: PetitionPatch = { state: 'assigned', reopenCount: this.reopenCount, levelDeadline: date(this.levelDeadline), closedAt: null, acceptedAt: null, supervised: true };
    this.go(when, 'reopened', 'assigned', by, patch, 'unsatisfied rating');
  }

  /** Nobody rated within the window: the sweep closes it. */
  autoClose(at: number): void {
    const when = this.when(at);
    this.go(when, 'auto_closed', 'closed', SYSTEM, { state: 'closed', closedAt: date(when) }, `not rated within ${RATING_WINDOW_DAYS} days`);
  }

  /** A step beside the main path (a whistle and its answer): it keeps whatever state the petition is in then. */
  side(at: number, action: string, by: Doer, patch: PetitionPatch, note: string | null): void {
    add(this.s, at, action, null, by, patch, note);
  }
}

/** Appends a raw step; `to` null keeps the state the petition is in at that moment. */
function add(s: Story, at: number, action: string, to: PetitionState | null, by: Doer, patch: PetitionPatch, note: string | null, stepLevel?: Level | null): void {
  // Whole milliseconds: the database keeps them exactly, so the timeline compares as planned.
  s.steps.push({ at: Math.round(at), action, to, by, note, patch, ...(stepLevel !== undefined ? { stepLevel } : {}) });
}

// ---- Who ------------------------------------------------------------------------------------------

function gridWorker(grid: DemoGrid): Doer {
  return staff(`${lastSegment(grid.community)}-${lastSegment(grid.path)}-grid`);
}
function communityAdmin(grid: DemoGrid): Doer {
  return staff(`${lastSegment(grid.community)}-admin`);
}
function streetAdmin(grid: DemoGrid): Doer {
  return staff(`${lastSegment(grid.street)}-admin`);
}
function deptHandler(dept: DepartmentRecord): Doer {
  return staff(`${(dept.code ?? lastSegment(dept.region)).toLowerCase()}-handler`);
}
/** The handler at a level: the grid worker, the community's or street's admin, the department's handler. */
function handlerOf(grid: DemoGrid, level: Level, dept: DepartmentRecord | null): Doer {
  if (level === 'grid') return gridWorker(grid);
  if (level === 'community') return communityAdmin(grid);
  if (level === 'street' || !dept) return streetAdmin(grid);
  return deptHandler(dept);
}
function staffActor(username: string): Actor {
  return { accountId: DEMO_SEED_ACCOUNT_ID, personId: null, username, grants: [] };
}

/** Property management exists in urban communities, farming in villages. */
function fitsGrid(grid: DemoGrid, c: CategoryRecord): boolean {
  return grid.village ? c.majorKey !== 'property' : c.majorKey !== 'rural';
}

/** The staff note (texts.ts) that says what is meant, if there is one. */
function staffNote(pattern: RegExp): string | null {
  return STAFF_NOTES.find((n) => pattern.test(n)) ?? null;
}

/** A report merged into a cluster: "the same as yesterday's" when it came the next day. */
function mergeNote(leadAt: number, memberAt: number): string {
  const nextDay = localMidnight(leadAt) + DAY === localMidnight(memberAt);
  return (nextDay ? staffNote(/昨日.*合并/) : null) ?? MERGE_NOTE;
}

// ---- Time and chance ----------------------------------------------------------------------------

function date(ms: number): Date {
  return new Date(Math.round(ms));
}

/** Midnight of the local (China) day that `ms` falls on. */
function localMidnight(ms: number): number {
  return Math.floor((ms + CHINA_UTC_OFFSET) / DAY) * DAY - CHINA_UTC_OFFSET;
}

/** `ms`, or the next office morning if it falls at night (staff work 8:00–20:00 local). */
function officeHours(ms: number, rand: () => number): number {
  const hour = ((ms + CHINA_UTC_OFFSET) % DAY) / HOUR;
  if (hour >= OFFICE_OPENS_HOUR && hour < OFFICE_CLOSES_HOUR) return ms;
  const nextMorning = localMidnight(hour >= OFFICE_CLOSES_HOUR ? ms + DAY : ms) + OFFICE_OPENS_HOUR * HOUR;
  return nextMorning + rand() * HOUR;
}

function pick<T>(xs: readonly T[], rand: () => number): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

function weighted<T>(xs: readonly (readonly [T, number])[], rand: () => number): T {
  const total = xs.reduce((n, [, w]) => n + w, 0);
  let r = rand() * total;
  for (const [x, w] of xs) {
    r -= w;
    if (r < 0) return x;
  }
  return xs.at(-1)![0];
}

function poisson(mean: number, rand: () => number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
