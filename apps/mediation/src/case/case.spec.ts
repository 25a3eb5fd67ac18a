// A dispute case from intake to closing over NATS: opening from a walk-in, a court referral or a
// petition handed on (exactly once, with the link back), numbering per county and year, parties'
// contacts encrypted and masked with audited unmasking, the police alert of a criminal risk,
// escalation up the levels, closing with an outcome, and refusals that change nothing.
import type { Actor } from '@gov/kernel';
import { MediationRpc, type CasePageView, type CaseTimelineEntryView, type MediationCaseView, type OpenCaseInput, type PartyContactView } from '@gov/mediation-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { XIANGSHAN, XIANGSHAN_GRID as GRID, actorOf, knownPersons, publishEvent, walkInCase } from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;

const BAISHIPO = 'jingmen/duodao/duodaoshi/baishipo';
const admin = actorOf('community_admin', XIANGSHAN);
const gridWorker = actorOf('grid_worker', GRID);
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const resident = actorOf('resident', XIANGSHAN);

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const call = <T>(subject: string, input: unknown, actor: Actor = admin) => rpc.request<T>(subject, input, { actor });

/** The shared walk-in, with an amount in dispute and the applicant's ID number. */
const walkIn = (over: Partial<OpenCaseInput> = {}): OpenCaseInput => walkInCase({ amountFen: 320_000, applicant: { idNumber: '420802196505121234' }, ...over });

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('opening a case', () => {
  let opened: MediationCaseView;

  it('opens a walk-in at its grid with a county number, parties masked and the timeline started', async () => {
    opened = await call<MediationCaseView>(MediationRpc.caseOpen, walkIn(), gridWorker);
    expect(opened).toMatchObject({ state: 'opened', level: 'grid', county: 'dongbao', category: 'neighbours', categoryZh: '邻里纠纷', amountFen: 320_000, criminalRisk: false, policeGrid: null });
    expect(opened.number).toMatch(/^东宝调〔\d{4}〕\d{4}号$/);
    expect(opened.parties.map((p) => [p.role, p.name, p.phoneMasked])).toEqual([
      ['applicant', '王秀兰', '138****4567'],
      ['respondent', '李建国', '139****4321'],
    ]);
    expect(opened.parties[0]!.idNumberMasked).toBe('420802********1234');
    const second = await call<MediationCaseView>(MediationRpc.caseOpen, walkIn({ title: '噪音纠纷' }), gridWorker);
    expect(Number(second.number.slice(-7, -1))).toBe(Number(opened.number.slice(-7, -1)) + 1);
    const timeline = await call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id: opened.id });
    expect(timeline.map((e) => e.action)).toEqual(['opened']);
  });

  it('stores phones and ID numbers only encrypted, and unmasks them for the admin with an audit row', async () => {
    const rows = await sql<{ phone_enc: string; id_number_enc: string | null }>(`select phone_enc, id_number_enc from {s}.case_party where case_id = ? order by position`, [opened.id]);
    expect(rows[0]!.phone_enc).not.toContain('13871234567');
    expect(rows[0]!.id_number_enc).not.toContain('420802196505121234');
    const contact = await call<PartyContactView>(MediationRpc.partyContact, { caseId: opened.id, partyId: opened.parties[0]!.id });
    expect(contact).toMatchObject({ name: '王秀兰', phone: '13871234567', idNumber: '420802196505121234' });
    const audit = await sql<{ actor_account_id: string }>(`select actor_account_id from {s}.contact_access where case_id = ?`, [opened.id]);
    expect(audit.map((r) => r.actor_account_id)).toEqual([admin.accountId]);
  });

  it('lets only the mediator or an admin unmask, and shows nothing of it to another county', async () => {
    await expect(call(MediationRpc.partyContact, { caseId: opened.id, partyId: opened.parties[0]!.id }, gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.partyContact, { caseId: opened.id, partyId: opened.parties[0]!.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.caseGet, { id: opened.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.caseGet, { id: opened.id }, resident)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await call(MediationRpc.caseGetMany, { ids: [opened.id] }, duodaoAdmin)).toEqual([]);
    const audit = await sql<{ n: string }>(`select count(*)::int as n from {s}.contact_access where case_id = ?`, [opened.id]);
    expect(Number(audit[0]!.n)).toBe(1);
  });

  it('shows a party their own case', async () => {
    const [personId] = await knownPersons(t, app, GRID);
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, walkIn({ parties: [{ role: 'applicant', name: '赵敏', personId: personId! }, { role: 'respondent', name: '象山物业公司' }] }));
    const party: Actor = { ...resident, personId: personId! };
    expect((await call<MediationCaseView>(MediationRpc.caseGet, { id: c.id }, party)).id).toBe(c.id);
    const page = await call<CasePageView>(MediationRpc.caseList, {}, party);
    expect(page.items.map((x) => x.id)).toEqual([c.id]);
  });

  it('alerts the police grid of the place at once for a criminal risk', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, walkIn({ title: '宅基地纠纷激化', risk: 'high', criminalRisk: true, category: 'land_boundary' }));
    expect(c).toMatchObject({ criminalRisk: true, policeGrid: XIANGSHAN, risk: 'high' });
    const alerts = await sql<{ police_grid: string }>(`select police_grid from {s}.police_alert where case_id = ?`, [c.id]);
    expect(alerts).toEqual([{ police_grid: XIANGSHAN }]);
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.mediation.case.police-alerted.v1' && x.subject === c.id);
      return e.length ? e : undefined;
    });
    expect(events[0]!.data).toMatchObject({ policeGrid: XIANGSHAN, risk: 'high' });
    expect(JSON.stringify(events[0]!.data)).not.toMatch(/王秀兰|1387/);
  });

  it('refuses bad openings with a coded error and stores nothing', async () => {
    const before = await sql<{ n: string }>(`select count(*)::int as n from {s}.mediation_case`);
    await expect(call(MediationRpc.caseOpen, walkIn({ source: 'court_referral' }))).rejects.toMatchObject({ code: 'VALIDATION', reason: 'SOURCE_NEEDED' });
    await expect(call(MediationRpc.caseOpen, walkIn({ source: 'deliberation', sourceMeetingId: randomUUID() }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.caseOpen, walkIn({ level: 'grid', region: XIANGSHAN }))).rejects.toMatchObject({ code: 'VALIDATION', reason: 'MEDIATOR_WRONG_LEVEL' });
    await expect(call(MediationRpc.caseOpen, walkIn({ parties: [{ role: 'applicant', name: '甲' }, { role: 'applicant', name: '乙' }] }))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call(MediationRpc.caseOpen, walkIn(), resident)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [duodaoPerson] = await knownPersons(t, app, `${BAISHIPO}/g01`);
    for (const personId of [duodaoPerson, randomUUID()])
      await expect(call(MediationRpc.caseOpen, walkIn({ parties: [{ role: 'applicant', name: '甲', personId }, { role: 'respondent', name: '乙' }] }))).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_PERSON' });
    await expect(call(MediationRpc.caseOpen, walkIn({ source: 'petition', sourcePetitionId: randomUUID() }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.caseOpen, walkIn({ region: BAISHIPO }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const after = await sql<{ n: string }>(`select count(*)::int as n from {s}.mediation_case`);
    expect(after).toEqual(before);
  });

  it('lists a region newest first, page by page, and refuses a region outside the caller', async () => {
    const first = await call<CasePageView>(MediationRpc.caseList, { region: XIANGSHAN, first: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.hasNextPage).toBe(true);
    const next = await call<CasePageView>(MediationRpc.caseList, { region: XIANGSHAN, first: 2, after: first.endCursor });
    const seen = [...first.items, ...next.items].map((c) => c.number);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort().reverse()).toEqual(seen);
    const risky = await call<CasePageView>(MediationRpc.caseList, { criminalRisk: true });
    expect(risky.items.every((c) => c.criminalRisk)).toBe(true);
    await expect(call(MediationRpc.caseList, { region: BAISHIPO })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await call<CasePageView>(MediationRpc.caseList, {}, duodaoAdmin)).items).toEqual([]);
  });
});

describe('escalating and closing', () => {
  it('escalates grid → community → street → county and stops at the county centre', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, walkIn());
    const levels: string[] = [];
    for (const reason of ['网格调解未果', '社区调解未果', '街道调解未果']) {
      const up = await call<MediationCaseView>(MediationRpc.caseEscalate, { caseId: c.id, reason });
      levels.push(up.level);
      expect(up).toMatchObject({ state: 'opened', mediatorId: null });
    }
    expect(levels).toEqual(['community', 'street', 'county']);
    await expect(call(MediationRpc.caseEscalate, { caseId: c.id, reason: '再次上交' }, actorOf('county_admin', 'jingmen/dongbao'))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'TOP_LEVEL' });
    const after = await call<MediationCaseView>(MediationRpc.caseGet, { id: c.id });
    expect(after).toMatchObject({ level: 'county', escalations: 3 });
  });

  it('closes with an outcome once; performed needs an agreement', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, walkIn());
    await expect(call(MediationRpc.caseClose, { caseId: c.id, outcome: 'performed' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'OUTCOME_NEEDS_AGREEMENT' });
    await expect(call(MediationRpc.caseClose, { caseId: c.id, outcome: 'withdrawn' }, gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const closed = await call<MediationCaseView>(MediationRpc.caseClose, { caseId: c.id, outcome: 'withdrawn', note: '申请人撤回' });
    expect(closed).toMatchObject({ state: 'closed', outcome: 'withdrawn' });
    expect(closed.closedAt).not.toBeNull();
    await expect(call(MediationRpc.caseClose, { caseId: c.id, outcome: 'no_agreement' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    await expect(call(MediationRpc.caseEscalate, { caseId: c.id, reason: '上交' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    const timeline = await call<CaseTimelineEntryView[]>(MediationRpc.caseTimeline, { id: c.id });
    expect(timeline.map((e) => [e.action, e.toState])).toEqual([['opened', 'opened'], ['closed', 'closed']]);
  });
});

describe('a petition handed on for mediation', () => {
  const MEDIATION_REQUESTED = { service: 'petitions', aggregate: 'petition', event: 'mediation-requested' } as const;

  it('opens one case for it however often the event arrives, and says so with sourcePetitionId', async () => {
    const petitionId = randomUUID();
    const data = { id: petitionId, trackingCode: 'ABCD-EFGH-JKLM', category: 'dispute.homestead_boundary', region: GRID, title: '宅基地界址争议', description: '两户因院墙界址发生争执', note: '请社区调委会介入' };
    await publishEvent(t, { service: 'petitions', aggregate: 'petition', event: 'submitted' }, GRID, petitionId, { id: petitionId, trackingCode: data.trackingCode, category: data.category, region: GRID });
    const eventId = await publishEvent(t, MEDIATION_REQUESTED, GRID, petitionId, data);
    await publishEvent(t, MEDIATION_REQUESTED, GRID, petitionId, data, eventId);
    await publishEvent(t, MEDIATION_REQUESTED, GRID, petitionId, data);
    const opened = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.mediation.case.opened.v1' && (x.data as { sourcePetitionId?: string }).sourcePetitionId === petitionId);
      return e.length ? e : undefined;
    });
    const page = await call<CasePageView>(MediationRpc.caseList, { region: GRID, first: 100 });
    const cases = page.items.filter((c) => c.sourcePetitionId === petitionId);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ source: 'petition', category: 'land_boundary', title: '宅基地界址争议', state: 'opened' });
    expect(cases[0]!.facts).toContain('ABCD-EFGH-JKLM');
    expect(opened).toHaveLength(1);
    await eventually(async () => ((await sql(`select id from {s}.source_ref where id = ?`, [petitionId])).length ? true : undefined));
    await expect(call(MediationRpc.caseOpen, walkIn({ source: 'petition', sourcePetitionId: petitionId }))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'PETITION_ALREADY_OPENED' });
  });
});
