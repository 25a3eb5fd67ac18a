// Residents' proposals and household votes against the real PostgreSQL and NATS: grids' households
// arrive as real CloudEvents on this run's JetStream subjects, callers are signed actors over NATS.
import { countyOf, eventSubject, type Actor } from '@gov/kernel';
import { PetitionsRpc, type BallotView, type ProposalResultView, type ProposalView } from '@gov/petitions-contracts';
import { ProposalRepository } from '@gov/petitions-data-access';
import { toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { Outbox } from '@gov/platform-outbox';
import { LOGGER, TransactionRunner } from '@gov/platform-service';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { DUODAO_GRID, XIANGSHAN, XIANGSHAN_GRID, actorOf, publishEvent } from '../fixtures.js';
import { startPetitions, type PetitionsTestApp } from '../testing.js';
import { ProposalDecider } from './proposal-decider.js';

const t = new TestContext();
let app: PetitionsTestApp;
let rpc: RpcClient;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Proposals that the decider tests decide end within this; the others run long past every sweep here. */
const SHORT_VOTE = HOUR;
const LONG_VOTE = 30 * DAY;
const at = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();

const gridWorker = actorOf('grid_worker', XIANGSHAN_GRID);
const communityAdmin = actorOf('community_admin', XIANGSHAN);
const otherGridWorker = actorOf('grid_worker', `${XIANGSHAN}/g04`);
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const duodaoResident = actorOf('resident', DUODAO_GRID);
/** A Dongbao resident of another community (Quanlong): Xiangshan's proposals are not theirs. */
const quanlongResident = actorOf('resident', 'jingmen/dongbao/longquan/quanlong/g02');

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const countOf = async (table: string, where = 'true', params: unknown[] = []) => Number((await sql<{ n: string }>(`select count(*) as n from {s}.${table} where ${where}`, params))[0]!.n);

// ---- grids' household registry, as grids' outbox relay publishes it ----------------------------

type HouseholdEvent = 'registered' | 'moved' | 'member-added';

/**
 * Publishes one of grids' household events (CloudEvents headers, the household's aggregate
 * version) without a message id, so JetStream keeps every copy and petitions' inbox and version
 * checks alone decide what applies.
 */
async function publishHousehold(event: HouseholdEvent, householdId: string, region: string, data: object, version: number): Promise<string> {
  const id = randomUUID();
  const county = countyOf(region);
  const h = toCloudEventHeaders({
    id,
    type: `gov.grids.household.${event}.v1`,
    source: `/gov/grids/household/${householdId}`,
    subject: householdId,
    time: new Date().toISOString(),
    county,
    aggregateVersion: version,
  });
  h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, 'grids', 'household', event)), JSON.stringify(data), { headers: h });
  return id;
}

/** Resolves once petitions has handled every one of the events (the inbox row commits with their effects). */
async function handled(eventIds: readonly string[]): Promise<void> {
  await eventually(async () => ((await countOf('inbox_event', 'event_id = any(?::uuid[])', [`{${eventIds.join(',')}}`])) >= eventIds.length ? true : undefined), 15_000);
}

interface TestHousehold {
  id: string;
  buildingId: string;
  number: string;
  region: string;
  /** Its members, each signed in as a resident of the grid. */
  members: Actor[];
  /** grids' aggregate version of its last event. */
  version: number;
}

interface TestArea {
  region: string;
  buildings: { id: string; path: string }[];
  households: TestHousehold[];
}

/** grids' HouseholdView of a household. */
function householdView(h: TestHousehold, members: readonly Actor[] = []): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    id: h.id,
    buildingId: h.buildingId,
    number: h.number,
    region: h.region,
    centralHeadId: null,
    members: members.map((m, i) => ({ personId: m.personId, relation: i === 0 ? 'head' : 'spouse', since: now })),
    createdAt: now,
    updatedAt: now,
  };
}

let areaSerial = 0;

/**
 * A compound of its own under Xiangshan's grid g03 — so each test counts only its own households —
 * with `perBuilding[i]` households in building i, registered and given `membersEach` members
 * through grids' events; resolves once petitions has them all.
 */
async function registerArea(perBuilding: readonly number[], membersEach = 1): Promise<TestArea> {
  const region = `${XIANGSHAN_GRID}/c${++areaSerial}-${randomUUID().slice(0, 6)}`;
  const buildings = perBuilding.map((_, i) => ({ id: randomUUID(), path: `${region}/b${i + 1}` }));
  const households: TestHousehold[] = [];
  const events: string[] = [];
  for (const [b, count] of perBuilding.entries()) {
    for (let j = 0; j < count; j++) {
      const members = Array.from({ length: membersEach }, () => actorOf('resident', XIANGSHAN_GRID));
      const h: TestHousehold = { id: randomUUID(), buildingId: buildings[b]!.id, number: `${b + 1}-${101 + j}`, region: buildings[b]!.path, members, version: 1 };
      events.push(await publishHousehold('registered', h.id, h.region, householdView(h), h.version));
      for (const m of members) events.push(await addMember(h, m));
      households.push(h);
    }
  }
  await handled(events);
  return { region, buildings, households };
}

/** grids' `member-added`: `{ householdId, personId, relation, since }`. */
function addMember(h: TestHousehold, m: Actor): Promise<string> {
  h.version += 1;
  return publishHousehold('member-added', h.id, h.region, { householdId: h.id, personId: m.personId, relation: 'head', since: new Date().toISOString() }, h.version);
}

// ---- proposals ------------------------------------------------------------------------------------

const afterSchoolClass = (region: string, over: Record<string, unknown> = {}) => ({
  title: '开设四点半课堂',
  body: '社区活动室工作日16:30–18:00开设四点半课堂，由志愿者辅导小学生作业。',
  region,
  questions: [{ text: '是否同意开设四点半课堂？' }],
  discussionEndsAt: at(-HOUR),
  votingEndsAt: at(LONG_VOTE),
  ...over,
});

/** Old-compound renovation: four questions, each needing two thirds of the households (四个三分之二). */
const renovation = (region: string, over: Record<string, unknown> = {}) => ({
  title: '象山小区老旧小区改造',
  body: '拟申请老旧小区改造资金，改造内容包括外墙保温、雨污分流、加装电梯和增设停车位。',
  region,
  questions: [
    { text: '是否同意本小区实施改造？', threshold: 'two_thirds' },
    { text: '是否同意按设计方案改造（外墙、管网、道路）？', threshold: 'two_thirds' },
    { text: '是否同意加装电梯、增设停车位？', threshold: 'two_thirds' },
    { text: '改造后由谁管理？', options: ['引入物业公司', '业主自管', '社区托管'], threshold: 'two_thirds' },
  ],
  discussionEndsAt: at(-HOUR),
  votingEndsAt: at(SHORT_VOTE),
  ...over,
});

const create = (input: object, actor: Actor = gridWorker) => rpc.request<ProposalView>(PetitionsRpc.proposalCreate, input, { actor });
const vote = (actor: Actor, proposalId: string, answers: number[]) => rpc.request<BallotView>(PetitionsRpc.voteCast, { proposalId, answers }, { actor });
const paper = (actor: Actor, proposalId: string, householdId: string, answers: number[], note?: string) =>
  rpc.request<BallotView>(PetitionsRpc.paperBallotEnter, { proposalId, householdId, answers, note }, { actor });
const result = (id: string, actor: Actor = gridWorker) => rpc.request<ProposalResultView>(PetitionsRpc.proposalResult, { id }, { actor });
const list = (actor: Actor, region?: string) => rpc.request<ProposalView[]>(PetitionsRpc.proposalList, { region }, { actor });

/** Everything a refused call must leave as it was. */
const snapshot = async (proposalId: string) => ({
  tables: await Promise.all(['proposal', 'vote', 'outbox_event'].map((table) => countOf(table))),
  votes: JSON.stringify(await sql(`select * from {s}.vote where proposal_id = ? order by id`, [proposalId])),
  result: await result(proposalId),
});

/** A sweep of the decider as if it ran once the short votes are over. */
const afterShortVotes = () => new Date(Date.now() + 2 * SHORT_VOTE);

async function eventsOf(type: string, subject: string) {
  return readEvents(await t.nats(), t.ns, (e) => e.type === type && e.subject === subject);
}

beforeAll(async () => {
  app = await startPetitions(t.env('petitions', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: '3600000' }));
  rpc = await t.rpc();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe("grids' households", () => {
  it('counts the households grids registers in the area, and a member votes for theirs once petitions has them', async () => {
    const area = await registerArea([2]);
    const p = await create(afterSchoolClass(area.region));
    expect(p).toMatchObject({ region: area.region, state: 'voting', quorum: 0.5, createdBy: gridWorker.accountId, questions: [{ options: ['同意', '不同意'], threshold: 'simple_majority' }] });
    expect(await result(p.id)).toMatchObject({ state: 'voting', eligibleHouseholds: 2, votedHouseholds: 0, turnout: 0, quorumMet: false, adopted: false, decidedAt: null });

    const [h] = area.households;
    const ballot = await vote(h!.members[0]!, p.id, [0]);
    expect(ballot).toMatchObject({ proposalId: p.id, householdId: h!.id, householdNumber: '1-101', channel: 'online', answers: [0], castBy: h!.members[0]!.accountId, note: null });
    expect(await result(p.id)).toMatchObject({ eligibleHouseholds: 2, votedHouseholds: 1, paperBallots: 0, turnout: 0.5, quorumMet: true, adopted: true, questions: [{ counts: [1, 0], agreeShare: 1, requiredAgree: 1, passed: true }] });

    const created = await eventually(async () => (await eventsOf('gov.petitions.proposal.created.v1', p.id))[0]);
    expect(created.data).toMatchObject({ id: p.id, region: area.region, title: '开设四点半课堂' });
    const cast = await eventually(async () => (await eventsOf('gov.petitions.proposal.vote-cast.v1', p.id))[0]);
    expect(cast.data).toEqual({ proposalId: p.id, householdId: h!.id, channel: 'online', castAt: ballot.castAt });
  });

  it('follows a household that moves away, ignores an older event arriving late, and takes a member announced before the household', async () => {
    const from = await registerArea([2]);
    const to = await registerArea([1]);
    // grids keeps the room number on a move: 1-102 is free in the building it moves to.
    const moving = from.households[1];
    moving!.version += 1;
    const movedView = { ...householdView({ ...moving!, buildingId: to.buildings[0]!.id, number: '1-102', region: to.buildings[0]!.path }, moving!.members), previousBuildingId: moving!.buildingId, previousRegion: moving!.region, unlinkedHouseholdIds: [] };
    await handled([await publishHousehold('moved', moving!.id, to.buildings[0]!.path, movedView, moving!.version)]);
    // The registration (version 1) delivered again after the move: the household stays where it moved to.
    await handled([await publishHousehold('registered', moving!.id, from.region, householdView({ ...moving!, version: 1 }), 1)]);

    const left = await create(afterSchoolClass(from.region));
    const joined = await create(afterSchoolClass(to.region));
    expect((await result(left.id)).eligibleHouseholds).toBe(1);
    expect((await result(joined.id)).eligibleHouseholds).toBe(2);
    await expect(vote(moving!.members[0]!, left.id, [0])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_HOUSEHOLD_IN_AREA' });
    expect(await vote(moving!.members[0]!, joined.id, [0])).toMatchObject({ householdId: moving!.id, householdNumber: '1-102' });

    // member-added (version 2) handled before its household's registration (version 1).
    const late: TestHousehold = { id: randomUUID(), buildingId: to.buildings[0]!.id, number: '1-103', region: to.buildings[0]!.path, members: [actorOf('resident', XIANGSHAN_GRID)], version: 1 };
    await handled([await addMember(late, late.members[0]!)]);
    await expect(vote(late.members[0]!, joined.id, [1])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_HOUSEHOLD_IN_AREA' });
    await handled([await publishHousehold('registered', late.id, late.region, householdView(late), 1)]);
    expect(await vote(late.members[0]!, joined.id, [1])).toMatchObject({ householdId: late.id });
    expect(await result(joined.id)).toMatchObject({ eligibleHouseholds: 3, votedHouseholds: 2, questions: [{ counts: [1, 1], passed: false }] });
  });
});

describe('old-compound renovation (四个三分之二)', () => {
  it('needs two thirds of all eligible households on every question: one question short of it and the proposal is not adopted', async () => {
    // 10 households: two thirds is 7 agreeing households, whoever stays home.
    const area = await registerArea([5, 5]);
    const p = await create(renovation(area.region), communityAdmin);
    expect(p.questions.map((q) => q.threshold)).toEqual(['two_thirds', 'two_thirds', 'two_thirds', 'two_thirds']);
    // 8 households vote. Q1: all 8 agree; Q2: 7; Q3: 6 (three quarters of the votes cast, but 6 of 10
    // households); Q4: 7 choose a property company.
    const voters = area.households.slice(0, 8);
    for (const [i, h] of voters.entries()) await vote(h.members[0]!, p.id, [0, i < 7 ? 0 : 1, i < 6 ? 0 : 1, i < 7 ? 0 : 1]);

    const live = await result(p.id);
    expect(live).toMatchObject({ state: 'voting', eligibleHouseholds: 10, votedHouseholds: 8, turnout: 0.8, quorumMet: true, adopted: false, decidedAt: null });
    expect(live.questions).toEqual([
      expect.objectContaining({ counts: [8, 0], requiredAgree: 7, passed: true }),
      expect.objectContaining({ counts: [7, 1], requiredAgree: 7, passed: true }),
      expect.objectContaining({ counts: [6, 2], agreeShare: 0.75, requiredAgree: 7, passed: false }),
      expect.objectContaining({ options: ['引入物业公司', '业主自管', '社区托管'], counts: [7, 1, 0], requiredAgree: 7, passed: true }),
    ]);

    const decider = app.app.get(ProposalDecider);
    const decided = (await decider.sweep(afterShortVotes())).find((r) => r.proposalId === p.id);
    expect(decided).toMatchObject({ state: 'decided', adopted: false, votedHouseholds: 8 });
    const final = await result(p.id);
    expect(final).toEqual({ ...live, state: 'decided', decidedAt: decided!.decidedAt });
    const [event] = await eventually(async () => {
      const e = await eventsOf('gov.petitions.proposal.decided.v1', p.id);
      return e.length ? e : undefined;
    });
    expect(event!.data).toMatchObject({ proposalId: p.id, adopted: false, eligibleHouseholds: 10, title: p.title, region: area.region });
  });
});

describe('quorum', () => {
  it('adopts an after-school class with a simple majority of the votes cast only when enough households voted', async () => {
    const area = await registerArea([4]);
    const tooFew = await create(afterSchoolClass(area.region, { votingEndsAt: at(SHORT_VOTE) }));
    const enough = await create(afterSchoolClass(area.region, { votingEndsAt: at(SHORT_VOTE) }));
    const [a, b] = area.households;
    await vote(a!.members[0]!, tooFew.id, [0]);
    // Two of four households: exactly the quorum (one half), which meets it.
    await vote(a!.members[0]!, enough.id, [0]);
    await vote(b!.members[0]!, enough.id, [0]);

    const decided = await app.app.get(ProposalDecider).sweep(afterShortVotes());
    expect(decided.find((r) => r.proposalId === tooFew.id)).toMatchObject({
      turnout: 0.25,
      quorumMet: false,
      questions: [{ counts: [1, 0], passed: true }],
      adopted: false,
    });
    expect(decided.find((r) => r.proposalId === enough.id)).toMatchObject({
      turnout: 0.5,
      quorumMet: true,
      questions: [{ counts: [2, 0], agreeShare: 1, requiredAgree: 2, passed: true }],
      adopted: true,
    });
  });
});

describe('one ballot per household', () => {
  it('refuses a second ballot from the same household, online or on paper, and changes nothing', async () => {
    const area = await registerArea([1], 2);
    const [h] = area.households;
    const [husband, wife] = h!.members;
    const p = await create(afterSchoolClass(area.region));
    await vote(husband!, p.id, [0]);
    const before = await snapshot(p.id);

    await expect(vote(wife!, p.id, [1])).rejects.toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_ALREADY_VOTED' });
    await expect(vote(husband!, p.id, [1])).rejects.toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_ALREADY_VOTED' });
    await expect(paper(gridWorker, p.id, h!.id, [1], '户主妻子交来的纸质选票')).rejects.toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_ALREADY_VOTED' });
    expect(await snapshot(p.id)).toEqual(before);
    expect(before.result).toMatchObject({ votedHouseholds: 1, questions: [{ counts: [1, 0] }] });
  });

  it('refuses answers that do not fit the questions, changing nothing', async () => {
    const area = await registerArea([1]);
    const p = await create(renovation(area.region, { votingEndsAt: at(LONG_VOTE) }));
    const voter = area.households[0]!.members[0]!;
    const before = await snapshot(p.id);
    await expect(vote(voter, p.id, [0, 0])).rejects.toMatchObject({ code: 'VALIDATION', reason: 'ANSWER_MISMATCH', fields: [{ path: 'answers' }] });
    // Question 2 has two options (同意 / 不同意): index 2 is none of them.
    await expect(vote(voter, p.id, [0, 2, 0, 2])).rejects.toMatchObject({ code: 'VALIDATION', reason: 'ANSWER_MISMATCH', fields: [{ path: 'answers.1' }] });
    await expect(vote(voter, p.id, [0, 0, 0, 9])).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await snapshot(p.id)).toEqual(before);
  });
});

describe('paper ballots', () => {
  it("lets the building head (楼栋长) enter a paper ballot for a household of their building: counted and audited", async () => {
    const area = await registerArea([3, 1]);
    const [headsHome, neighbour, , otherBuilding] = area.households;
    const head = headsHome!.members[0]!;
    // identity enrols the head as a class-6 steward (楼栋长); petitions learns it from steward.enrolled.
    const stewardId = randomUUID();
    const enrolled = await publishEvent(t, { service: 'identity', aggregate: 'steward', event: 'enrolled' }, XIANGSHAN_GRID, stewardId, {
      id: stewardId, personId: head.personId, number: '6-DBXS-G03-0-0001', class: 6, unitId: randomUUID(), grid: XIANGSHAN_GRID, reportsToId: null,
    });
    await handled([enrolled]);
    const p = await create(renovation(area.region, { votingEndsAt: at(LONG_VOTE) }));

    const ballot = await paper(head, p.id, neighbour!.id, [0, 0, 1, 2], '老人不会用手机，户主签字的纸质选票');
    expect(ballot).toMatchObject({ householdId: neighbour!.id, householdNumber: '1-102', channel: 'paper', answers: [0, 0, 1, 2], castBy: head.accountId, note: '老人不会用手机，户主签字的纸质选票' });
    expect(await result(p.id, head)).toMatchObject({ votedHouseholds: 1, paperBallots: 1, questions: [{ counts: [1, 0] }, { counts: [1, 0] }, { counts: [0, 1] }, { counts: [0, 0, 1] }] });
    const [row] = await sql<{ channel: string; cast_by: string; cast_by_person: string; note: string; cast_at: Date }>(`select * from {s}.vote where proposal_id = ? and household_id = ?`, [p.id, neighbour!.id]);
    expect(row).toMatchObject({ channel: 'paper', cast_by: head.accountId, cast_by_person: head.personId, note: '老人不会用手机，户主签字的纸质选票' });
    expect(new Date(row!.cast_at).toISOString()).toBe(ballot.castAt);
    // The audit cannot be rewritten.
    await expect(sql(`update {s}.vote set note = 'changed' where proposal_id = ?`, [p.id])).rejects.toThrow(/append-only/);
    await expect(sql(`delete from {s}.vote where proposal_id = ?`, [p.id])).rejects.toThrow(/append-only/);

    // The household itself can no longer vote; the head's reach ends at their building.
    await expect(vote(neighbour!.members[0]!, p.id, [1, 1, 1, 1])).rejects.toMatchObject({ code: 'CONFLICT', reason: 'HOUSEHOLD_ALREADY_VOTED' });
    const before = await snapshot(p.id);
    await expect(paper(head, p.id, otherBuilding!.id, [0, 0, 0, 0])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_BUILDING_HEAD' });
    // A resident of the building who is not its head enters nothing.
    await expect(paper(area.households[2]!.members[0]!, p.id, neighbour!.id, [0, 0, 0, 0])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_BUILDING_HEAD' });
    await expect(paper(actorOf('steward', XIANGSHAN_GRID), p.id, otherBuilding!.id, [0, 0, 0, 0])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_BUILDING_HEAD' });
    await expect(paper(otherGridWorker, p.id, otherBuilding!.id, [0, 0, 0, 0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const stranger = await registerArea([1]);
    await expect(paper(gridWorker, p.id, stranger.households[0]!.id, [0, 0, 0, 0])).rejects.toMatchObject({ code: 'VALIDATION', reason: 'NOT_A_HOUSEHOLD_IN_AREA' });
    await expect(paper(gridWorker, p.id, randomUUID(), [0, 0, 0, 0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(p.id)).toEqual(before);

    // The grid's worker enters ballots for any building of the grid.
    expect(await paper(gridWorker, p.id, otherBuilding!.id, [0, 0, 0, 0])).toMatchObject({ channel: 'paper', castBy: gridWorker.accountId, note: null });
    expect(await result(p.id)).toMatchObject({ votedHouseholds: 2, paperBallots: 2 });
  });
});

describe('who may do what', () => {
  it("opens proposals for the area's staff and for residents whose household lies in it, nobody else", async () => {
    const area = await registerArea([1]);
    const resident = area.households[0]!.members[0]!;
    expect(await create(afterSchoolClass(area.region), resident)).toMatchObject({ createdBy: resident.accountId, state: 'voting' });
    expect(await create(afterSchoolClass(XIANGSHAN), communityAdmin)).toMatchObject({ region: XIANGSHAN });

    const before = await countOf('proposal');
    const refused = (input: object, actor: Actor) =>
      create(input, actor).then(
        () => {
          throw new Error('accepted');
        },
        (e: { code: string; reason?: string; fields?: { path: string }[] }) => e,
      );
    // A resident of the grid without a household in the compound, a worker of another grid, another county.
    expect(await refused(afterSchoolClass(area.region), actorOf('resident', XIANGSHAN_GRID))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(afterSchoolClass(area.region), otherGridWorker)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refused(afterSchoolClass(area.region), duodaoAdmin)).toMatchObject({ code: 'FORBIDDEN' });

    expect(await refused(afterSchoolClass(area.region, { votingEndsAt: at(-1000), discussionEndsAt: at(-HOUR) }), gridWorker)).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'votingEndsAt' }] });
    expect(await refused(afterSchoolClass(area.region, { discussionEndsAt: at(2 * DAY), votingEndsAt: at(DAY) }), gridWorker)).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'votingEndsAt' }] });
    expect(await refused(afterSchoolClass('jingmen/dongbao/longquan'), actorOf('street_admin', 'jingmen/dongbao/longquan'))).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'region' }] });
    const bad = await refused(afterSchoolClass(area.region, { title: ' ', questions: [], quorum: 1.5 }), gridWorker);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields!.map((f) => f.path)).toEqual(expect.arrayContaining(['title', 'questions', 'quorum']));
    expect(await countOf('proposal')).toBe(before);
  });

  it('shows a proposal to the residents and staff of its area, refuses a vote from a resident without a household there', async () => {
    const area = await registerArea([1]);
    const p = await create(afterSchoolClass(area.region));
    const gridResident = actorOf('resident', XIANGSHAN_GRID);
    expect(await rpc.request(PetitionsRpc.proposalGet, { id: p.id }, { actor: gridResident })).toEqual(p);
    expect((await list(gridResident, area.region)).map((x) => x.id)).toContain(p.id);
    // The household's member sees it through their household, even with a role elsewhere only.
    const member = area.households[0]!.members[0]!;
    expect((await list({ ...member, grants: [] })).map((x) => x.id)).toContain(p.id);

    const before = await snapshot(p.id);
    await expect(vote(gridResident, p.id, [0])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_HOUSEHOLD_IN_AREA' });
    await expect(vote(actorOf('resident', XIANGSHAN_GRID, null), p.id, [0])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_HOUSEHOLD_IN_AREA' });
    await expect(paper(gridResident, p.id, area.households[0]!.id, [0])).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_BUILDING_HEAD' });
    await expect(rpc.request(PetitionsRpc.voteCast, { proposalId: p.id, answers: [0] })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await snapshot(p.id)).toEqual(before);
  });

  it("answers NOT_FOUND to another county (and another community), exactly as for a missing proposal", async () => {
    const area = await registerArea([1]);
    const p = await create(afterSchoolClass(area.region));
    const before = await snapshot(p.id);
    const missing = randomUUID();
    for (const outsider of [duodaoResident, duodaoAdmin, quanlongResident]) {
      for (const id of [p.id, missing]) {
        await expect(rpc.request(PetitionsRpc.proposalGet, { id }, { actor: outsider })).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(result(id, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(vote(outsider, id, [0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await expect(paper(outsider, id, area.households[0]!.id, [0])).rejects.toMatchObject({ code: 'NOT_FOUND' });
      }
      expect((await list(outsider)).map((x) => x.id)).not.toContain(p.id);
      await expect(list(outsider, area.region)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await snapshot(p.id)).toEqual(before);
  });
});

describe('the voting window and the decision', () => {
  it('refuses ballots while the proposal is under discussion (VOTING_NOT_OPEN)', async () => {
    const area = await registerArea([1]);
    const p = await create(afterSchoolClass(area.region, { discussionEndsAt: at(DAY), votingEndsAt: at(LONG_VOTE) }));
    expect(p.state).toBe('discussion');
    const before = await snapshot(p.id);
    await expect(vote(area.households[0]!.members[0]!, p.id, [0])).rejects.toMatchObject({ code: 'CONFLICT', reason: 'VOTING_NOT_OPEN' });
    await expect(paper(gridWorker, p.id, area.households[0]!.id, [0])).rejects.toMatchObject({ code: 'CONFLICT', reason: 'VOTING_NOT_OPEN' });
    expect(await snapshot(p.id)).toEqual(before);
    expect(before.result).toMatchObject({ state: 'discussion', eligibleHouseholds: 1, votedHouseholds: 0 });
  });

  it('decides a proposal once its voting has ended, publishes proposal.decided once however many replicas sweep, and closes the vote', async () => {
    const area = await registerArea([2]);
    const p = await create(afterSchoolClass(area.region, { votingEndsAt: at(SHORT_VOTE) }));
    await vote(area.households[0]!.members[0]!, p.id, [0]);
    const decider = app.app.get(ProposalDecider);
    // A second replica: its own decider on the same database.
    const replica = new ProposalDecider(app.app.get(TransactionRunner), app.app.get(ProposalRepository), app.app.get(Outbox), app.config, app.app.get(LOGGER), null);

    expect((await decider.sweep()).map((r) => r.proposalId)).not.toContain(p.id);
    expect((await result(p.id)).state).toBe('voting');

    const when = afterShortVotes();
    const runs = await Promise.all([decider.sweep(when), replica.sweep(when), decider.sweep(when)]);
    expect(runs.flat().filter((r) => r.proposalId === p.id)).toHaveLength(1);
    expect((await replica.sweep(when)).map((r) => r.proposalId)).not.toContain(p.id);
    expect((await decider.sweep(when)).map((r) => r.proposalId)).not.toContain(p.id);

    expect(await result(p.id)).toMatchObject({ state: 'decided', decidedAt: when.toISOString(), eligibleHouseholds: 2, votedHouseholds: 1, quorumMet: true, adopted: true });
    expect((await rpc.request<ProposalView>(PetitionsRpc.proposalGet, { id: p.id }, { actor: gridWorker })).state).toBe('decided');
    expect(await countOf('outbox_event', `type = 'gov.petitions.proposal.decided.v1' and data->>'proposalId' = ?`, [p.id])).toBe(1);
    await eventually(async () => ((await countOf('outbox_event', `type = 'gov.petitions.proposal.decided.v1' and data->>'proposalId' = ? and sent_at is not null`, [p.id])) === 1 ? true : undefined));
    expect(await eventsOf('gov.petitions.proposal.decided.v1', p.id)).toHaveLength(1);

    // Decided is closed, even before votingEndsAt comes round on the clock.
    const before = await snapshot(p.id);
    await expect(vote(area.households[1]!.members[0]!, p.id, [0])).rejects.toMatchObject({ code: 'CONFLICT', reason: 'VOTING_CLOSED' });
    await expect(paper(gridWorker, p.id, area.households[1]!.id, [1])).rejects.toMatchObject({ code: 'CONFLICT', reason: 'VOTING_CLOSED' });
    expect(await snapshot(p.id)).toEqual(before);
  });
});
