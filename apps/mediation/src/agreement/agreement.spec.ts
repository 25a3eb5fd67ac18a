// Agreements (人民调解协议书) and judicial confirmation (司法确认) over NATS: drafting versions,
// each party's acceptance (their own, or signed in person before the mediator), the case settling
// with its 30-day confirmation window and payment follow-ups, the HTML and PDF documents with
// Chinese text, the court's application and ruling, and refusals that change nothing.
import type { Actor } from '@gov/kernel';
import { MediationRpc, type AgreementDocumentView, type AgreementTemplateView, type AgreementView, type DraftAgreementInput, type MediationCaseView, type OpenCaseInput } from '@gov/mediation-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  MEDIATING_TIMELINE,
  XIANGSHAN,
  XIANGSHAN_GRID as GRID,
  actorOf,
  agreedCase as agreedVia,
  caseEvents,
  committeeWithMediator,
  makeKnown,
  mediatingCase as mediatingVia,
  walkInCase,
  type Committee,
} from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';
import { renderPdf } from './agreement-document.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;
let committee: Committee;

const DAY_MS = 86_400_000;
/** The clock's own timer stays out of these tests: its reports of the past instalments below would add to the rows a refusal must leave alone. */
const CLOCK_OFF = '3600000';

const admin = actorOf('community_admin', XIANGSHAN);
const mediator = actorOf('mediator', GRID);
const gridWorker = actorOf('grid_worker', GRID);
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const call = <T>(subject: string, input: unknown, actor: Actor = mediator) => rpc.request<T>(subject, input, { actor });

/** A case with its two parties (each with their own identity person), the mediator already at work. */
interface TestCase {
  id: string;
  applicant: { partyId: string; actor: Actor };
  respondent: { partyId: string; actor: Actor };
}

/** The shared walk-in with each party a person of their own, carried by `carry` through the API. */
async function withParties(carry: (input: OpenCaseInput) => Promise<MediationCaseView>): Promise<TestCase> {
  const applicant = actorOf('resident', GRID);
  const respondent = actorOf('resident', GRID);
  await makeKnown(t, app, GRID, [applicant.personId!, respondent.personId!]);
  const c = await carry(walkInCase({ applicant: { personId: applicant.personId }, respondent: { personId: respondent.personId } }));
  return { id: c.id, applicant: { partyId: c.parties[0]!.id, actor: applicant }, respondent: { partyId: c.parties[1]!.id, actor: respondent } };
}

const TERMS = ['被申请人于每月10日前向申请人支付人民币2600元，共2期。', '被申请人于2026年6月30日前修复401室天花板。'];
/** A payment agreement in two instalments. */
const PAYMENT_AGREEMENT = {
  template: 'payment',
  facts: '被申请人家卫生间漏水致申请人家天花板霉变，双方确认损失共计人民币5200元。',
  terms: TERMS,
  performanceMethod: '银行转账',
  performanceDeadline: '2026-08-10',
  instalments: [
    { dueOn: '2026-07-10', amountFen: 260_000 },
    { dueOn: '2026-08-10', amountFen: 260_000 },
  ],
} satisfies Partial<DraftAgreementInput>;
const draftOf = (caseId: string, over: Partial<DraftAgreementInput> = {}): DraftAgreementInput => ({ caseId, ...PAYMENT_AGREEMENT, ...over });

/** Assigned, with a session scheduled. */
const mediatingCase = () => withParties((input) => mediatingVia(committee, input));
/** Mediating, then the payment agreement drafted and signed by both parties in person: `agreed`. */
const agreedCase = () => withParties((input) => agreedVia(committee, input, PAYMENT_AGREEMENT));

const accept = (c: TestCase, who: 'applicant' | 'respondent', version: number, actor: Actor = c[who].actor) =>
  call<AgreementView>(MediationRpc.agreementAccept, { caseId: c.id, partyId: c[who].partyId, version }, actor);

const getCase = (id: string) => call<MediationCaseView>(MediationRpc.caseGet, { id });

/** Everything a refused call must leave as it was. */
const snapshot = async (caseId: string) => ({
  row: JSON.stringify(await sql(`select * from {s}.mediation_case where id = ?`, [caseId])),
  parties: JSON.stringify(await sql(`select * from {s}.case_party where case_id = ? order by position`, [caseId])),
  counts: await sql(
    `select (select count(*) from {s}.agreement) as a, (select count(*) from {s}.follow_up) as f, (select count(*) from {s}.case_timeline) as t, (select count(*) from {s}.outbox_event) as o`,
  ),
});

const eventsOf = (caseId: string, type: string, n = 1) => caseEvents(t, caseId, type, n);

async function pdfText(base64: string): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')) }).promise;
  let text = '';
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
  }
  return text.replace(/\s+/g, '');
}

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50', CLOCK_SWEEP_MS: CLOCK_OFF }));
  rpc = await t.rpc();
  await makeKnown(t, app, GRID, [mediator.personId!]);
  committee = await committeeWithMediator(rpc, admin, GRID, mediator.personId!);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('templates', () => {
  it('offers every template with a Chinese title and terms to start from', async () => {
    const templates = await call<AgreementTemplateView[]>(MediationRpc.agreementTemplates, {});
    expect(templates.map((x) => x.key)).toEqual(['general', 'payment', 'neighbours', 'labour_injury', 'marriage_family']);
    for (const x of templates) expect(x.titleZh).toMatch(/\p{Script=Han}/u);
    expect(templates.find((x) => x.key === 'payment')!.suggestedTerms.join('')).toContain('被申请人于每月X日前向申请人支付人民币X元');
  });
});

describe('drafting and accepting', () => {
  it('settles the case when the last party accepts: 30 days to apply for confirmation, payments to follow up', async () => {
    const c = await mediatingCase();
    const drafted = await call<AgreementView>(MediationRpc.agreementDraft, draftOf(c.id));
    expect(drafted).toMatchObject({ version: 1, template: 'payment', terms: TERMS, performanceDeadline: '2026-08-10', acceptances: [], effective: false });
    expect((await getCase(c.id)).agreementVersion).toBe(1);

    const first = await accept(c, 'applicant', 1);
    expect(first.acceptances.map((x) => x.partyName)).toEqual(['王秀兰']);
    expect(first.effective).toBe(false);
    expect((await getCase(c.id)).state).toBe('mediating');

    // The respondent signs the paper in person; the mediator records it.
    const last = await accept(c, 'respondent', 1, mediator);
    expect(last.effective).toBe(true);
    expect(last.acceptances.map((x) => x.partyName)).toEqual(['王秀兰', '李建国']);
    const agreed = await getCase(c.id);
    expect(agreed).toMatchObject({ state: 'agreed', confirmationState: 'none' });
    expect(Date.parse(agreed.confirmationDeadline!) - Date.parse(agreed.agreedAt!)).toBe(30 * DAY_MS);
    expect(agreed.parties.map((p) => p.acceptedAgreementVersion)).toEqual([1, 1]);

    const followUps = await sql<{ kind: string; due_on: string; amount_fen: string | null }>(
      `select kind, to_char(due_on, 'YYYY-MM-DD') as due_on, amount_fen::text from {s}.follow_up where case_id = ? order by due_on, kind`,
      [c.id],
    );
    expect(followUps).toEqual([
      { kind: 'payment', due_on: '2026-07-10', amount_fen: '260000' },
      { kind: 'payment', due_on: '2026-08-10', amount_fen: '260000' },
      { kind: 'visit', due_on: '2026-08-10', amount_fen: null },
    ]);
    const timeline = await sql<{ action: string }>(`select action from {s}.case_timeline where case_id = ? order by seq`, [c.id]);
    expect(timeline.map((x) => x.action)).toEqual([...MEDIATING_TIMELINE, 'agreement_drafted', 'agreement_accepted', 'agreement_accepted', 'agreed']);

    const [agreedEvent] = await eventsOf(c.id, 'agreed');
    expect(agreedEvent!.data).toMatchObject({ state: 'agreed', agreementVersion: 1, followUps: 3, confirmationDeadline: agreed.confirmationDeadline });
    const published = [...(await eventsOf(c.id, 'agreement-drafted')), ...(await eventsOf(c.id, 'agreement-accepted', 2)), agreedEvent];
    expect(JSON.stringify(published.map((e) => e!.data))).not.toMatch(/王秀兰|李建国|13871234567|13987654321|被申请人于|漏水/);
  });

  it('refuses a party accepting for the other party, and changes nothing', async () => {
    const c = await mediatingCase();
    await call(MediationRpc.agreementDraft, draftOf(c.id));
    const before = await snapshot(c.id);
    await expect(accept(c, 'respondent', 1, c.applicant.actor)).rejects.toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_YOUR_PARTY' });
    await expect(accept(c, 'respondent', 1, gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(accept(c, 'respondent', 1, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.agreementAccept, { caseId: c.id, partyId: randomUUID(), version: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_PARTY' });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('makes earlier acceptances stale with a new draft', async () => {
    const c = await mediatingCase();
    await call(MediationRpc.agreementDraft, draftOf(c.id));
    await accept(c, 'applicant', 1);
    await expect(accept(c, 'applicant', 1)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ACCEPTED' });
    const v2 = await call<AgreementView>(MediationRpc.agreementDraft, draftOf(c.id, { terms: ['被申请人一次性支付人民币5000元。'], instalments: [] }));
    expect(v2).toMatchObject({ version: 2, acceptances: [], effective: false });

    const before = await snapshot(c.id);
    await expect(accept(c, 'respondent', 1)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await snapshot(c.id)).toEqual(before);

    await accept(c, 'respondent', 2);
    expect((await getCase(c.id)).state).toBe('mediating');
    await accept(c, 'applicant', 2);
    expect((await getCase(c.id)).state).toBe('agreed');
    const followUps = await sql<{ kind: string }>(`select kind from {s}.follow_up where case_id = ?`, [c.id]);
    expect(followUps.map((f) => f.kind)).toEqual(['visit']);
  });

  it('refuses steps out of order with a coded error, and changes nothing', async () => {
    const opened = await call<MediationCaseView>(MediationRpc.caseOpen, walkInCase(), admin);
    let before = await snapshot(opened.id);
    await expect(call(MediationRpc.agreementDraft, draftOf(opened.id), admin)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    expect(await snapshot(opened.id)).toEqual(before);

    const c = await mediatingCase();
    before = await snapshot(c.id);
    await expect(accept(c, 'applicant', 1)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'NO_AGREEMENT' });
    expect(await call(MediationRpc.agreementGet, { caseId: c.id })).toBeNull();
    await expect(call(MediationRpc.agreementDraft, draftOf(c.id), gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.agreementDraft, draftOf(c.id, { instalments: [{ dueOn: '2026-09-01', amountFen: 100 }] }))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call(MediationRpc.confirmationRequest, { caseId: c.id, court: '东宝区人民法院' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    await expect(call(MediationRpc.confirmationRecord, { caseId: c.id, confirmed: true })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'CONFIRMATION_NOT_REQUESTED' });
    expect(await snapshot(c.id)).toEqual(before);

    const agreed = await agreedCase();
    before = await snapshot(agreed.id);
    await expect(call(MediationRpc.agreementDraft, draftOf(agreed.id))).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    await expect(accept(agreed, 'applicant', 1)).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_ACCEPTED' });
    expect(await snapshot(agreed.id)).toEqual(before);
  });
});

describe('judicial confirmation', () => {
  it('records the joint application and the court confirming the agreement', async () => {
    const c = await agreedCase();
    const requested = await call<MediationCaseView>(MediationRpc.confirmationRequest, { caseId: c.id, court: '东宝区人民法院' }, c.applicant.actor);
    expect(requested).toMatchObject({ state: 'agreed', confirmationState: 'requested' });
    const [row] = await sql<{ confirmation_court: string; confirmation_requested_at: Date | null }>(
      `select confirmation_court, confirmation_requested_at from {s}.mediation_case where id = ?`,
      [c.id],
    );
    expect(row).toMatchObject({ confirmation_court: '东宝区人民法院', confirmation_requested_at: expect.anything() });

    const before = await snapshot(c.id);
    await expect(call(MediationRpc.confirmationRequest, { caseId: c.id, court: '东宝区人民法院' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REQUESTED' });
    await expect(call(MediationRpc.confirmationRecord, { caseId: c.id, confirmed: true }, c.applicant.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await snapshot(c.id)).toEqual(before);

    const ruled = await call<MediationCaseView>(MediationRpc.confirmationRecord, { caseId: c.id, confirmed: true, rulingReference: '（2026）鄂0802民特12号' });
    expect(ruled.confirmationState).toBe('confirmed');
    const [requestedEvent] = await eventsOf(c.id, 'confirmation-requested');
    expect(requestedEvent!.data).toMatchObject({ court: '东宝区人民法院', confirmationState: 'requested' });
    const [recorded] = await eventsOf(c.id, 'confirmation-recorded');
    expect(recorded!.data).toMatchObject({ confirmed: true, rulingReference: '（2026）鄂0802民特12号', confirmationState: 'confirmed' });
  });

  it('refuses an application after the 30 days, and changes nothing', async () => {
    const c = await agreedCase();
    // The window's end, moved into the past with SQL: no call does that, and waiting 30 days is not an option.
    await sql(`update {s}.mediation_case set confirmation_deadline = now() - interval '1 hour' where id = ?`, [c.id]);
    const before = await snapshot(c.id);
    await expect(call(MediationRpc.confirmationRequest, { caseId: c.id, court: '东宝区人民法院' })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'CONFIRMATION_DEADLINE_PASSED' });
    expect(await snapshot(c.id)).toEqual(before);
  });

  it('refers a case whose confirmation the court rejected to litigation', async () => {
    const c = await agreedCase();
    await call(MediationRpc.confirmationRequest, { caseId: c.id, court: '东宝区人民法院' });
    expect((await call<MediationCaseView>(MediationRpc.confirmationRecord, { caseId: c.id, confirmed: false, rulingReference: '（2026）鄂0802民特13号' })).confirmationState).toBe('rejected');
    const closed = await call<MediationCaseView>(MediationRpc.caseClose, { caseId: c.id, outcome: 'referred_litigation' });
    expect(closed).toMatchObject({ state: 'closed', outcome: 'referred_litigation', confirmationState: 'rejected' });
  });
});

describe('the agreement document', () => {
  it('prints a PDF with the Chinese text of the parties and the terms, contacts masked', async () => {
    const c = await agreedCase();
    const doc = await call<AgreementDocumentView>(MediationRpc.agreementDocument, { caseId: c.id, format: 'pdf' }, c.respondent.actor);
    expect(doc).toMatchObject({ caseId: c.id, version: 1, format: 'pdf', contentType: 'application/pdf' });
    expect(Buffer.from(doc.content, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(doc.content);
    const number = (await getCase(c.id)).number;
    for (const expected of ['人民调解协议书', number, '王秀兰', '李建国', ...TERMS, '银行转账', '2026年8月10日', '2600.00', committee.organisation.name, committee.mediator.name, '138****4567', '司法确认', '三十三条'])
      expect(text).toContain(expected.replace(/\s+/g, ''));
    expect(text).not.toMatch(/13871234567|13987654321/);
  });

  it('renders HTML with every user text escaped', async () => {
    const c = await mediatingCase();
    await call(MediationRpc.agreementDraft, draftOf(c.id, { facts: '双方确认<script>alert("x")</script>的事实。', terms: ['<b>被申请人</b>赔偿&道歉'] }));
    const doc = await call<AgreementDocumentView>(MediationRpc.agreementDocument, { caseId: c.id }, admin);
    expect(doc).toMatchObject({ format: 'html', contentType: 'text/html; charset=utf-8' });
    expect(doc.content).toContain('<h1>人民调解协议书</h1>');
    expect(doc.content).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(doc.content).toContain('&lt;b&gt;被申请人&lt;/b&gt;赔偿&amp;道歉');
    expect(doc.content).not.toContain('<script');
    expect(doc.content).toContain('王秀兰');
    expect(doc.content).not.toContain('13871234567');
    await expect(call(MediationRpc.agreementDocument, { caseId: c.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers FONT_MISSING instead of a PDF of empty boxes when the font is not installed', async () => {
    await expect(renderPdf([{ kind: 'title', text: '人民调解协议书' }], '/nonexistent/wqy-microhei.ttc', 'x')).rejects.toMatchObject({ code: 'UNAVAILABLE', reason: 'FONT_MISSING' });
  });
});
