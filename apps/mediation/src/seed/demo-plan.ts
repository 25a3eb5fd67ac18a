/**
 * The demo's mediation history, planned without touching a database: the organisations of both
 * counties staffed with identity's stewards, five months of cases in every community — opened,
 * assigned, mediated in sessions, settled by agreements that are confirmed by the court or lapse,
 * paid in instalments and followed up, or closed without agreement — and the deliberation meetings
 * with the committee's four lists. Each case's steps are planned at the times they would have
 * happened and cut off at `now`, so what is under way is exactly what a case of that age would be
 * doing and the clocks (reminders, lapses, overdue follow-ups) find nothing left to do. A showcase
 * per county and per dispute mediator (the `baishipo-mediator` login among them) guarantees every
 * state, confirmation state and outcome whatever the day. demo.ts writes the plan.
 */
import { countyOf, idCardCheckChar } from '@gov/kernel';
import type { CaseLevel, CaseOutcome, CaseSource, CaseState, DisputeCategory, MeetingKind, OrganisationKind, RiskLevel } from '@gov/mediation-contracts';
import type {
  DemoAgendaItemRow,
  DemoAgreementRow,
  DemoCaseRow,
  DemoDecisionRow,
  DemoFollowUpRow,
  DemoHistory,
  DemoListItemRow,
  DemoMediatorRow,
  DemoMeetingRow,
  DemoOrganisationRow,
  DemoPartyRow,
  DemoPoliceAlertRow,
  DemoSessionRow,
  DemoSteward,
  DemoTimelineRow,
} from '@gov/mediation-data-access';
import { caseNumber, confirmationDeadline, nodeAt, policeGridOf } from '@gov/mediation-domain';
import { randomUUID } from 'node:crypto';
import * as T from './texts.js';

/** The fixed account the demo's staff steps are recorded under (no login), labelled like the demo logins. */
export const DEMO_SEED_ACCOUNT_ID = '00000000-0000-4000-8000-00000000a006';

/** How far back the history reaches. */
export const DEMO_HISTORY_DAYS = 150;
/** The generator's seed: every `npm start` shows the same history (relative to its day). */
const SEED = 20260815;
/** Cases a community brings a day on average (Jingmen: 6,481 a year over ~2,000 communities and villages, the demo's busier). */
const CASES_PER_COMMUNITY_PER_DAY = 0.28;
/** The organisations were set up this long before the history starts. */
const ORGANISATIONS_SET_UP_DAYS_BEFORE = 60;

/** Categories by share, in an urban community and in a village. */
const CATEGORY_WEIGHTS: Record<DisputeCategory, { urban: number; village: number }> = {
  neighbours: { urban: 30, village: 18 },
  land_boundary: { urban: 0, village: 26 },
  marriage_family: { urban: 14, village: 20 },
  property_management: { urban: 22, village: 0 },
  labour_injury: { urban: 10, village: 14 },
  consumer: { urban: 14, village: 6 },
  other: { urban: 10, village: 16 },
};
/** Shares of the random cases (Jingmen resolved 6,352 of 6,481: few fail). */
const SHARE = {
  /** Of labour, consumer, family and other disputes: the court's pre-litigation referrals (诉前委派). */
  courtReferral: 0.2,
  escalated: 0.06,
  failed: 0.035,
  withdrawnBeforeSession: 0.25,
  criminalRisk: 0.025,
  mediumRisk: 0.12,
  online: 0.18,
  secondSession: 0.3,
  cancelledSession: 0.06,
  redraft: 0.1,
  confirmationWithMoney: 0.45,
  confirmationOther: 0.12,
  confirmationRejected: 0.07,
  latePayment: 0.08,
  /** Of instalments falling due in the last RECENT_DAYS, those still unpaid today. */
  unpaidRecent: 0.1,
  /** Of family disputes: a second respondent (another of the children). */
  thirdParty: 0.3,
  idNumber: 0.7,
};
const RECENT_DAYS = 20;
/** Ways a case ends without agreement, by share (arbitration only for labour disputes). */
const FAILURES: [FailOutcome, number][] = [
  ['referred_litigation', 30],
  ['referred_arbitration', 20],
  ['withdrawn', 25],
  ['no_agreement', 25],
];
/** Open cases a mediator takes at most, by kind of organisation (dispute mediators of the five-member teams take more). */
const CAPACITY: Record<OrganisationKind, number> = { committee: 8, five_elders: 6, judge_studio: 10, county_centre: 12 };
const DISPUTE_MEDIATOR_CAPACITY = 14;
const SPECIALITIES: Record<OrganisationKind | 'grid', DisputeCategory[]> = {
  grid: ['neighbours', 'property_management', 'marriage_family'],
  committee: ['neighbours', 'marriage_family', 'property_management', 'land_boundary', 'other'],
  five_elders: ['marriage_family', 'neighbours', 'land_boundary'],
  judge_studio: ['labour_injury', 'consumer', 'marriage_family', 'other'],
  county_centre: ['labour_injury', 'consumer', 'property_management', 'land_boundary', 'other'],
};

type FailOutcome = Exclude<CaseOutcome, 'performed'>;

export type PlannedParty = Omit<DemoPartyRow, 'phoneEnc' | 'phoneMasked' | 'idNumberEnc' | 'idNumberMasked'> & { phone: string | null; idNumber: string | null };
/** The history with the parties' contacts in clear: demo.ts encrypts them. */
export type DemoPlan = Omit<DemoHistory, 'parties'> & { parties: PlannedParty[] };

export interface PlanInput {
  stewards: readonly DemoSteward[];
  now: Date;
}

/** A community of the demo territory, as the stewards' grids name it. */
interface DemoCommunity {
  path: string;
  seg: string;
  zh: string;
  county: string;
  countyZh: string;
  street: string;
  streetZh: string;
  village: boolean;
  grids: string[];
  stewards: DemoSteward[];
}

interface PlannedMediator {
  row: DemoMediatorRow;
  org: DemoOrganisationRow;
  /** The username its steps are recorded under (the `baishipo-mediator` login for 白石坡's dispute mediator). */
  label: string;
  steward: DemoSteward;
  /** [from, until) of every case it held: its load at any moment. */
  busy: [number, number][];
}

/** What a case does, beyond chance: the showcase sets these, random cases draw them. */
interface Knobs {
  assignAfter: number;
  scheduleAfter: number;
  sessionIn: number;
  sessionLength: number;
  online: boolean;
  cancelledFirst: boolean;
  /** Sessions held before the outcome (0: withdrawn before any). */
  sessions: number;
  gap: number;
  /** From an escalation to the next level's assignment. */
  reassignAfter: number;
  outcome: 'settled' | FailOutcome;
  closeAfter: number;
  redraft: boolean;
  /** Days from agreement to the performance deadline when not paid in instalments. */
  performanceDays: number;
  months: number;
  confirm: { afterDays: number; decideAfterDays: number; confirmed: boolean } | null;
  /** Instalments due from this many days ago on stay unpaid (null: chance decides). */
  unpaidSinceDays: number | null;
}

interface Spec {
  community: DemoCommunity;
  grid: string;
  openedAt: number;
  category: DisputeCategory;
  sample: T.CaseSample;
  source: CaseSource;
  sourceMeetingId: string | null;
  level: CaseLevel;
  /** Opened one level lower and escalated after its first session. */
  escalatedFrom: CaseLevel | null;
  risk: RiskLevel;
  criminal: boolean;
  mediator: PlannedMediator | null;
  k: Knobs;
}

export function planDemoHistory(input: PlanInput): DemoPlan {
  return new Planner(input).plan();
}

/** A deterministic generator (mulberry32), so every run plans the same history. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The communities of the stewards' grids (jingmen/<county>/<street>/<community>/<grid>), with their Chinese names. */
function communitiesOf(stewards: readonly DemoSteward[]): DemoCommunity[] {
  const byPath = new Map<string, DemoCommunity>();
  for (const s of stewards) {
    const path = nodeAt(s.grid, 'community');
    if (!path || s.grid.split('/').length !== 5) continue;
    const [, county, street, seg] = path.split('/') as [string, string, string, string];
    let c = byPath.get(path);
    if (!c) {
      const zh = T.PLACE_ZH[seg] ?? seg;
      c = { path, seg, zh, county, countyZh: T.PLACE_ZH[county] ?? county, street: path.split('/').slice(0, 3).join('/'), streetZh: T.PLACE_ZH[street] ?? street, village: zh.endsWith('村'), grids: [], stewards: [] };
      byPath.set(path, c);
    }
    if (!c.grids.includes(s.grid)) c.grids.push(s.grid);
    c.stewards.push(s);
  }
  const out = [...byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  for (const c of out) c.grids.sort();
  return out;
}

/** 第一网格 for g01. */
function gridZh(c: DemoCommunity, grid: string): string {
  const n = c.grids.indexOf(grid);
  return `${c.zh}第${numeral(n + 1)}网格`;
}

/** The generated name of every steward's person (mediation knows none of identity's names). */
function nameStewards(stewards: readonly DemoSteward[]): Map<string, string> {
  const names = new Map<string, string>();
  const persons = [...new Set([...stewards].sort((a, b) => a.number.localeCompare(b.number) || a.personId.localeCompare(b.personId)).map((s) => s.personId))];
  // Steps coprime with the lists' lengths: distinct names for the first lcm(100, 60) persons.
  persons.forEach((p, i) => names.set(p, T.SURNAMES[(i * 13) % T.SURNAMES.length]! + T.GIVEN_NAMES[(i * 7) % T.GIVEN_NAMES.length]!));
  return names;
}

class Planner {
  private readonly rand = prng(SEED);
  private readonly now: number;
  private readonly communities: DemoCommunity[];
  private readonly names: Map<string, string>;
  private readonly organisations: DemoOrganisationRow[] = [];
  private readonly mediators: PlannedMediator[] = [];
  private readonly stories: CaseStory[] = [];
  private readonly courtReferences = new Map<string, number>();
  private partyCount = 0;

  constructor(private readonly input: PlanInput) {
    this.now = input.now.getTime();
    this.communities = communitiesOf(input.stewards);
    this.names = nameStewards(input.stewards);
  }

  plan(): DemoPlan {
    this.setUpOrganisations();
    const meetings = planMeetings({ communities: this.communities, names: this.names, now: this.now, start: this.now - DEMO_HISTORY_DAYS * DAY, rand: this.rand });
    const random: Spec[] = [];
    for (let daysAgo = DEMO_HISTORY_DAYS - 1; daysAgo >= 0; daysAgo--) {
      const day = localMidnight(this.now - daysAgo * DAY);
      for (const c of this.communities) {
        for (let i = poisson(CASES_PER_COMMUNITY_PER_DAY, this.rand); i > 0; i--) {
          const openedAt = day + this.between(8, 20) * HOUR;
          if (openedAt < this.now - HOUR) random.push(this.randomSpec(c, openedAt));
        }
      }
    }
    for (const d of meetings.cases) random.push(this.deliberationSpec(d));
    // The showcase first, its mediators chosen: the cases around it then find those mediators' load.
    for (const county of [...new Set(this.communities.map((c) => c.county))]) this.showcase(county);
    for (const m of this.mediators.filter((x) => x.steward.deliberationRole === 'dispute_mediator' && x.org.level === 'community' && x.org.kind === 'committee')) this.featured(m);
    // In the order they came in: a mediator's load at each assignment counts the cases before it.
    for (const spec of random.sort((a, b) => a.openedAt - b.openedAt)) this.tell(spec);
    return this.assemble(meetings);
  }

  // ---- Organisations and mediators ------------------------------------------------------------------

  private setUpOrganisations(): void {
    const createdAt = new Date(this.now - (DEMO_HISTORY_DAYS + ORGANISATIONS_SET_UP_DAYS_BEFORE) * DAY);
    const org = (kind: OrganisationKind, name: string, region: string): DemoOrganisationRow => {
      const depth = region.split('/').length;
      const level: CaseLevel = depth === 2 ? 'county' : depth === 3 ? 'street' : depth === 4 ? 'community' : 'grid';
      const o: DemoOrganisationRow = { id: randomUUID(), kind, name, region, county: countyOf(region), level, createdBy: DEMO_SEED_ACCOUNT_ID, createdAt };
      this.organisations.push(o);
      return o;
    };
    const staffOf = (stewards: readonly DemoSteward[], classes: number[]) => stewards.filter((s) => classes.includes(s.class));
    for (const county of [...new Set(this.communities.map((c) => c.county))]) {
      const inCounty = this.communities.filter((c) => c.county === county);
      const all = inCounty.flatMap((c) => c.stewards);
      const countyZh = inCounty[0]!.countyZh;
      const streets = [...new Set(inCounty.map((c) => c.street))];
      // The one-stop centre (综治中心): cadres of the liaison units seconded there stand in for its staff.
      const centre = org('county_centre', `${countyZh}矛盾纠纷调处化解中心`, `jingmen/${county}`);
      this.staff(centre, staffOf(all, [1, 2]).slice(0, 4), SPECIALITIES.county_centre);
      // The court's studio at the first street's centre (法官工作室) takes the court's referrals there.
      const first = inCounty.find((c) => c.street === streets[0])!;
      const studio = org('judge_studio', `${countyZh}人民法院${first.streetZh.replace(/街道$|镇$/, '')}法官工作室`, first.street);
      this.staff(studio, staffOf(all, [2]).slice(0, 2).concat(disputeMediators(inCounty.filter((c) => c.street === first.street)).slice(0, 1)), SPECIALITIES.judge_studio);
      for (const street of streets) {
        const here = inCounty.filter((c) => c.street === street);
        const committee = org('committee', `${here[0]!.streetZh}人民调解委员会`, street);
        this.staff(committee, [...disputeMediators(here), ...here.map((c) => staffOf(c.stewards, [3])[0]!).filter(Boolean)], SPECIALITIES.committee);
      }
      for (const c of inCounty) {
        const committee = org('committee', `${c.zh}人民调解委员会`, c.path);
        this.staff(committee, [...disputeMediators([c]), ...staffOf(c.stewards, [4]).filter((s) => s.deliberationRole !== 'dispute_mediator'), ...staffOf(c.stewards, [3]).slice(0, 1)], SPECIALITIES.committee);
        const elders = org('five_elders', c.village ? `${c.zh}五老调解队` : `${c.zh}“五老”调解会`, c.path);
        this.staff(elders, [...staffOf(c.stewards, [4]), ...staffOf(c.stewards, [5])], SPECIALITIES.five_elders);
        for (const grid of c.grids) {
          const team = org('committee', `${gridZh(c, grid)}调解小组`, grid);
          const own = c.stewards.filter((s) => s.grid === grid && [3, 4, 5].includes(s.class));
          this.staff(team, own.length ? own : staffOf(c.stewards, [3]).slice(0, 1), SPECIALITIES.grid);
        }
      }
    }
  }

  private staff(o: DemoOrganisationRow, stewards: readonly DemoSteward[], specialities: DisputeCategory[]): void {
    const unique = [...new Map(stewards.map((s) => [s.personId, s])).values()];
    unique.forEach((s, i) => {
      const mediatesDisputes = s.deliberationRole === 'dispute_mediator';
      const row: DemoMediatorRow = {
        id: randomUUID(),
        organisationId: o.id,
        personId: s.personId,
        name: this.names.get(s.personId)!,
        specialities,
        available: true,
        capacity: mediatesDisputes ? DISPUTE_MEDIATOR_CAPACITY : CAPACITY[o.kind],
        createdAt: o.createdAt,
        updatedAt: o.createdAt,
      };
      // The dispute mediator of a community signs in as <community>-mediator (identity's demo login for 白石坡).
      const seg = o.region.split('/').at(-1)!;
      const place = o.level === 'grid' ? o.region.split('/').slice(-2).join('-') : seg;
      const label = mediatesDisputes && o.level === 'community' && o.kind === 'committee' ? `${seg}-mediator` : `${place}-${KIND_LABEL[o.kind]}-${i + 1}`;
      this.mediators.push({ row, org: o, label, steward: s, busy: [] });
    });
  }

  /** The mediator for a case at `level` of its place at `at`: free capacity, the right speciality, the lightest load. */
  private chooseMediator(spec: Spec, level: CaseLevel, at: number, exclude: string | null): PlannedMediator | null {
    const node = nodeAt(spec.grid, level)!;
    let orgs = this.organisations.filter((o) => o.region === node && o.level === level);
    // The court's referrals go to its studio where there is one; the street's own cases to its committee.
    const court = orgs.filter((o) => o.kind === 'judge_studio' || o.kind === 'county_centre');
    if (spec.source === 'court_referral' && court.length) orgs = court;
    else if (level === 'street') orgs = orgs.filter((o) => o.kind === 'committee');
    const elders = ['marriage_family', 'land_boundary', 'neighbours'].includes(spec.category) && this.rand() < 0.4;
    const preferred = orgs.filter((o) => (o.kind === 'five_elders') === elders);
    // An escalated case goes to someone else than the mediator who could not settle it, where there is someone.
    const serving = this.mediators.filter((m) => (preferred.length ? preferred : orgs).includes(m.org));
    const others = serving.filter((m) => m.row.personId !== exclude);
    const candidates = others.length ? others : serving;
    if (candidates.length === 0) return null;
    // Cases held from now on, those taken later (the showcase's) included: the capacity holds at every moment after.
    const load = (m: PlannedMediator) => m.busy.filter(([, until]) => until > at).length;
    const score = (m: PlannedMediator) =>
      (m.row.specialities.includes(spec.category) ? 2 : 0) + (m.steward.deliberationRole === 'dispute_mediator' ? 1 : 0) - load(m) / m.row.capacity + this.rand() * 0.5;
    const free = candidates.filter((m) => load(m) < m.row.capacity);
    return (free.length ? free : candidates).reduce((best, m) => (score(m) > score(best) ? m : best));
  }

  // ---- Random cases ---------------------------------------------------------------------------------

  private randomSpec(c: DemoCommunity, openedAt: number): Spec {
    const category = weighted(Object.entries(CATEGORY_WEIGHTS).map(([k, w]) => [k as DisputeCategory, c.village ? w.village : w.urban] as const), this.rand);
    const samples = T.CASE_SAMPLES[category].filter((s) => !s.where || s.where === (c.village ? 'village' : 'urban'));
    const sample = pick(samples, this.rand);
    const criminal = this.rand() < SHARE.criminalRisk;
    const court = ['labour_injury', 'consumer', 'marriage_family', 'other'].includes(category) && this.rand() < SHARE.courtReferral;
    const grid = pick(c.grids, this.rand);
    let level = sample.level;
    if (court) level = this.organisations.some((o) => o.kind === 'judge_studio' && o.region === c.street) ? 'street' : 'county';
    const escalatedFrom = !court && level !== 'grid' && this.rand() < SHARE.escalated ? LOWER[level] : null;
    const failed = this.rand() < SHARE.failed;
    const outcome: Knobs['outcome'] = failed ? weighted(FAILURES.filter(([o]) => o !== 'referred_arbitration' || sample.arbitration), this.rand) : 'settled';
    return {
      community: c,
      grid,
      openedAt,
      category,
      sample,
      source: court ? 'court_referral' : 'walk_in',
      sourceMeetingId: null,
      level,
      escalatedFrom,
      risk: criminal ? 'high' : this.rand() < SHARE.mediumRisk ? 'medium' : 'low',
      criminal,
      mediator: null,
      k: this.knobs(sample, outcome, criminal),
    };
  }

  private deliberationSpec(d: DeliberationCase): Spec {
    const sample = d.community.village ? T.DELIBERATION_SAMPLES.village : T.DELIBERATION_SAMPLES.urban;
    return {
      community: d.community,
      grid: d.community.grids[0]!,
      openedAt: d.openedAt,
      category: d.community.village ? 'land_boundary' : 'neighbours',
      sample,
      source: 'deliberation',
      sourceMeetingId: d.meetingId,
      level: 'community',
      escalatedFrom: null,
      risk: 'medium',
      criminal: false,
      mediator: null,
      k: this.knobs(sample, 'settled', false),
    };
  }

  private knobs(sample: T.CaseSample, outcome: Knobs['outcome'], urgent: boolean): Knobs {
    const money = sample.claimYuan !== null || sample.monthlyYuan !== undefined;
    const withdrawnEarly = outcome === 'withdrawn' && this.rand() < SHARE.withdrawnBeforeSession;
    const confirm = this.rand() < (money ? SHARE.confirmationWithMoney : SHARE.confirmationOther);
    // Courts reject few; the demo's rejections are of agreements settled at once, not of years of instalments.
    const rejected = !sample.months && this.rand() < SHARE.confirmationRejected;
    return {
      assignAfter: (urgent ? this.between(0.3, 2) : this.between(1, 30)) * HOUR,
      scheduleAfter: this.between(1, 24) * HOUR,
      sessionIn: this.between(1, 5) * DAY,
      sessionLength: this.between(1, 3) * HOUR,
      online: this.rand() < SHARE.online,
      cancelledFirst: this.rand() < SHARE.cancelledSession,
      sessions: withdrawnEarly ? 0 : outcome === 'settled' ? (this.rand() < SHARE.secondSession ? 2 : 1) : 1 + Math.floor(this.rand() * 3),
      gap: this.between(1, 6) * DAY,
      reassignAfter: this.between(2, 30) * HOUR,
      outcome,
      closeAfter: this.between(0.2, 3) * DAY,
      redraft: this.rand() < SHARE.redraft,
      performanceDays: Math.round(this.between(3, 25)),
      months: sample.months ? Math.round(this.between(...sample.months)) : 0,
      confirm: confirm ? { afterDays: this.between(1, 22), decideAfterDays: this.between(5, 18), confirmed: !rejected } : null,
      unpaidSinceDays: null,
    };
  }

  // ---- One case ---------------------------------------------------------------------------------------

  private tell(spec: Spec): CaseStory {
    const c = spec.community;
    const openedAt = spec.openedAt;
    const startLevel = spec.escalatedFrom ?? spec.level;
    const row = this.caseRow(spec, openedAt, startLevel);
    const s = new CaseStory(row, this.now);
    this.stories.push(s);
    this.addParties(s, spec);
    const opener = spec.source === 'court_referral' ? staff(`${c.county}-admin`) : startLevel === 'grid' ? gridWorker(spec.grid) : admin(nodeAt(spec.grid, startLevel)!);
    s.open(opener);
    if (spec.criminal) s.alert(opener);

    let m = this.assign(s, spec, startLevel, openedAt + spec.k.assignAfter);
    if (!m) return s;
    const k = spec.k;
    if (k.sessions === 0) {
      this.close(s, m, s.t + k.closeAfter, 'withdrawn');
      return this.release(s, m);
    }
    let at = s.t + k.scheduleAfter;
    if (k.cancelledFirst) {
      const cancelled = this.session(s, spec, m, at, 'cancelled');
      if (cancelled === null) return this.release(s, m);
      at = cancelled + this.between(2, 24) * HOUR;
    }
    for (let i = 0; i < k.sessions; i++) {
      const last = i === k.sessions - 1;
      const kind = !last ? 'first' : k.outcome === 'settled' ? 'settled' : 'failed';
      const held = this.session(s, spec, m, at, spec.escalatedFrom && i === 0 ? 'first' : kind);
      if (held === null) return this.release(s, m);
      if (spec.escalatedFrom && i === 0 && s.row.level !== spec.level) {
        // The first session showed the place's level could not settle it: up one level, a new mediator there.
        if (s.step(held + this.between(1, 30) * HOUR, 'escalated', doer(m), T.ESCALATION_REASONS[spec.level as Exclude<CaseLevel, 'grid'>], {
          level: spec.level, state: 'opened', mediatorId: null, organisationId: null, assignedAt: null, escalations: s.row.escalations + 1,
        }) === null)
          return this.release(s, m);
        this.release(s, m);
        m = this.assign(s, spec, spec.level, s.t + k.reassignAfter, m);
        if (!m) return s;
        at = s.t + k.scheduleAfter;
        i--;
        spec = { ...spec, escalatedFrom: null };
        continue;
      }
      at = held + k.gap;
    }
    if (k.outcome !== 'settled') {
      this.close(s, m, s.t + k.closeAfter, k.outcome);
      return this.release(s, m);
    }
    const agreedAt = this.settle(s, spec, m, s.t + this.between(10, 40) * MINUTE);
    if (agreedAt !== null) this.perform(s, spec, m, agreedAt);
    return this.release(s, m);
  }

  private caseRow(spec: Spec, openedAt: number, level: CaseLevel): DemoCaseRow {
    const county = countyOf(spec.grid);
    const amountFen = spec.sample.monthlyYuan ? spec.sample.monthlyYuan * spec.k.months * 100 : spec.sample.claimYuan ? roundTo(this.between(...spec.sample.claimYuan), 100) * 100 : null;
    return {
      id: randomUUID(),
      number: '',
      source: spec.source,
      sourceMeetingId: spec.sourceMeetingId,
      courtReference: spec.source === 'court_referral' ? this.courtReference(county, openedAt) : null,
      category: spec.category,
      title: spec.sample.title,
      facts: '',
      region: spec.grid,
      county,
      level,
      amountFen,
      risk: spec.risk,
      criminalRisk: spec.criminal,
      policeGrid: spec.criminal ? policeGridOf(spec.grid) : null,
      state: 'opened',
      outcome: null,
      organisationId: null,
      mediatorId: null,
      escalations: 0,
      agreementVersion: null,
      agreedAt: null,
      confirmationDeadline: null,
      confirmationState: 'none',
      confirmationCourt: null,
      confirmationRequestedAt: null,
      confirmationDecidedAt: null,
      confirmationRuling: null,
      remindersSent: 0,
      openedBy: DEMO_SEED_ACCOUNT_ID,
      openedAt: new Date(openedAt),
      assignedAt: null,
      updatedAt: new Date(openedAt),
      closedAt: null,
      version: 1,
    };
  }

  /** （2026）鄂0802民诉前调0137号: the court's pre-litigation referral number, running per county. */
  private courtReference(county: string, at: number): string {
    const n = (this.courtReferences.get(county) ?? 100 + Math.floor(this.rand() * 50)) + 1 + Math.floor(this.rand() * 6);
    this.courtReferences.set(county, n);
    const court = T.COURTS[county] ?? { code: county };
    return `（${localDay(at).slice(0, 4)}）${court.code}民诉前调${String(n).padStart(4, '0')}号`;
  }

  private addParties(s: CaseStory, spec: Spec): void {
    const kinds: [T.PartyKind, 'applicant' | 'respondent'][] = [
      [spec.sample.applicant, 'applicant'],
      [spec.sample.respondent, 'respondent'],
    ];
    if (spec.category === 'marriage_family' && spec.sample.respondent === 'person' && this.rand() < SHARE.thirdParty) kinds.push(['person', 'respondent']);
    for (const [i, [kind, role]] of kinds.entries()) {
      const person = kind === 'person';
      const n = this.partyCount++;
      s.parties.push({
        id: randomUUID(),
        caseId: s.row.id,
        position: i + 1,
        role,
        name: person ? this.personName(n) : this.companyName(kind, spec),
        // Distinct numbers: 7,919 is coprime with 10^8.
        phone: person ? `${T.PHONE_PREFIXES[n % T.PHONE_PREFIXES.length]}${String(10_000_000 + ((n * 7_919) % 90_000_000)).padStart(8, '0')}` : `0724-${2_200_000 + ((n * 377) % 700_000)}`,
        idNumber: person && this.rand() < SHARE.idNumber ? this.idNumber(s.row.county, n) : null,
        acceptedVersion: null,
        acceptedAt: null,
      });
    }
    const fill = (text: string) => this.fill(text, s, spec, null);
    s.row.facts = fill(spec.sample.facts);
  }

  private personName(n: number): string {
    // Offset from the mediators' names so parties and mediators rarely share one.
    return T.SURNAMES[(n * 17 + 7) % T.SURNAMES.length]! + T.GIVEN_NAMES[(n * 11 + 3) % T.GIVEN_NAMES.length]!;
  }

  private companyName(kind: T.PartyKind, spec: Spec): string {
    const seg = spec.community.seg;
    if (kind === 'property') return T.PROPERTY_COMPANIES[seg] ?? T.DEFAULT_PROPERTY_COMPANY;
    if (kind === 'cooperative') return T.COOPERATIVES[seg] ?? T.DEFAULT_COOPERATIVE;
    if (kind === 'merchant') return spec.sample.merchant ?? T.EMPLOYERS[0]!;
    return pick(T.EMPLOYERS, this.rand);
  }

  /** A synthetic ID number of the county that passes the GB 11643 checksum. */
  private idNumber(county: string, n: number): string {
    const birth = `${1950 + Math.floor(this.rand() * 50)}${String(1 + Math.floor(this.rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(this.rand() * 28)).padStart(2, '0')}`;
    const first17 = `${T.AREA_CODES[county] ?? '420800'}${birth}${String(n % 1000).padStart(3, '0')}`;
    return first17 + idCardCheckChar(first17);
  }

  /** A text of texts.ts with its placeholders filled for this case. */
  private fill(text: string, s: CaseStory, spec: Spec, terms: { amount: number; monthly: number; months: number; deadline: string; firstMonth: string } | null): string {
    const applicant = s.parties.find((p) => p.role === 'applicant')!;
    const respondent = s.parties.find((p) => p.role === 'respondent')!;
    const values: Record<string, string> = {
      place: this.placeOf(spec),
      community: spec.community.zh,
      street: spec.community.streetZh,
      county: spec.community.countyZh,
      applicant: applicant.name,
      respondent: respondent.name,
      merchant: spec.sample.merchant ?? respondent.name,
      claim: String((s.row.amountFen ?? 0) / 100),
      year: localDay(s.row.openedAt.getTime()).slice(0, 4),
      ...(terms ? { amount: String(terms.amount), monthly: String(terms.monthly), months: String(terms.months), deadline: terms.deadline, firstMonth: terms.firstMonth } : {}),
    };
    return text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
  }

  /** 象山新村3栋2单元 in a compound, 马咀村三组 in a village. */
  private placeOf(spec: Spec): string {
    const c = spec.community;
    if (c.village) return `${c.zh}${T.CHINESE_NUMERALS[Math.floor(this.rand() * 8)]}组`;
    const compound = T.COMPOUNDS_ZH[c.seg]?.[c.grids.indexOf(spec.grid)] ?? `${c.zh}小区`;
    return `${compound}${1 + Math.floor(this.rand() * 12)}栋${1 + Math.floor(this.rand() * 3)}单元`;
  }

  private assign(s: CaseStory, spec: Spec, level: CaseLevel, at: number, previous: PlannedMediator | null = null): PlannedMediator | null {
    const when = s.next(officeHours(at, this.rand));
    const m = spec.mediator && spec.mediator.org.level === level ? spec.mediator : this.chooseMediator(spec, level, when, previous?.row.personId ?? null);
    if (!m) return null;
    const w = s.step(when, 'assigned', admin(nodeAt(spec.grid, level)!), `${m.org.name} ${m.row.name}`, {
      state: 'assigned', organisationId: m.org.id, mediatorId: m.row.id, assignedAt: new Date(when),
    });
    if (w === null) return null;
    m.busy.push([w, Infinity]);
    return m;
  }

  /** The mediator's hold on the case ends when it closes or moves up a level. */
  private release(s: CaseStory, m: PlannedMediator): CaseStory {
    const held = m.busy.at(-1);
    if (held && held[1] === Infinity && (s.row.state === 'closed' || s.row.mediatorId !== m.row.id)) held[1] = s.t;
    return s;
  }

  /** A session scheduled at `at` and recorded after it; the time it was recorded, or null once the story reaches now. */
  private session(s: CaseStory, spec: Spec, m: PlannedMediator, at: number, kind: 'first' | 'settled' | 'failed' | 'cancelled'): number | null {
    const scheduledAt = officeHours(at, this.rand);
    const startsAt = sessionStart(scheduledAt + spec.k.sessionIn, this.rand);
    const seq = s.sessions.length + 1;
    const online = spec.k.online;
    const mode = online ? 'online' : 'in_person';
    const w = s.step(scheduledAt, 'session_scheduled', doer(m), `session ${seq} (${mode}) at ${new Date(startsAt).toISOString()}`, s.row.state === 'assigned' ? { state: 'mediating' } : undefined);
    if (w === null) return null;
    const session = {
      id: randomUUID(),
      caseId: s.row.id,
      seq,
      mode,
      startsAt: new Date(startsAt),
      place: online ? null : sessionPlace(m.org, spec.community),
      meetingLink: online ? `https://meeting.tencent.com/dm/${meetingCode(this.rand)}` : null,
      state: 'scheduled',
      attendedPartyIds: [],
      notes: null,
      recordedAt: null,
      recordedBy: null,
    } satisfies DemoSessionRow;
    s.sessions.push(session);
    const recorded = s.step(startsAt + spec.k.sessionLength, kind === 'cancelled' ? 'session_cancelled' : 'session_held', doer(m), `session ${seq}`);
    if (recorded === null) return null;
    const notes = kind === 'cancelled' ? pick(T.SESSION_NOTES.cancelled, this.rand) : pick(T.SESSION_NOTES[kind], this.rand);
    Object.assign(session, {
      state: kind === 'cancelled' ? 'cancelled' : 'held',
      attendedPartyIds: kind === 'cancelled' ? [] : s.parties.map((p) => p.id),
      notes: online && kind !== 'cancelled' ? `${T.SESSION_NOTES.online}${notes}` : notes,
      recordedAt: new Date(recorded),
      recordedBy: DEMO_SEED_ACCOUNT_ID,
    });
    return recorded;
  }

  private close(s: CaseStory, m: PlannedMediator, at: number, outcome: CaseOutcome, note?: string): number | null {
    const when = s.next(officeHours(at, this.rand));
    return s.step(when, 'closed', doer(m), note ?? pick(T.CLOSING_NOTES[outcome], this.rand), { state: 'closed', outcome, closedAt: new Date(when) });
  }

  // ---- Agreement, confirmation and performance ----------------------------------------------------------

  /** Drafts the agreement (twice when a party asks for a change) and records every party's signature; the moment it took effect. */
  private settle(s: CaseStory, spec: Spec, m: PlannedMediator, at: number): number | null {
    const k = spec.k;
    let agreement = this.draftAgreement(s, spec, at, 1);
    if (s.step(at, 'agreement_drafted', doer(m), 'version 1', { agreementVersion: 1 }) === null) return null;
    s.agreements.push(agreement);
    if (k.redraft) {
      const first = s.parties[0]!;
      const signed = s.step(at + 3 * MINUTE, 'agreement_accepted', doer(m), `party 1 (${first.role}), signed in person`);
      if (signed === null) return null;
      Object.assign(first, { acceptedVersion: 1, acceptedAt: new Date(signed) });
      const redraftAt = officeHours(signed + this.between(1, 3) * DAY, this.rand);
      agreement = this.draftAgreement(s, spec, redraftAt, 2);
      if (s.step(redraftAt, 'agreement_drafted', doer(m), 'version 2', { agreementVersion: 2 }) === null) return null;
      s.agreements.push(agreement);
    }
    const v = agreement.version;
    for (const p of s.parties) {
      const signed = s.step(s.t + this.between(1, 4) * MINUTE, 'agreement_accepted', doer(m), `party ${p.position} (${p.role}), signed in person`);
      if (signed === null) return null;
      Object.assign(p, { acceptedVersion: v, acceptedAt: new Date(signed) });
    }
    const agreedAt = s.t;
    if (s.step(agreedAt, 'agreed', doer(m), `version ${v}`, { state: 'agreed', agreedAt: new Date(agreedAt), confirmationDeadline: confirmationDeadline(new Date(agreedAt)) }) === null) return null;
    // The agreement's instalments become payment follow-ups, and one visit checks the whole on its deadline.
    for (const [n, i] of agreement.instalments.entries())
      s.followUps.push(followUp(s, 'payment', i.dueOn, i.amountFen, `第${n + 1}期`, agreedAt));
    s.followUps.push(followUp(s, 'visit', agreement.performanceDeadline, null, '履行期限届满回访', agreedAt));
    return agreedAt;
  }

  private draftAgreement(s: CaseStory, spec: Spec, at: number, version: number): DemoAgreementRow {
    const k = spec.k;
    const sample = spec.sample;
    const claim = (s.row.amountFen ?? 0) / 100;
    const months = sample.months ? k.months : 0;
    let amount = sample.monthlyYuan ? sample.monthlyYuan * months : roundTo(claim * this.between(0.6, 1), 100);
    if (sample.claimYuan && amount < 100) amount = claim;
    const monthly = sample.monthlyYuan ?? (months ? roundTo(amount / months, 100) : 0);
    if (months && !sample.monthlyYuan) amount = monthly * months;
    const instalments: { dueOn: string; amountFen: number }[] = [];
    // Wages and allowances on the 15th (as the work-injury settlement has it), family support on the 10th.
    const payDay = spec.category === 'labour_injury' ? 15 : 10;
    const agreedDay = localDay(at);
    let deadline: string;
    if (months) {
      for (let i = 1; i <= months; i++) instalments.push({ dueOn: monthDay(agreedDay, i, payDay), amountFen: monthly * 100 });
      deadline = instalments.at(-1)!.dueOn;
    } else {
      deadline = localDay(at + k.performanceDays * DAY);
      if (sample.claimYuan) instalments.push({ dueOn: localDay(at + Math.max(2, k.performanceDays - 2) * DAY), amountFen: amount * 100 });
    }
    // A second draft gives the respondent ten more days: what the party asked to change.
    if (version > 1) deadline = localDay(Date.parse(`${deadline}T12:00:00+08:00`) + 10 * DAY);
    const values = { amount, monthly, months, deadline: chineseDay(deadline), firstMonth: chineseMonth(instalments[0]?.dueOn ?? deadline) };
    const terms = sample.terms.map((t) => this.fill(t, s, spec, values));
    if (version > 1) terms.push('应被申请人请求，履行期限较初稿延长十日，其余条款不变。');
    return {
      caseId: s.row.id,
      version,
      template: sample.template,
      facts: `${s.row.facts}经调解，双方对上述事实无异议。`,
      terms,
      performanceMethod: sample.performanceMethod,
      performanceDeadline: deadline,
      instalments,
      draftedBy: DEMO_SEED_ACCOUNT_ID,
      draftedAt: new Date(at),
    };
  }

  /**
   * Everything after the agreement took effect, in the order it happens: instalments paid (some
   * late, after the clock reported them overdue), the joint application for judicial confirmation
   * and the court's ruling, or the clock's reminders and the lapse; the closing visit.
   */
  private perform(s: CaseStory, spec: Spec, m: PlannedMediator, agreedAt: number): void {
    const k = spec.k;
    const deadline = agreedAt + 30 * DAY;
    const events: { at: number; run: () => number | null | undefined }[] = [];
    const court = T.COURTS[s.row.county]?.name ?? `${spec.community.countyZh}人民法院`;
    // A respondent whose agreement the court will not confirm does not perform it.
    const performs = !k.confirm || k.confirm.confirmed;
    let lastRecorded = agreedAt;
    for (const f of s.followUps) {
      const due = dayStart(f.dueOn);
      const n = s.followUps.filter((x) => x.kind === 'payment').indexOf(f) + 1;
      const unpaidRecently = k.unpaidSinceDays !== null ? due >= this.now - k.unpaidSinceDays * DAY : due > this.now - RECENT_DAYS * DAY && this.rand() < SHARE.unpaidRecent;
      const unpaid = !performs || (f.kind === 'payment' && unpaidRecently);
      const late = !unpaid && f.kind === 'payment' && this.rand() < SHARE.latePayment;
      const recordAt = late ? due + Math.round(this.between(1, 8)) * DAY + this.between(9, 17) * HOUR : Math.max(due + this.between(9, 17) * HOUR, lastRecorded + HOUR);
      if (!unpaid) lastRecorded = Math.max(lastRecorded, recordAt);
      const amount = (f.amountFen ?? 0) / 100;
      const note = f.kind === 'visit' ? T.FOLLOW_UP_NOTES.visit : (late ? T.FOLLOW_UP_NOTES.paidLate : T.FOLLOW_UP_NOTES.paid).replace('{n}', String(n)).replace('{amount}', String(amount)).replace('{days}', String(Math.floor((recordAt - due) / DAY)));
      if (!unpaid)
        events.push({
          at: recordAt,
          run: () => (s.row.state === 'agreed' && !f.recordedAt ? this.recordFollowUp(s, m, f, recordAt, true, note) : undefined),
        });
      // The clock reports an instalment or visit not recorded by the end of its day (China time).
      events.push({
        at: due + DAY,
        run: () => {
          if (f.recordedAt || s.row.state !== 'agreed') return undefined;
          const w = s.step(due + DAY, 'follow_up_overdue', SYSTEM, `${f.kind} due ${f.dueOn} not recorded`);
          if (w !== null) f.overdueReported = true;
          return w;
        },
      });
    }
    let decidedAt = 0;
    if (k.confirm) {
      const requestedAt = officeHours(agreedAt + k.confirm.afterDays * DAY, this.rand);
      decidedAt = officeHours(requestedAt + k.confirm.decideAfterDays * DAY, this.rand);
      const rejected = !performs;
      const ruling = `（${localDay(decidedAt).slice(0, 4)}）${T.COURTS[s.row.county]?.code ?? ''}民特${String(200 + Math.floor(this.rand() * 700)).padStart(4, '0')}号`;
      if (requestedAt < deadline)
        events.push({
          at: requestedAt,
          run: () =>
            s.row.state === 'agreed' && s.row.confirmationState === 'none'
              ? s.step(requestedAt, 'confirmation_requested', doer(m), court, { confirmationState: 'requested', confirmationCourt: court, confirmationRequestedAt: new Date(s.next(requestedAt)) })
              : undefined,
        });
      events.push({
        at: decidedAt,
        run: () =>
          s.row.state === 'agreed' && s.row.confirmationState === 'requested'
            ? s.step(decidedAt, `confirmation_${rejected ? 'rejected' : 'confirmed'}`, doer(m), ruling, {
                confirmationState: rejected ? 'rejected' : 'confirmed', confirmationRuling: ruling, confirmationDecidedAt: new Date(s.next(decidedAt)),
              })
            : undefined,
      });
      if (!performs) {
        // The court would not confirm it and the respondent will not perform: the applicant goes to court.
        const closeAt = officeHours(decidedAt + this.between(2, 10) * DAY, this.rand);
        events.push({
          at: closeAt,
          run: () => {
            if (s.row.state !== 'agreed') return undefined;
            for (const f of s.followUps.filter((x) => !x.recordedAt)) if (this.recordFollowUp(s, m, f, closeAt, false, T.FOLLOW_UP_NOTES.abandoned) === null) return null;
            return this.close(s, m, closeAt, 'referred_litigation', T.CLOSING_NOTES.rejected);
          },
        });
      }
    }
    // The clock's reminders 7 and 2 days before the window closes, and the lapse when it does, while nobody applied.
    for (const [i, days] of [7, 2].entries())
      events.push({
        at: deadline - days * DAY,
        run: () =>
          s.row.state === 'agreed' && s.row.confirmationState === 'none'
            ? s.step(deadline - days * DAY, 'confirmation_reminded', SYSTEM, `${days} days left to apply jointly for judicial confirmation`, { remindersSent: i + 1 })
            : undefined,
      });
    events.push({
      at: deadline,
      run: () =>
        s.row.state === 'agreed' && s.row.confirmationState === 'none'
          ? s.step(deadline, 'confirmation_lapsed', SYSTEM, 'no joint application for judicial confirmation within the window', { confirmationState: 'lapsed' })
          : undefined,
    });
    if (performs) {
      const closeAt = Math.max(lastRecorded, decidedAt) + this.between(5, 60) * MINUTE;
      events.push({ at: closeAt, run: () => (s.row.state === 'agreed' && s.followUps.every((f) => f.recordedAt) ? this.close(s, m, closeAt, 'performed') : undefined) });
    }
    for (const e of events.sort((a, b) => a.at - b.at)) {
      if (e.at > this.now) break;
      if (e.run() === null) break;
    }
  }

  private recordFollowUp(s: CaseStory, m: PlannedMediator, f: DemoFollowUpRow, at: number, done: boolean, note: string): number | null {
    const w = s.step(at, 'follow_up_recorded', doer(m), `${f.kind} due ${f.dueOn}: ${done ? 'done' : 'not done'}`);
    if (w === null) return null;
    Object.assign(f, { done, paidFen: f.kind === 'payment' ? (done ? f.amountFen : 0) : null, note, recordedAt: new Date(w), recordedBy: DEMO_SEED_ACCOUNT_ID });
    return w;
  }

  // ---- The showcase ---------------------------------------------------------------------------------------

  /**
   * What every county shows today whatever the day: a case just in, one awaiting a mediator after
   * escalation, one assigned, one with a session tomorrow (online), agreements inside the
   * confirmation window with no, one and two reminders, one before the court, one rejected, one
   * lapsed, the 2,600-yuan-a-month work-injury allowance with an instalment overdue, and a closed
   * case of every outcome.
   */
  private showcase(county: string): void {
    const inCounty = this.communities.filter((c) => c.county === county);
    const urban = inCounty.find((c) => !c.village) ?? inCounty[0]!;
    const village = inCounty.find((c) => c.village) ?? inCounty[0]!;
    const make = (c: DemoCommunity, category: DisputeCategory, title: string, daysAgo: number, k: Partial<Knobs>, over: Partial<Spec> = {}) => {
      const sample = T.CASE_SAMPLES[category].find((x) => x.title.includes(title))!;
      // Brought in at half past nine that day (the case just in: `daysAgo` before now exactly).
      const openedAt = daysAgo < 1 ? this.now - daysAgo * DAY : localMidnight(this.now - daysAgo * DAY) + 9.5 * HOUR;
      const spec: Spec = { ...this.randomSpec(c, openedAt), category, sample, level: sample.level, escalatedFrom: null, source: 'walk_in', criminal: false, risk: 'low', ...over };
      if (spec.source === 'court_referral') spec.level = this.organisations.some((o) => o.kind === 'judge_studio' && o.region === c.street) ? 'street' : 'county';
      spec.k = { ...this.knobs(sample, 'settled', false), redraft: false, cancelledFirst: false, online: false, confirm: null, assignAfter: 2 * HOUR, scheduleAfter: 2 * HOUR, sessionIn: DAY, ...k };
      this.tell(spec);
    };
    const hours = (h: number) => h * HOUR;
    // Waiting for a mediator: just in, and sent up to the street after its first session.
    make(urban, 'neighbours', '漏水', 2 / 24, { assignAfter: hours(30) });
    make(village, 'land_boundary', '宅基地', 9, { reassignAfter: 30 * DAY }, { escalatedFrom: 'community', level: 'street', criminal: true, risk: 'high' });
    // With a mediator: no session yet; a video session tomorrow.
    make(urban, 'property_management', '电梯', 1.2, { assignAfter: hours(4), scheduleAfter: hours(60) });
    make(urban, 'labour_injury', '解除劳动合同', 4, { scheduleAfter: hours(10), sessionIn: 5 * DAY, online: true });
    // Agreed inside the confirmation window: no reminder yet, one, two; before the court.
    make(urban, 'property_management', '车库', 9, { sessions: 1, performanceDays: 20 });
    make(village, 'marriage_family', '赡养', 26, { sessions: 1, months: 10 });
    make(urban, 'other', '借贷', 30, { sessions: 1, months: 8 });
    make(urban, 'consumer', '装修', 26, { sessions: 2, gap: 2 * DAY, performanceDays: 45, confirm: { afterDays: 8, decideAfterDays: 20, confirmed: true } });
    // The court's referrals: the 2,600 yuan a month confirmed, with this month's instalment overdue; a confirmation just rejected.
    make(urban, 'labour_injury', '伤残待遇', 110, { sessions: 2, gap: 3 * DAY, months: 24, unpaidSinceDays: 25, confirm: { afterDays: 6, decideAfterDays: 9, confirmed: true } }, { source: 'court_referral', risk: 'medium' });
    make(urban, 'labour_injury', '一次性伤残', 40, { sessions: 1, performanceDays: 28, confirm: { afterDays: 5, decideAfterDays: 32, confirmed: false } }, { source: 'court_referral' });
    // Past the window without an application: lapsed, still being paid.
    make(village, 'other', '借贷', 80, { sessions: 1, months: 10 });
    // Closed with every outcome.
    make(urban, 'neighbours', '犬只', 60, { sessions: 1, performanceDays: 10 });
    make(village, 'land_boundary', '林地', 70, { sessions: 3, outcome: 'referred_litigation' });
    make(urban, 'labour_injury', '农民工', 50, { sessions: 2, outcome: 'referred_arbitration' }, { criminal: true, risk: 'high' });
    make(urban, 'consumer', '健身房', 45, { sessions: 0, outcome: 'withdrawn' });
    make(village, 'marriage_family', '继承', 90, { sessions: 3, outcome: 'no_agreement' });
  }

  /** A community's dispute mediator (the `baishipo-mediator` login among them) has cases at every stage. */
  private featured(m: PlannedMediator): void {
    const c = this.communities.find((x) => x.path === m.org.region);
    if (!c) return;
    const make = (daysAgo: number, category: DisputeCategory, title: string, k: Partial<Knobs>) => {
      const sample = T.CASE_SAMPLES[category].find((x) => x.title.includes(title))!;
      const spec: Spec = { ...this.randomSpec(c, localMidnight(this.now - daysAgo * DAY) + 10 * HOUR), category, sample, level: 'community', escalatedFrom: null, source: 'walk_in', criminal: false, risk: 'low', mediator: m };
      spec.k = { ...this.knobs(sample, 'settled', false), redraft: false, cancelledFirst: false, online: false, confirm: null, assignAfter: 2 * HOUR, scheduleAfter: 2 * HOUR, sessionIn: DAY, ...k };
      this.tell(spec);
    };
    make(1.5, 'neighbours', '犬只', { scheduleAfter: 60 * HOUR });
    make(3, 'marriage_family', '赡养', { sessionIn: 4 * DAY });
    make(12, 'other', '借贷', { sessions: 2, gap: 2 * DAY, months: 6, redraft: true });
    make(40, 'other', '电动车与行人', { sessions: 1, performanceDays: 7 });
  }

  // ---- Assembly ---------------------------------------------------------------------------------------------

  private assemble(meetings: ReturnType<typeof planMeetings>): DemoPlan {
    const stories = [...this.stories].sort((a, b) => a.row.openedAt.getTime() - b.row.openedAt.getTime());
    const counters = new Map<string, { county: string; year: number; last: number }>();
    for (const s of stories) {
      // As the service numbers them: the county's running number in the year it was opened.
      const year = s.row.openedAt.getFullYear();
      const key = `${s.row.county}/${year}`;
      const counter = counters.get(key) ?? { county: s.row.county, year, last: 0 };
      counter.last++;
      counters.set(key, counter);
      s.row.number = caseNumber(s.row.county, year, counter.last);
    }
    const timeline = stories.flatMap((s, i) => s.timeline.map((e, j) => ({ e, i, j }))).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i || a.j - b.j);
    return {
      organisations: this.organisations,
      mediators: this.mediators.map((m) => m.row),
      meetings: meetings.meetings,
      agendaItems: meetings.agendaItems,
      listItems: meetings.listItems,
      decisions: meetings.decisions,
      cases: stories.map((s) => s.row),
      parties: stories.flatMap((s) => s.parties),
      timeline: timeline.map((x) => x.e),
      policeAlerts: stories.flatMap((s) => s.alerts),
      sessions: stories.flatMap((s) => s.sessions),
      agreements: stories.flatMap((s) => s.agreements),
      followUps: stories.flatMap((s) => s.followUps),
      counters: [...counters.values()],
    };
  }

  private between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.rand();
  }
}

const KIND_LABEL: Record<OrganisationKind, string> = { committee: 'mediator', five_elders: 'elders', judge_studio: 'studio', county_centre: 'centre' };
const LOWER: Record<CaseLevel, CaseLevel | null> = { grid: null, community: 'grid', street: 'community', county: 'street' };

function doer(m: PlannedMediator): Doer {
  return staff(m.label);
}
function admin(node: string): Doer {
  return staff(`${node.split('/').at(-1)}-admin`);
}
function gridWorker(grid: string): Doer {
  const [, , , community, g] = grid.split('/');
  return staff(`${community}-${g}-grid`);
}

function disputeMediators(communities: readonly DemoCommunity[]): DemoSteward[] {
  return communities.flatMap((c) => c.stewards.filter((s) => s.deliberationRole === 'dispute_mediator'));
}

function followUp(s: CaseStory, kind: 'payment' | 'visit', dueOn: string, amountFen: number | null, note: string, createdAt: number): DemoFollowUpRow {
  return { id: randomUUID(), caseId: s.row.id, kind, dueOn, amountFen, paidFen: null, done: null, note, recordedAt: null, recordedBy: null, overdueReported: false, createdAt: new Date(createdAt) };
}

/** Where a session is held in person: the organisation's own room. */
function sessionPlace(o: DemoOrganisationRow, c: DemoCommunity): string {
  if (o.kind === 'county_centre') return `${o.name}调解室`;
  if (o.kind === 'judge_studio') return `${o.name}（${c.streetZh}综治中心）`;
  if (o.kind === 'five_elders') return `${c.zh}“五老”调解室`;
  if (o.level === 'street') return `${c.streetZh}综治中心调解室`;
  if (o.level === 'grid') return `${o.name.replace(/调解小组$/, '')}工作站`;
  return `${c.zh}党群服务中心调解室`;
}

/** Sessions start on the hour or half hour in office time (China). */
function sessionStart(at: number, rand: () => number): number {
  const day = localMidnight(at);
  const slot = pick([9, 9.5, 10, 14.5, 15, 16], rand);
  return day + slot * HOUR;
}

function meetingCode(rand: () => number): string {
  return String(Math.floor(100_000_000 + rand() * 899_999_999));
}

/** The `day`-th of the month `monthsAfter` months after the local day given. */
function monthDay(localDayText: string, monthsAfter: number, day: number): string {
  const [y, m] = localDayText.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + monthsAfter;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function chineseMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${y}年${m}月`;
}

function roundTo(x: number, step: number): number {
  return Math.max(step, Math.round(x / step) * step);
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

// ---- A case's story ------------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Jingmen keeps China Standard Time (UTC+8): days, office hours and due dates are local. */
const CHINA_UTC_OFFSET = 8 * HOUR;
const OFFICE_OPENS_HOUR = 8.5;
const OFFICE_CLOSES_HOUR = 17.5;

/** Who did a step, as the timeline records it. */
interface Doer {
  accountId: string | null;
  label: string;
}
const SYSTEM: Doer = { accountId: null, label: 'system' };
/** Staff steps are recorded under the seed's account, labelled like the demo logins. */
function staff(label: string): Doer {
  return { accountId: DEMO_SEED_ACCOUNT_ID, label };
}

/**
 * One case being told: its row as it stands after each step, and the rows its steps create. A
 * step never goes back in time, and the first one after `now` ends the story — what would come
 * next has not happened yet.
 */
class CaseStory {
  readonly parties: PlannedParty[] = [];
  readonly timeline: DemoTimelineRow[] = [];
  readonly sessions: DemoSessionRow[] = [];
  readonly agreements: DemoAgreementRow[] = [];
  readonly followUps: DemoFollowUpRow[] = [];
  readonly alerts: DemoPoliceAlertRow[] = [];
  /** The time of the last step. */
  t: number;
  private ended = false;

  constructor(
    readonly row: DemoCaseRow,
    private readonly now: number,
  ) {
    this.t = row.openedAt.getTime();
  }

  /** When a step meant for `at` happens: whole milliseconds (the database keeps them exactly), never before the last step. */
  next(at: number): number {
    return Math.max(Math.round(at), this.t);
  }

  open(by: Doer): void {
    this.timeline.push({ caseId: this.row.id, action: 'opened', fromState: null, toState: 'opened', actorAccountId: by.accountId, actorLabel: by.label, note: null, at: this.row.openedAt });
  }

  /** 民转刑: the police grid of the place is alerted as the case opens. */
  alert(by: Doer): void {
    const policeGrid = this.row.policeGrid!;
    this.alerts.push({ id: randomUUID(), caseId: this.row.id, policeGrid, risk: this.row.risk, raisedBy: by.accountId, at: this.row.openedAt });
    this.timeline.push({ caseId: this.row.id, action: 'police_alerted', fromState: 'opened', toState: 'opened', actorAccountId: by.accountId, actorLabel: by.label, note: policeGrid, at: this.row.openedAt });
  }

  /**
   * A step at `at` (never before the last): the patch applied as the service applies it (a new
   * version, updated_at), the timeline entry written. Null, and the story over, once it is after now.
   */
  step(at: number, action: string, by: Doer, note: string | null, patch?: Partial<DemoCaseRow>): number | null {
    if (this.ended) return null;
    const when = this.next(at);
    if (when > this.now) {
      this.ended = true;
      return null;
    }
    const from: CaseState = this.row.state;
    if (patch && Object.keys(patch).length > 0) {
      Object.assign(this.row, patch);
      this.row.version++;
      this.row.updatedAt = new Date(when);
    }
    this.timeline.push({ caseId: this.row.id, action, fromState: from, toState: this.row.state, actorAccountId: by.accountId, actorLabel: by.label, note, at: new Date(when) });
    this.t = when;
    return when;
  }
}

// ---- Time ---------------------------------------------------------------------------------------------

/** Midnight of the local (China) day that `ms` falls on. */
function localMidnight(ms: number): number {
  return Math.floor((ms + CHINA_UTC_OFFSET) / DAY) * DAY - CHINA_UTC_OFFSET;
}

/** The local (China) day of `ms`, YYYY-MM-DD. */
function localDay(ms: number): string {
  return new Date(ms + CHINA_UTC_OFFSET).toISOString().slice(0, 10);
}

/** The instant a local day (YYYY-MM-DD) begins. */
function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** 2026年12月3日. */
function chineseDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `ms`, or the next office morning if it falls outside office hours (staff work 8:30–17:30 local). */
function officeHours(ms: number, rand: () => number): number {
  const hour = ((ms + CHINA_UTC_OFFSET) % DAY) / HOUR;
  if (hour >= OFFICE_OPENS_HOUR && hour < OFFICE_CLOSES_HOUR) return Math.round(ms);
  const nextMorning = localMidnight(hour >= OFFICE_CLOSES_HOUR ? ms + DAY : ms) + OFFICE_OPENS_HOUR * HOUR;
  return Math.round(nextMorning + rand() * HOUR);
}

// ---- Deliberation meetings and the four lists ------------------------------------------------------------

/** A dispute a deliberation meeting handed to the community's mediation committee. */
interface DeliberationCase {
  community: DemoCommunity;
  meetingId: string;
  openedAt: number;
}

interface MeetingsInput {
  communities: readonly DemoCommunity[];
  names: ReadonlyMap<string, string>;
  now: number;
  start: number;
  rand: () => number;
}

interface PlannedMeetings {
  meetings: DemoMeetingRow[];
  agendaItems: DemoAgendaItemRow[];
  decisions: DemoDecisionRow[];
  listItems: DemoListItemRow[];
  cases: DeliberationCase[];
}

/** Days before now of each community's meetings: monthly five-member meetings (the last a week ahead), quarterly joint meetings. */
const FIVE_MEMBER_DAYS_AGO = [140, 110, 80, 50, 20, -7];
const NEIGHBOURHOOD_DAYS_AGO = [100, 55, 12];
const JOINT_DAYS_AGO = [125, 35];
/** The five-member meeting that hands a dispute to mediation (its index above). */
const DISPUTE_MEETING = 1;
/** Meetings are announced this many days ahead. */
const ANNOUNCED_DAYS_AHEAD = 5;
const START_HOUR: Record<MeetingKind, number> = { five_member: 9.5, red_bench: 15, evening_talk: 19.5, joint_committee: 9 };

/**
 * Each community's deliberation: five-member meetings (五员议事) every month, red-bench meetings
 * (红板凳议事会) in the urban communities and village evening talks (村湾夜话) in the villages, and
 * the big party committee's quarterly joint meetings (大党委联席会) that keep the four lists — all
 * held with attendance, minutes and decisions, and the next five-member meeting scheduled.
 */
function planMeetings(input: MeetingsInput): PlannedMeetings {
  const out: PlannedMeetings = { meetings: [], agendaItems: [], decisions: [], listItems: [], cases: [] };
  const { rand, now } = input;
  let generated = 0;
  const someone = () => {
    const n = generated++;
    return T.SURNAMES[(n * 23 + 11) % T.SURNAMES.length]! + T.GIVEN_NAMES[(n * 19 + 5) % T.GIVEN_NAMES.length]!;
  };
  for (const c of input.communities) {
    const person = (s: DemoSteward | undefined, role: string) => ({ name: s ? input.names.get(s.personId)! : someone(), role, personId: s?.personId ?? null });
    const secretary = person(c.stewards.find((s) => s.class === 3 && s.grid === c.grids[0]), c.village ? '村党支部书记' : '社区党委书记');
    const gridWorker = person(c.stewards.find((s) => s.class === 3 && s.grid !== c.grids[0]) ?? c.stewards.find((s) => s.class === 3), '网格员');
    const seats = Object.entries(T.DELIBERATION_SEATS).map(([role, zh]) => person(c.stewards.find((s) => s.deliberationRole === role), zh));
    const urbanOrVillage = c.village ? 'village' : 'urban';
    const compound = T.COMPOUNDS_ZH[c.seg]?.[0] ?? `${c.zh}小区`;

    const meeting = (kind: MeetingKind, daysAgo: number, title: (startsAt: number) => string, place: string) => {
      const startsAt = localMidnight(now - daysAgo * DAY) + START_HOUR[kind] * HOUR;
      const m: DemoMeetingRow = {
        id: randomUUID(),
        kind,
        region: c.path,
        county: c.county,
        title: title(startsAt),
        startsAt: new Date(startsAt),
        place,
        state: 'scheduled',
        attendees: [],
        minutes: null,
        createdBy: DEMO_SEED_ACCOUNT_ID,
        createdAt: new Date(Math.min(startsAt - ANNOUNCED_DAYS_AHEAD * DAY, now)),
      };
      out.meetings.push(m);
      return m;
    };
    /** Holds the meeting (if it is over by now): attendance, minutes, and a decision per agenda item. */
    const hold = (m: DemoMeetingRow, attendees: DemoMeetingRow['attendees'], host: string, items: { title: string; description: string; decision: string; action: DemoDecisionRow['action']; source?: DemoAgendaItemRow['source']; sourceId?: string | null; listItem?: DemoListItemRow }[]) => {
      const startsAt = m.startsAt.getTime();
      const agenda = items.map((it, i): DemoAgendaItemRow => ({ id: randomUUID(), meetingId: m.id, position: i + 1, source: it.source ?? 'raised', sourceId: it.sourceId ?? null, title: it.title, description: it.description }));
      out.agendaItems.push(...agenda);
      const decidedAt = (i: number) => startsAt + HOUR + i * 15 * MINUTE;
      if (decidedAt(items.length) > now) return;
      m.state = 'held';
      m.attendees = attendees;
      const lines = [fillText(T.MINUTES.opening, { date: chineseDay(localDay(startsAt)), kind: T.MEETING_KIND_ZH[m.kind], place: m.place, host, expected: String(attendees.length + (rand() < 0.5 ? 1 : 0)), present: String(attendees.length) })];
      items.forEach((it, i) => {
        lines.push(fillText(T.MINUTES.item, { n: numeral(i + 1), title: it.title, discussion: it.description, decision: it.decision }));
        if (it.listItem) out.listItems.push(it.listItem);
        out.decisions.push({ id: randomUUID(), meetingId: m.id, agendaItemId: agenda[i]!.id, text: it.decision, action: it.action, listItemId: it.listItem?.id ?? null, decidedBy: DEMO_SEED_ACCOUNT_ID, decidedAt: new Date(decidedAt(i)) });
      });
      lines.push(T.MINUTES.closing);
      m.minutes = lines.join('\n');
    };

    // Five-member deliberation: the five seats, the secretary and the grid worker.
    const fiveMember = T.AGENDA_SAMPLES.five_member[urbanOrVillage];
    FIVE_MEMBER_DAYS_AGO.forEach((daysAgo, n) => {
      const m = meeting('five_member', daysAgo, (at) => `${Number(localDay(at).slice(5, 7))}月“五员议事”例会`, `${c.zh}“五员议事”工作室`);
      const items = [fiveMember[n % fiveMember.length]!, fiveMember[(n + 1) % fiveMember.length]!].map((a) => ({ title: a.title, description: a.discussion, decision: a.decision, action: a.action as DemoDecisionRow['action'] }));
      if (n === DISPUTE_MEETING) {
        const dispute = c.village
          ? { title: '两户宅基地界址争议', description: '信息员反映两户村民因翻建住房的墙基位置发生争执，议事小组已到现场查看。' }
          : { title: '楼道堆物引发邻里争执', description: '楼栋长反映一楼住户楼道堆物，与楼上邻居争吵中发生推搡。' };
        items.push({ ...dispute, decision: '双方同意由社区人民调解委员会立案调解，调解员当面做双方工作。', action: 'mediation_case' });
      }
      hold(m, [secretary, ...seats, gridWorker], secretary.name, items);
      if (n === DISPUTE_MEETING && m.state === 'held') out.cases.push({ community: c, meetingId: m.id, openedAt: m.startsAt.getTime() + DAY });
    });

    // Red benches in the compounds, evening talks on the village threshing floors.
    const kind = c.village ? 'evening_talk' : 'red_bench';
    const neighbourhood = T.AGENDA_SAMPLES[kind][urbanOrVillage];
    NEIGHBOURHOOD_DAYS_AGO.forEach((daysAgo, n) => {
      const a = neighbourhood[n % neighbourhood.length]!;
      const group = `${T.CHINESE_NUMERALS[(n * 3) % 8]}组`;
      const m = c.village
        ? meeting(kind, daysAgo, () => `${c.zh}${group}“村湾夜话”：${a.title}`, `${c.zh}${group}稻场`)
        : meeting(kind, daysAgo, () => `${compound}“红板凳议事会”：${a.title}`, `${compound}小区广场`);
      const neighbours = Array.from({ length: 4 + Math.floor(rand() * 3) }, () => person(undefined, c.village ? '村民代表' : '居民代表'));
      const heads = c.stewards.filter((s) => s.class === 6).map((s) => person(s, '楼栋长'));
      const attendees = c.village ? [secretary, seats[0]!, ...neighbours] : [secretary, gridWorker, person(undefined, '物业项目经理'), ...heads, ...neighbours];
      hold(m, attendees, secretary.name, [{ title: a.title, description: a.discussion, decision: a.decision, action: a.action }]);
    });

    // The big party committee's joint meetings keep the four lists: what the first filed is further along.
    const units = T.MEMBER_UNITS[c.county] ?? [];
    const samples = T.LIST_ITEM_SAMPLES.filter((x) => x.where === 'any' || x.where === urbanOrVillage);
    const first = samples.filter((x, i) => x.state === 'done' || x.state === 'dropped' || (x.state === 'in_progress' && i % 2 === 0));
    const carried: DemoListItemRow[] = [];
    JOINT_DAYS_AGO.forEach((daysAgo, n) => {
      const m = meeting('joint_committee', daysAgo, (at) => `${localDay(at).slice(0, 4)}年第${Math.ceil(Number(localDay(at).slice(5, 7)) / 3)}季度“大党委”联席会`, `${c.zh}党群服务中心会议室`);
      const decidedAt = m.startsAt.getTime() + 2 * HOUR;
      const filed = n === 0 ? first : samples.filter((x) => !first.includes(x));
      const items = filed.map((x) => {
        const owner = x.owner ? x.owner[c.county as 'dongbao' | 'duodao'] ?? null : null;
        const updatedAt = Math.min(now, decidedAt + LIST_ITEM_PROGRESS_DAYS[x.state] * DAY * (0.6 + 0.4 * rand()));
        const listItem: DemoListItemRow = {
          id: randomUUID(), community: c.path, county: c.county, list: x.list, title: x.title, detail: x.detail, state: x.state, ownerUnit: owner,
          sourceMeetingId: m.id, createdAt: new Date(decidedAt), updatedAt: new Date(updatedAt),
        };
        if (n === 0 && x.state === 'in_progress') carried.push(listItem);
        return { title: x.title, description: x.detail, decision: `列入${T.LIST_ZH[x.list]}${owner ? `，由${owner}牵头办理` : ''}。`, action: 'list_item' as const, listItem };
      });
      // The next meeting hears how the items still in progress are doing.
      const review = n === 0 ? [] : carried.map((x) => ({ title: `${x.title}（进展通报）`, description: `${x.ownerUnit ?? '牵头单位'}通报办理进展。`, decision: '继续推进，下次联席会通报结果。', action: 'none' as const, source: 'list_item' as const, sourceId: x.id }));
      const attendees = [secretary, ...units.slice(0, 6 + Math.floor(rand() * 3)).map((u) => ({ name: someone(), role: `兼职委员（${u}）`.slice(0, 40), personId: null })), gridWorker];
      hold(m, attendees, secretary.name, [...review, ...items]);
    });
  }
  return out;
}

/** How long after filing a list item was last changed, by where it stands. */
const LIST_ITEM_PROGRESS_DAYS: Record<DemoListItemRow['state'], number> = { open: 0, in_progress: 12, done: 45, dropped: 20 };

/** 一 … 十, 十一 … 十九, 二十 …: agenda items are numbered in words. */
function numeral(n: number): string {
  const digit = (d: number) => T.CHINESE_NUMERALS[d - 1]!;
  if (n <= 10) return digit(n);
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? digit(tens) : ''}十${n % 10 ? digit(n % 10) : ''}`;
}

function fillText(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}
