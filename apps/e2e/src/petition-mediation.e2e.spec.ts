import { eventually, idCard } from '@gov/platform-testing';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startPlatform, type Platform } from './harness.js';

/**
 * A neighbours' dispute from the hotline to a signed agreement, through the gateway with the real
 * services: the handler hands the petition on for mediation, mediation opens a case for it (and
 * petitions links it back), the county's grid committee gets a mediator — a steward identity
 * enrolled — who completes the parties, holds an online session and drafts a payment agreement;
 * both parties accept, the case is agreed with its 30-day confirmation window, the agreement's PDF
 * has the Chinese text, the joint application for judicial confirmation is filed, and the
 * statistics count it.
 */
const GRID = 'jingmen/dongbao/longquan/xiangshan/g01';
const POINT = { lat: 31.0402, lng: 112.2051 };
/** The events cross petitions' and mediation's consumers and outbox relays. */
const LINK_TIMEOUT_MS = 20_000;
const DAY_MS = 86_400_000;

let p: Platform;
let token: string;

beforeAll(async () => {
  p = await startPlatform();
  await p.regions(GRID);
  token = await p.login('dongbao-admin', 'dongbao-2026');
}, 120_000);
afterAll(() => p?.close());

async function ok<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const r = await p.gql<T>(query, variables, token);
  expect(r.errors).toBeUndefined();
  return r.data!;
}

it('takes a hotline petition to a signed, confirmable agreement', async () => {
  // The hotline petition, taken up at grid level and handed on for mediation.
  const submitted = await ok(`mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { trackingCode } } }`, {
    i: { channel: 'hotline', category: 'dispute.leak_between_floors', title: '楼上漏水纠纷', description: '5栋501卫生间漏水致401天花板霉变，协商赔偿未果。', region: GRID, location: POINT, contact: { name: '王秀兰', phone: '13871234567' } },
  });
  const code = submitted.submitPetition.petition.trackingCode;
  const petitionId = (await ok(`{ petitions(first: 20) { items { id trackingCode } } }`)).petitions.items.find((x: { trackingCode: string }) => x.trackingCode === code).id;
  await ok(`mutation($id: ID!) { screenPetition(input: { id: $id, outcome: valid }) { id } }`, { id: petitionId });
  await ok(`mutation($id: ID!) { assignPetition(input: { id: $id, level: grid }) { id } }`, { id: petitionId });
  await ok(`mutation($id: ID!) { acceptPetition(input: { id: $id }) { id } }`, { id: petitionId });
  await ok(`mutation($id: ID!) { spawnFromPetition(input: { id: $id, kind: mediation, note: "请网格调解小组介入" }) { id } }`, { id: petitionId });

  const caseId = await eventually(async () => (await ok(`query($id: ID!) { petition(id: $id) { mediationCaseId } }`, { id: petitionId })).petition.mediationCaseId ?? undefined, LINK_TIMEOUT_MS);
  const opened = (await ok(`query($id: ID!) { mediationCase(id: $id) { number source sourcePetitionId category level state parties { id role name } } }`, { id: caseId })).mediationCase;
  expect(opened).toMatchObject({ source: 'petition', sourcePetitionId: petitionId, category: 'neighbours', level: 'grid', state: 'opened' });
  expect(opened.number).toMatch(/^东宝调〔\d{4}〕\d{4}号$/);

  // The grid's committee and its mediator: a resident volunteer identity enrols as a steward.
  const unit = (await ok(`mutation { createUnit(input: { code: "XSTJ", name: "象山社区调解委员会", kind: liaison_unit, region: "jingmen/dongbao" }) { id } }`)).createUnit.id;
  const person = (await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name: '刘明德', phone: '13972220001', idCardNumber: idCard(801), region: GRID } })).registerPerson.id;
  await ok(`mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id } }`, { i: { personId: person, class: 5, unitId: unit, grid: GRID, deliberationRole: 'dispute_mediator' } });
  const organisation = (await ok(`mutation { createMediationOrganisation(input: { kind: committee, name: "象山社区第一网格调解小组", region: "${GRID}" }) { id level } }`)).createMediationOrganisation;
  expect(organisation.level).toBe('grid');
  // Mediation learns the steward from identity's event: until then the person is unknown to it.
  const mediator = await eventually(async () => {
    const r = await p.gql(`mutation($i: AddMediatorInput!) { addMediator(input: $i) { id } }`, { i: { organisationId: organisation.id, personId: person, name: '刘明德', specialities: ['neighbours', 'property_management'] } }, token);
    return r.errors ? undefined : r.data.addMediator.id as string;
  }, LINK_TIMEOUT_MS);
  const suggestions = (await ok(`query($c: ID!) { suggestMediators(caseId: $c) { mediatorId conflicts { kind } } }`, { c: caseId })).suggestMediators;
  expect(suggestions[0]).toEqual({ mediatorId: mediator, conflicts: [] });

  // The placeholders from the petition are completed, the mediator assigned, a session held online.
  const [applicant, respondent] = opened.parties;
  await ok(`mutation($i: UpdateMediationPartyInput!) { updateMediationParty(input: $i) { id } }`, { i: { caseId, partyId: applicant.id, name: '王秀兰', phone: '13871234567' } });
  await ok(`mutation($i: UpdateMediationPartyInput!) { updateMediationParty(input: $i) { id } }`, { i: { caseId, partyId: respondent.id, name: '李建国', phone: '13987654321' } });
  await ok(`mutation($i: AssignMediatorInput!) { assignMediator(input: $i) { state } }`, { i: { caseId, mediatorId: mediator } });
  const session = (await ok(`mutation($i: ScheduleSessionInput!) { scheduleSession(input: $i) { id } }`, {
    i: { caseId, mode: 'online', startsAt: new Date(Date.now() + DAY_MS).toISOString(), meetingLink: 'https://meeting.example.cn/j/123456' },
  })).scheduleSession.id;
  await ok(`mutation($i: RecordSessionInput!) { recordSession(input: $i) { state } }`, { i: { sessionId: session, attendedPartyIds: [applicant.id, respondent.id], notes: '双方同意由李建国修复防水并分期赔偿。' } });

  // The agreement: drafted, accepted by both (signed in person, recorded by the admin), in effect.
  const deadline = new Date(Date.now() + 90 * DAY_MS).toISOString().slice(0, 10);
  const due = (months: number) => new Date(Date.now() + months * 30 * DAY_MS).toISOString().slice(0, 10);
  const draft = (await ok(`mutation($i: DraftAgreementInput!) { draftAgreement(input: $i) { version } }`, {
    i: {
      caseId, template: 'payment', facts: '李建国家卫生间防水层破损，致王秀兰家天花板霉变。', performanceMethod: '银行转账', performanceDeadline: deadline,
      terms: ['李建国于十五日内修复卫生间防水层。', '李建国赔偿王秀兰维修费人民币2600元，分两期支付。'],
      instalments: [{ dueOn: due(1), amountFen: 130000 }, { dueOn: due(2), amountFen: 130000 }],
    },
  })).draftAgreement;
  for (const party of [applicant, respondent]) await ok(`mutation($i: AcceptAgreementInput!) { acceptAgreement(input: $i) { effective } }`, { i: { caseId, partyId: party.id, version: draft.version } });
  const agreed = (await ok(`query($id: ID!) { mediationCase(id: $id) { state agreedAt confirmationDeadline confirmationState } mediationFollowUps(caseId: $id) { kind amountFen } }`, { id: caseId }));
  expect(agreed.mediationCase).toMatchObject({ state: 'agreed', confirmationState: 'none' });
  expect(Date.parse(agreed.mediationCase.confirmationDeadline) - Date.parse(agreed.mediationCase.agreedAt)).toBe(30 * DAY_MS);
  expect(agreed.mediationFollowUps.map((f: { kind: string }) => f.kind).sort()).toEqual(['payment', 'payment', 'visit']);

  // The PDF the gateway serves has the Chinese text: the title, both parties and the terms.
  const pdfPath = (await ok(`query($id: ID!) { mediationAgreement(caseId: $id) { pdfUrl } }`, { id: caseId })).mediationAgreement.pdfUrl;
  const res = await fetch(`${p.gateway.url}${pdfPath}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()) }).promise;
  let text = '';
  for (let n = 1; n <= pdf.numPages; n++) text += (await (await pdf.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
  // The title is letter-spaced on the page.
  const flat = text.replace(/\s+/g, '');
  for (const expected of ['人民调解协议书', opened.number, '王秀兰', '李建国', '修复卫生间防水层', '2600', '139****4321']) expect(flat).toContain(expected);
  expect(flat).not.toContain('13871234567');
  expect((await fetch(`${p.gateway.url}${pdfPath}`)).status).toBe(401);

  // The joint application for judicial confirmation, and the county's statistics.
  const requested = (await ok(`mutation($i: RequestJudicialConfirmationInput!) { requestJudicialConfirmation(input: $i) { confirmationState } }`, { i: { caseId, court: '东宝区人民法院' } })).requestJudicialConfirmation;
  expect(requested.confirmationState).toBe('requested');
  const stats = (await ok(`{ mediationStats(region: "jingmen/dongbao", groupBy: category) { totals { taken resolved successRate } rows { key taken } } }`)).mediationStats;
  expect(stats.totals).toMatchObject({ taken: 1, resolved: 1, successRate: 1 });
  expect(stats.rows).toEqual([{ key: 'neighbours', taken: 1 }]);
  const { petitionTimeline } = await ok(`query($id: ID!) { petitionTimeline(id: $id) { action } }`, { id: petitionId });
  expect(petitionTimeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['mediation_requested', 'linked']));
});

it("turns a red-bench meeting's decisions into a volunteer task and a household vote", async () => {
  const COMMUNITY = 'jingmen/dongbao/longquan/xiangshan';
  const ids = await p.regions(COMMUNITY);
  // The community's office, where tasks without a point of their own are worked from.
  await ok(`mutation($i: CreatePlaceInput!) { createPlace(input: $i) { id } }`, { i: { kind: 'office', name: '象山社区居委会', regionId: ids[COMMUNITY], location: POINT } });
  const meeting = (await ok(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, {
    i: { kind: 'red_bench', region: COMMUNITY, title: '象山社区红板凳议事会', startsAt: new Date(Date.now() + DAY_MS).toISOString(), place: '象山社区广场' },
  })).scheduleMeeting.id;
  const item = (await ok(`mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }`, { i: { meetingId: meeting, source: 'raised', title: '楼道堆放杂物清理' } })).addAgendaItem.id;
  await ok(`mutation($i: RecordMinutesInput!) { recordMinutes(input: $i) { state } }`, { i: { meetingId: meeting, attendees: [{ name: '王芳', role: '信息员' }, { name: '李建国', role: '居民代表' }], minutes: '居民反映楼道堆物有火灾隐患，商定组织志愿者清理，并就增设电动车充电棚征求住户意见。' } });
  const task = (await ok(`mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { id } }`, { i: { meetingId: meeting, agendaItemId: item, text: '本周六组织红管家清理楼道堆物。', action: 'task' } })).recordDecision.id;
  const vote = (await ok(`mutation($i: RecordDecisionInput!) { recordDecision(input: $i) { id } }`, { i: { meetingId: meeting, text: '增设电动车充电棚，交由住户表决。', action: 'proposal' } })).recordDecision.id;

  // tasks publishes a dispatched task at the office; petitions puts the matter to the households.
  const ts = `"${p.tasks.config.DB_SCHEMA}"`;
  const taskId = await eventually(async () => (await p.tasks.em().execute<{ id: string }[]>(`select id from ${ts}.task where source_decision_id = ?`, [task]))[0]?.id, LINK_TIMEOUT_MS);
  const published = (await ok(`query($id: ID!) { task(id: $id) { title kind region sourceDecisionId } }`, { id: taskId })).task;
  expect(published).toEqual({ title: '【议事】楼道堆放杂物清理', kind: 'dispatched', region: COMMUNITY, sourceDecisionId: task });
  const proposal = await eventually(async () => (await ok(`query($r: String!) { proposals(region: $r, first: 20) { title region sourceDecisionId } }`, { r: COMMUNITY })).proposals.find((x: { sourceDecisionId: string | null }) => x.sourceDecisionId === vote), LINK_TIMEOUT_MS);
  expect(proposal).toMatchObject({ region: COMMUNITY });
  expect(proposal.title).toContain('增设电动车充电棚');
});
