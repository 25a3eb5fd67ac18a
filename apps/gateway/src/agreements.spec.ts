// GET /agreements/<caseId>.pdf|.html and a case's agreement in GraphQL, through the whole gateway
// (startGateway) on real NATS. Identity and mediation are stand-ins answering on this run's
// subjects: identity's JWKS with a test key, mediation's case, agreement and document reads after
// verifying the actor assertion the gateway signed, as the mediation service does. Who may read
// which case, and the documents themselves, are the mediation service's own tests.
import type { Actor } from '@gov/kernel';
import { IdentityRpc } from '@gov/identity-contracts';
import { MediationRefusal, MediationRpc, type AgreementView, type MediationCaseView } from '@gov/mediation-contracts';
import { parseVerifyKeys } from '@gov/platform-auth';
import { actorKeys } from '@gov/platform-config';
import { ACTOR_HEADER } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import type { Subscription } from '@nats-io/transport-node';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { AGREEMENT_CACHE_CONTROL, AGREEMENT_HTML_CSP } from './agreements.js';
import { startGateway, type GatewayApp } from './app.js';

const t = new TestContext();
let gateway: GatewayApp;
let privateKey: CryptoKey;
const subs: Subscription[] = [];
const DONGBAO = 'jingmen/dongbao';
const XIANGSHAN_GRID = 'jingmen/dongbao/longquan/xiangshan/g03';

/** Stand-in PDF bytes: the gateway passes on whatever the service rendered. */
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const HTML = '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>人民调解协议书</title></head><body><h1>人民调解协议书</h1></body></html>\n';
/** More fen than a GraphQL Int holds (30 million yuan). */
const LARGE_AMOUNT_FEN = 3_000_000_000;

/** Cases of Dongbao the stand-in knows; only Dongbao staff see them. */
const agreed = randomUUID();
const fresh = randomUUID();
/** A case whose PDF cannot be printed on the service's machine (no CJK font). */
const noFont = randomUUID();
/** Requests that reached the stand-in, with the actor it verified. */
const calls: { subject: string; input: Record<string, unknown>; actor: Actor }[] = [];

const sign = (region: string) =>
  new SignJWT({ typ: 'access', usr: `mediator@${region}`, pid: null, grants: [{ role: 'community_admin', region }] })
    .setProtectedHeader({ alg: 'ES256', kid: 'agreements-test' })
    .setIssuer('gov-identity')
    .setAudience('gov-platform')
    .setSubject('00000000-0000-4000-8000-000000000002')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

const get = (path: string, token?: string) => fetch(`${gateway.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const graphql = async (query: string, token: string) => {
  const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
};

const caseView = (id: string, agreementVersion: number | null): MediationCaseView => ({
  id,
  number: '东宝调〔2026〕0007号',
  source: 'walk_in',
  sourcePetitionId: null,
  sourceMeetingId: null,
  courtReference: null,
  category: 'labour_injury',
  categoryZh: '劳动争议与工伤',
  title: '工伤赔偿纠纷',
  facts: '工地受伤，双方就赔偿金额协商。',
  region: XIANGSHAN_GRID,
  county: DONGBAO,
  level: 'grid',
  amountFen: LARGE_AMOUNT_FEN,
  risk: 'low',
  criminalRisk: false,
  policeGrid: null,
  state: agreementVersion ? 'agreed' : 'opened',
  outcome: null,
  organisationId: null,
  organisationName: null,
  mediatorId: null,
  mediatorName: null,
  parties: [],
  escalations: 0,
  agreementVersion,
  agreedAt: null,
  confirmationDeadline: null,
  confirmationState: 'none',
  openedBy: '00000000-0000-4000-8000-000000000002',
  openedAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
  closedAt: null,
});

const agreementView = (caseId: string): AgreementView => ({
  caseId,
  version: 2,
  template: 'payment',
  facts: '工地受伤，双方就赔偿金额协商。',
  terms: ['被申请人分两期支付赔偿金。'],
  performanceMethod: '银行转账',
  performanceDeadline: '2026-12-31',
  instalments: [{ dueOn: '2026-12-31', amountFen: LARGE_AMOUNT_FEN }],
  draftedAt: '2026-11-20T09:00:00.000Z',
  draftedBy: '00000000-0000-4000-8000-000000000002',
  acceptances: [],
  effective: true,
});

/** The stand-in's answer to one request; undefined for an id it does not show the actor. */
function answer(subject: string, input: Record<string, unknown>, actor: Actor): unknown {
  const id = String(input.caseId ?? input.id);
  if (!([agreed, fresh, noFont] as string[]).includes(id) || !actor.grants.some((g) => g.region === DONGBAO)) return undefined;
  if (subject === MediationRpc.caseGet) return caseView(id, id === fresh ? null : 2);
  if (subject === MediationRpc.agreementGet) return id === fresh ? null : agreementView(id);
  if (id === fresh) return undefined;
  if (input.format === 'pdf' && id === noFont) throw { code: 'UNAVAILABLE', reason: MediationRefusal.FONT_MISSING, message: 'the Chinese font is not installed; the HTML form is available' };
  const pdf = input.format === 'pdf';
  return { caseId: id, version: 2, format: input.format, contentType: pdf ? 'application/pdf' : 'text/html; charset=utf-8', content: pdf ? PDF.toString('base64') : HTML };
}

beforeAll(async () => {
  const keys = await generateKeyPair('ES256');
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'agreements-test', alg: 'ES256' };
  const nc = await t.nats();
  const assertions = parseVerifyKeys(actorKeys({ NODE_ENV: 'test' }, 'verify').verifyKeys);
  subs.push(nc.subscribe(t.ns.subject(IdentityRpc.jwks), { callback: (_err, msg) => void msg.respond(JSON.stringify({ ok: true, data: { keys: [jwk] } })) }));
  for (const subject of [MediationRpc.caseGet, MediationRpc.agreementGet, MediationRpc.agreementDocument]) {
    subs.push(
      nc.subscribe(t.ns.subject(subject), {
        callback: (_err, msg) => {
          const actor = assertions.verify(msg.headers!.get(ACTOR_HEADER), subject, msg.data);
          const input = msg.json<Record<string, unknown>>();
          calls.push({ subject, input, actor });
          try {
            const data = answer(subject, input, actor);
            // Another county's case answers exactly like a missing one.
            const reply = data === undefined ? { ok: false, error: { code: 'NOT_FOUND', message: `mediation case ${String(input.caseId ?? input.id)} not found` } } : { ok: true, data };
            msg.respond(JSON.stringify(reply));
          } catch (error) {
            msg.respond(JSON.stringify({ ok: false, error }));
          }
        },
      }),
    );
  }
  await nc.flush();
  gateway = await startGateway(t.env('gateway'));
});
afterAll(async () => {
  await gateway?.close();
  for (const s of subs) s.unsubscribe();
  await t.cleanup();
});

describe('GET /agreements/<caseId>.pdf and .html', () => {
  it('serves the PDF the service rendered to a caller it allows, as the caller, never cached', async () => {
    const res = await get(`/agreements/${agreed}.pdf`, await sign(DONGBAO));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-length')).toBe(String(PDF.length));
    expect(res.headers.get('cache-control')).toBe(AGREEMENT_CACHE_CONTROL);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
    expect(calls.at(-1)).toMatchObject({
      subject: MediationRpc.agreementDocument,
      input: { caseId: agreed, format: 'pdf' },
      actor: { username: `mediator@${DONGBAO}`, grants: [{ role: 'community_admin', region: DONGBAO }] },
    });
  });

  it('serves the HTML form that may style itself and do nothing else', async () => {
    const res = await get(`/agreements/${agreed}.html`, await sign(DONGBAO));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(AGREEMENT_HTML_CSP);
    expect(await res.text()).toBe(HTML);
    expect(calls.at(-1)).toMatchObject({ input: { caseId: agreed, format: 'html' } });
  });

  it("answers 404 for what mediation will not show (another county's case, one without an agreement, an unknown one)", async () => {
    const duodao = await get(`/agreements/${agreed}.pdf`, await sign('jingmen/duodao'));
    expect(duodao.status).toBe(404);
    expect(await duodao.json()).toEqual({ error: { code: 'NOT_FOUND', message: `mediation case ${agreed} not found` } });
    expect((await get(`/agreements/${fresh}.pdf`, await sign(DONGBAO))).status).toBe(404);
    expect((await get(`/agreements/${randomUUID()}.html`, await sign(DONGBAO))).status).toBe(404);
  });

  it("passes on the service's refusal with its status: no font for the PDF is 503 FONT_MISSING", async () => {
    const res = await get(`/agreements/${noFont}.pdf`, await sign(DONGBAO));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAVAILABLE', reason: MediationRefusal.FONT_MISSING } });
    expect((await get(`/agreements/${noFont}.html`, await sign(DONGBAO))).status).toBe(200);
  });

  it('needs a valid bearer token (401), a case id (400) and a known format (404), before asking mediation', async () => {
    const before = calls.length;
    const none = await get(`/agreements/${agreed}.pdf`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', reason: 'NO_TOKEN' } });
    expect((await get(`/agreements/${agreed}.pdf`, 'not-a-jwt')).status).toBe(401);
    const badId = await get('/agreements/..%2F..%2Fetc%2Fpasswd.pdf', await sign(DONGBAO));
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    expect((await get(`/agreements/${agreed}.docx`, await sign(DONGBAO))).status).toBe(404);
    expect((await get(`/agreements/${agreed}`, await sign(DONGBAO))).status).toBe(404);
    expect(calls.length).toBe(before);
  });
});

describe("a case's agreement in GraphQL", () => {
  it('gives the agreement with the path its PDF is served at, and amounts beyond 32 bits exactly', async () => {
    const token = await sign(DONGBAO);
    const res = await graphql(`{ mediationCase(id: "${agreed}") { number amountFen } mediationAgreement(caseId: "${agreed}") { version effective pdfUrl html instalments { dueOn amountFen } } }`, token);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      mediationCase: { number: '东宝调〔2026〕0007号', amountFen: LARGE_AMOUNT_FEN },
      mediationAgreement: { version: 2, effective: true, pdfUrl: `/agreements/${agreed}.pdf`, html: HTML, instalments: [{ dueOn: '2026-12-31', amountFen: LARGE_AMOUNT_FEN }] },
    });
    const pdf = await get((res.data?.mediationAgreement as { pdfUrl: string }).pdfUrl, token);
    expect(Buffer.from(await pdf.arrayBuffer())).toEqual(PDF);
  });

  it('answers no agreement before one is drafted', async () => {
    const res = await graphql(`{ mediationCase(id: "${fresh}") { state } mediationAgreement(caseId: "${fresh}") { version } }`, await sign(DONGBAO));
    expect(res.data).toEqual({ mediationCase: { state: 'opened' }, mediationAgreement: null });
  });
});
