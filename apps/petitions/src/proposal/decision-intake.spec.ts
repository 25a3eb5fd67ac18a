// A deliberation meeting's decision to put a matter to the households' vote becomes a proposal of
// the meeting's community: mediation's `meeting.decision-recorded` reaches petitions through its
// JetStream consumer as a real CloudEvent, the proposal appears (one yes/no question, a week of
// discussion then a week of voting, opened by the deliberation desk, remembering the decision) with
// its `proposal.created`, once however often the decision arrives; other decisions change nothing.
import { countyOf, eventSubject } from '@gov/kernel';
import { PetitionsRpc, type ProposalView } from '@gov/petitions-contracts';
import { toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_GRID, actorOf } from '../fixtures.js';
import { startPetitions, type PetitionsTestApp } from '../testing.js';
import { DELIBERATION_DESK_ACCOUNT_ID } from './decision-intake.service.js';

const t = new TestContext();
let app: PetitionsTestApp;
let rpc: RpcClient;

const DAY = 24 * 3600_000;
const PROPOSAL_CREATED = 'gov.petitions.proposal.created.v1';
const communityAdmin = actorOf('community_admin', XIANGSHAN);

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const proposalIdsOf = async (decisionId: string) => (await sql<{ id: string }>(`select id from {s}.proposal where source_decision_id = ?`, [decisionId])).map((r) => r.id);
const get = (id: string) => rpc.request<ProposalView>(PetitionsRpc.proposalGet, { id }, { actor: communityAdmin });
const createdEvents = async (decisionId: string) => readEvents(await t.nats(), t.ns, (e) => e.type === PROPOSAL_CREATED && (e.data as ProposalView).sourceDecisionId === decisionId);

/** mediation's decision-recorded payload (decisionEventData) for a red-bench meeting at Xiangshan's grid g03. */
function decision(o: Record<string, unknown> = {}): { meetingId: string; decisionId: string; region: string } & Record<string, unknown> {
  return {
    meetingId: randomUUID(),
    region: XIANGSHAN_GRID,
    kind: 'red_bench',
    meetingTitle: '象山社区三月红板凳议事会',
    decisionId: randomUUID(),
    agendaItemId: randomUUID(),
    text: '同意3栋加装电梯，由居民分摊费用，提交全体住户表决。',
    action: 'proposal',
    creates: 'proposal',
    listItemId: null,
    // 01:30 on 13 March in Jingmen.
    decidedAt: '2025-03-12T17:30:00.000Z',
    list: null,
    agendaItemTitle: '3栋加装电梯',
    source: 'raised',
    sourceId: null,
    ...o,
  };
}

/**
 * Publishes mediation's event as its outbox relay does (CloudEvents headers), without a message
 * id: JetStream keeps every copy, as after its duplicate window, so the inbox must drop a
 * redelivery itself.
 */
async function publishDecision(data: { meetingId: string; region: string } & Record<string, unknown>, eventId: string = randomUUID()): Promise<string> {
  const county = countyOf(data.region);
  const h = toCloudEventHeaders({
    id: eventId,
    type: 'gov.mediation.meeting.decision-recorded.v1',
    source: `/gov/mediation/meeting/${data.meetingId}`,
    subject: data.meetingId,
    time: new Date().toISOString(),
    county,
  });
  h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, 'mediation', 'meeting', 'decision-recorded')), JSON.stringify(data), { headers: h });
  return eventId;
}

/** The proposal the decision opened, once petitions has handled its event. */
const proposalOf = (decisionId: string) =>
  eventually(async () => {
    const [id] = await proposalIdsOf(decisionId);
    return id ? get(id) : undefined;
  }, 10_000);

/** A fresh decision's proposal: once in, the consumer has handled every earlier event. */
async function marker(): Promise<void> {
  const d = decision();
  await publishDecision(d);
  await proposalOf(d.decisionId);
}

beforeAll(async () => {
  app = await startPetitions(t.env('petitions', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: '3600000' }));
  rpc = await t.rpc();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

it("puts a grid meeting's decision to the vote of its whole community, with a week of discussion then a week of voting", async () => {
  const d = decision();
  const before = Date.now();
  await publishDecision(d);
  const p = await proposalOf(d.decisionId);
  const after = Date.now();

  expect(p).toMatchObject({
    region: XIANGSHAN,
    title: '3栋加装电梯',
    body: '同意3栋加装电梯，由居民分摊费用，提交全体住户表决。\n\n来源：红板凳议事会「象山社区三月红板凳议事会」，2025-03-13 议定',
    state: 'discussion',
    quorum: 0.5,
    createdBy: DELIBERATION_DESK_ACCOUNT_ID,
    sourceDecisionId: d.decisionId,
    questions: [{ text: '是否同意「3栋加装电梯」？', options: ['同意', '不同意'], threshold: 'simple_majority' }],
  });
  const discussionEnds = Date.parse(p.discussionEndsAt);
  expect(discussionEnds).toBeGreaterThanOrEqual(before + 7 * DAY);
  expect(discussionEnds).toBeLessThanOrEqual(after + 7 * DAY);
  expect(Date.parse(p.votingEndsAt) - discussionEnds).toBe(7 * DAY);

  const [created] = await eventually(async () => {
    const events = await createdEvents(d.decisionId);
    return events.length ? events : undefined;
  }, 10_000);
  expect(created).toMatchObject({ subject: p.id, county: 'dongbao', data: { ...p } });
});

it('titles a decision taken outside the agenda by the first characters of its text', async () => {
  const text = '同意在象山小区北门增设非机动车充电棚，\n费用由物业专项维修资金列支，具体方案由业委会另行公示。';
  const d = decision({ region: XIANGSHAN, kind: 'five_member', meetingTitle: '五员议事会', agendaItemId: null, agendaItemTitle: null, text });
  await publishDecision(d);
  const p = await proposalOf(d.decisionId);
  expect(p).toMatchObject({ region: XIANGSHAN, title: '同意在象山小区北门增设非机动车充电棚， 费用由物业专项维修…', body: `${text}\n\n来源：五员议事「五员议事会」，2025-03-13 议定` });
  expect(p.questions).toEqual([expect.objectContaining({ text: '是否同意「同意在象山小区北门增设非机动车充电棚， 费用由物业专项维修…」？' })]);
});

it('creates one proposal per decision, however often and under whatever event id it arrives', async () => {
  const d = decision();
  const eventId = await publishDecision(d);
  const p = await proposalOf(d.decisionId);
  await eventually(async () => ((await createdEvents(d.decisionId)).length ? true : undefined), 10_000);

  // The same event again (dropped by the inbox), and another event for the same decision.
  await publishDecision(d, eventId);
  await publishDecision({ ...d, text: '同意3栋加装电梯（重发）。' });
  await marker();
  expect(await proposalIdsOf(d.decisionId)).toEqual([p.id]);
  expect(await get(p.id)).toEqual(p);
  expect(await createdEvents(d.decisionId)).toHaveLength(1);
});

it('puts nothing to the vote for decisions asking for something else', async () => {
  const others = ['none', 'task', 'mediation_case', 'list_item'].map((action) => decision({ action, creates: action, list: action === 'list_item' ? 'needs' : null }));
  for (const d of others) await publishDecision(d);
  await marker();
  for (const d of others) {
    expect(await proposalIdsOf(d.decisionId)).toEqual([]);
    expect(await createdEvents(d.decisionId)).toEqual([]);
  }
});
