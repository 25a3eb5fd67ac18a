import type { JwksView } from '@gov/kernel';
import { AppError, type Actor, type Page } from '@gov/kernel';
import { IdentityRpc, type AuditEntryView, type PersonView, type RoleGrantView, type StewardView, type TokenPair, type UnitView } from '@gov/identity-contracts';
import { JwtVerifier } from '@gov/platform-auth';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents, idCard } from '@gov/platform-testing';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';
import { startIdentity, type IdentityTestApp } from './testing.js';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { GridsRegions, publishRegions } from './fixtures.js';


const ISSUER = 'test-identity-issuer';
const AUDIENCE = 'test-platform-audience';
const t = new TestContext();
let app: IdentityTestApp;
let rpc: RpcClient;
let cityAdmin: Actor;
let dongbaoAdmin: Actor;
let duodaoAdmin: Actor;
let serial = 100;

const login = (username: string, password: string) => rpc.request<TokenPair>(IdentityRpc.login, { login: username, password });
const refresh = (refreshToken: string) => rpc.request<TokenPair>(IdentityRpc.refresh, { refreshToken });
const logout = (refreshToken: string) => rpc.request<boolean>(IdentityRpc.logout, { refreshToken });
const fail = (p: Promise<unknown>) =>
  p.then(
    (v) => {
      throw new Error(`expected a failure, got ${JSON.stringify(v)}`);
    },
    (e: AppError) => e,
  );

async function registerPerson(actor: Actor, region: string, extra: Record<string, unknown> = {}): Promise<PersonView> {
  return rpc.request<PersonView>(IdentityRpc.personRegister, { name: '测试人员', phone: '13912345678', idCardNumber: idCard(serial++), region, ...extra }, { actor });
}

async function events(type: string, pred: (data: any) => boolean = () => true) {
  return readEvents(await t.nats(), t.ns, (e) => e.type === type && pred(e.data));
}

beforeAll(async () => {
  app = await startIdentity(t.env('identity', { OUTBOX_POLL_MS: '50', JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, ACCESS_TOKEN_TTL_SECONDS: '600' }));
  rpc = await t.rpc();
  cityAdmin = await ensureBootstrapAdmin(app.app, { username: 'city-admin', password: 'demo-city-2026', name: '市管理员', phone: '13800000001', idCardNumber: idCard(1), region: 'jingmen', grants: [{ role: 'city_admin', region: 'jingmen' }] });
  dongbaoAdmin = await ensureBootstrapAdmin(app.app, { username: 'dongbao-admin', password: 'password-1', name: '东宝管理员', phone: '13800000002', idCardNumber: idCard(2), region: 'jingmen/dongbao', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] });
  duodaoAdmin = await ensureBootstrapAdmin(app.app, { username: 'duodao-admin', password: 'password-2', name: '掇刀管理员', phone: '13800000003', idCardNumber: idCard(3), region: 'jingmen/duodao', grants: [{ role: 'county_admin', region: 'jingmen/duodao' }] });
  // Grants and units name regions of grids' tree: identity must have its events first.
  await publishRegions(app, await GridsRegions.of(t), 'jingmen/dongbao/longquan', 'jingmen/duodao');
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('refresh tokens', () => {
  it('rotate: a refresh returns a new pair and the old refresh token stops working', async () => {
    const first = await login('city-admin', 'demo-city-2026');
    const second = await refresh(first.refreshToken);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(decodeJwt(second.accessToken).sub).toBe(cityAdmin.accountId);
    // The newest one works (and rotates again).
    const third = await refresh(second.refreshToken);
    expect(third.refreshToken).not.toBe(second.refreshToken);

    const err = await fail(refresh(first.refreshToken));
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_REUSED' });
  });

  it('treat reuse of a rotated token as theft: the whole family ends, other logins stay', async () => {
    const stolen = await login('dongbao-admin', 'password-1');
    const otherDevice = await login('dongbao-admin', 'password-1');
    const legit = await refresh(stolen.refreshToken);

    // The thief (or the user, with a stale copy) presents the already-exchanged token.
    expect(await fail(refresh(stolen.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'REFRESH_TOKEN_REUSED' });
    // The newest token of that family is revoked too.
    expect(await fail(refresh(legit.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED' });
    // A separate login of the same account is untouched.
    const fresh = await refresh(otherDevice.refreshToken);
    expect(fresh.accessToken).toBeTruthy();

    // The revocation is visible to others: an event and an audit entry.
    const reused = await eventually(async () => {
      const e = await events('gov.identity.account.refresh-token-reused.v1', (d) => d.accountId === dongbaoAdmin.accountId);
      return e.length ? e : undefined;
    });
    expect(reused).toHaveLength(1);
    expect(reused[0]!.county).toBe('dongbao');
    const audit = await rpc.request<Page<AuditEntryView>>(IdentityRpc.auditList, { targetId: dongbaoAdmin.accountId, operation: 'account.refresh-token-reused' }, { actor: cityAdmin });
    expect(audit.items).toHaveLength(1);
  });

  it('reject unknown refresh tokens', async () => {
    expect(await fail(refresh('not-a-real-refresh-token'))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_REFRESH_TOKEN' });
    expect(await fail(refresh('short'))).toMatchObject({ code: 'VALIDATION' });
  });

  it('logout ends the family, including tokens rotated before it', async () => {
    const first = await login('duodao-admin', 'password-2');
    const second = await refresh(first.refreshToken);
    expect(await logout(second.refreshToken)).toBe(true);
    expect(await fail(refresh(second.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED' });

    // Logging out with the older token of a family ends the newest one too.
    const a = await login('duodao-admin', 'password-2');
    const b = await refresh(a.refreshToken);
    expect(await logout(a.refreshToken)).toBe(true);
    expect(await fail(refresh(b.refreshToken))).toMatchObject({ code: 'UNAUTHENTICATED' });

    expect(await logout('never-issued-token-xyz')).toBe(false);
  });
});

describe('access tokens and signing keys', () => {
  const verifierFor = (fetchJwks: () => Promise<JwksView>, issuer = ISSUER, audience = AUDIENCE) => new JwtVerifier({ issuer, audience, fetchJwks });
  const identityJwks = () => rpc.request<JwksView>(IdentityRpc.jwks, {});

  it('carry short-lived claims with issuer and audience from config', async () => {
    const pair = await login('dongbao-admin', 'password-1');
    const claims = decodeJwt(pair.accessToken);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
    expect(claims.exp! - claims.iat!).toBe(600);
    expect(pair.expiresIn).toBe(600);
    expect(claims.iss).toBe(ISSUER);
    expect(claims.aud).toBe(AUDIENCE);
    expect(claims.sub).toBe(dongbaoAdmin.accountId);
    expect(claims.typ).toBe('access');
    expect(claims.grants).toEqual([{ role: 'county_admin', region: 'jingmen/dongbao' }]);
    expect(decodeProtectedHeader(pair.accessToken).alg).toBe('ES256');

    const actor = await verifierFor(identityJwks).verify(pair.accessToken);
    expect(actor).toEqual({ accountId: dongbaoAdmin.accountId, personId: dongbaoAdmin.personId, username: 'dongbao-admin', grants: dongbaoAdmin.grants });
    // A verifier configured for another audience or issuer refuses it.
    expect(await fail(verifierFor(identityJwks, ISSUER, 'gov-platform').verify(pair.accessToken))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_AUDIENCE' });
    expect(await fail(verifierFor(identityJwks, 'gov-identity', AUDIENCE).verify(pair.accessToken))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_ISSUER' });
  });

  it('rotate with overlap: both keys are published and a token signed before the rotation still verifies', async () => {
    const before = await login('city-admin', 'demo-city-2026');
    const oldKid = decodeProtectedHeader(before.accessToken).kid!;
    await app.keys.rotate();
    const after = await login('city-admin', 'demo-city-2026');
    const newKid = decodeProtectedHeader(after.accessToken).kid!;
    expect(newKid).not.toBe(oldKid);

    const jwks = await identityJwks();
    expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([oldKid, newKid]));
    // Only public halves are published.
    for (const k of jwks.keys) expect(k).not.toHaveProperty('d');

    const verifier = verifierFor(identityJwks);
    expect((await verifier.verify(before.accessToken)).username).toBe('city-admin');
    expect((await verifier.verify(after.accessToken)).username).toBe('city-admin');
  });

  it('reject forged, tampered and foreign-key tokens', async () => {
    const verifier = verifierFor(identityJwks);
    const real = await login('duodao-admin', 'password-2');
    const kid = decodeProtectedHeader(real.accessToken).kid!;
    const { privateKey } = await generateKeyPair('ES256');
    const claims = { typ: 'access', pid: null, usr: 'mallory', grants: [{ role: 'city_admin', region: 'jingmen' }] };
    const forge = (k: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: k }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject(randomUUID()).setIssuedAt().setExpirationTime('5m').sign(privateKey);

    // Signed with a key identity never published.
    expect(await fail(verifier.verify(await forge(randomUUID())))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'UNKNOWN_KEY' });
    // Signed with our own key but claiming identity's kid.
    expect(await fail(verifier.verify(await forge(kid)))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_SIGNATURE' });
    // A real token whose payload was edited to grant city_admin.
    const [h, p, s] = real.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.grants = [{ role: 'city_admin', region: 'jingmen' }];
    const tampered = [h, Buffer.from(JSON.stringify(payload)).toString('base64url'), s].join('.');
    expect(await fail(verifier.verify(tampered))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_SIGNATURE' });
    expect(await fail(verifier.verify('not.a.token'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    // The untouched token still passes.
    expect((await verifier.verify(real.accessToken)).username).toBe('duodao-admin');
  });

  it('reject expired, wrong-audience and non-access tokens (own test key set)', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const verifier = verifierFor(async () => ({ keys: [jwk as Record<string, unknown>] }));
    const now = Math.floor(Date.now() / 1000);
    const sign = (o: { exp?: number; iat?: number; aud?: string; typ?: string } = {}) =>
      new SignJWT({ typ: o.typ ?? 'access', pid: null, usr: 'tester', grants: [] })
        .setProtectedHeader({ alg: 'ES256', kid })
        .setIssuer(ISSUER)
        .setAudience(o.aud ?? AUDIENCE)
        .setSubject('acc-1')
        .setIssuedAt(o.iat ?? now)
        .setExpirationTime(o.exp ?? now + 300)
        .sign(privateKey);

    // Control: a well-formed token verifies with this key set.
    expect((await verifier.verify(await sign())).username).toBe('tester');
    expect(await fail(verifier.verify(await sign({ iat: now - 1000, exp: now - 60 })))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
    expect(await fail(verifier.verify(await sign({ aud: 'someone-else' })))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_AUDIENCE' });
    expect(await fail(verifier.verify(await sign({ typ: 'refresh' })))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WRONG_TOKEN_TYPE' });
    // Within the 5 s clock tolerance a just-expired token still passes.
    expect((await verifier.verify(await sign({ iat: now - 100, exp: now - 1 }))).username).toBe('tester');
  });
});

describe('role grants', () => {
  let worker: PersonView;
  let grant: RoleGrantView;
  const longquan = 'jingmen/dongbao/longquan';

  beforeAll(async () => {
    worker = await registerPerson(dongbaoAdmin, `${longquan}/xiangshan/g03`, { username: 'worker-a', password: 'worker-pass-1' });
  });

  it('a county admin cannot grant county_admin, nor roles outside their county', async () => {
    expect(await fail(rpc.request(IdentityRpc.roleGrant, { personId: worker.id, role: 'county_admin', region: 'jingmen/dongbao' }, { actor: dongbaoAdmin }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await fail(rpc.request(IdentityRpc.roleGrant, { personId: worker.id, role: 'grid_worker', region: 'jingmen/duodao' }, { actor: dongbaoAdmin }))).toMatchObject({ code: 'FORBIDDEN' });
    const me = await login('worker-a', 'worker-pass-1');
    expect(decodeJwt(me.accessToken).grants).toEqual([]);
  });

  it('a county admin can grant grid_worker in their county; the grant reaches the next token', async () => {
    grant = await rpc.request<RoleGrantView>(IdentityRpc.roleGrant, { personId: worker.id, role: 'grid_worker', region: longquan }, { actor: dongbaoAdmin });
    expect(grant).toMatchObject({ personId: worker.id, role: 'grid_worker', region: longquan, grantedBy: dongbaoAdmin.accountId });
    const me = await login('worker-a', 'worker-pass-1');
    expect(decodeJwt(me.accessToken).grants).toEqual([{ role: 'grid_worker', region: longquan }]);
    // Granting it again is a conflict.
    expect(await fail(rpc.request(IdentityRpc.roleGrant, { personId: worker.id, role: 'grid_worker', region: longquan }, { actor: dongbaoAdmin }))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_GRANTED' });
  });

  it('a county admin of duodao cannot revoke a dongbao grant; the dongbao admin can', async () => {
    // Outside the caller's regions a grant is not found, like an unknown id (not FORBIDDEN, which would tell it exists).
    expect(await fail(rpc.request(IdentityRpc.roleRevoke, { grantId: grant.id }, { actor: duodaoAdmin }))).toMatchObject({ code: 'NOT_FOUND', message: `role grant ${grant.id} not found` });
    expect(decodeJwt((await login('worker-a', 'worker-pass-1')).accessToken).grants).toHaveLength(1);

    const revoked = await rpc.request<RoleGrantView>(IdentityRpc.roleRevoke, { grantId: grant.id }, { actor: dongbaoAdmin });
    expect(revoked.id).toBe(grant.id);
    expect(decodeJwt((await login('worker-a', 'worker-pass-1')).accessToken).grants).toEqual([]);
    expect(await fail(rpc.request(IdentityRpc.roleRevoke, { grantId: grant.id }, { actor: dongbaoAdmin }))).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_REVOKED' });
    expect(await fail(rpc.request(IdentityRpc.roleRevoke, { grantId: randomUUID() }, { actor: dongbaoAdmin }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('audits granted and denied attempts and publishes the changes', async () => {
    const list = async (operation: string) => (await rpc.request<Page<AuditEntryView>>(IdentityRpc.auditList, { operation, region: 'jingmen/dongbao' }, { actor: cityAdmin })).items;
    const grants = await list('role.grant');
    expect(grants.filter((e) => e.outcome === 'ok')).toEqual([expect.objectContaining({ actorName: 'dongbao-admin', region: longquan, detail: expect.objectContaining({ role: 'grid_worker', grantId: grant.id }) })]);
    const denied = grants.filter((e) => e.outcome === 'denied');
    expect(denied).toEqual([expect.objectContaining({ actorName: 'dongbao-admin', region: 'jingmen/dongbao', detail: { role: 'county_admin' } })]);

    const revokes = await list('role.revoke');
    expect(revokes.filter((e) => e.outcome === 'ok')).toEqual([expect.objectContaining({ actorName: 'dongbao-admin', detail: expect.objectContaining({ grantId: grant.id }) })]);
    expect(revokes.filter((e) => e.outcome === 'denied')).toEqual([expect.objectContaining({ actorName: 'duodao-admin', region: longquan })]);

    // The out-of-county grant attempt is recorded under duodao.
    const duodao = (await rpc.request<Page<AuditEntryView>>(IdentityRpc.auditList, { operation: 'role.grant', region: 'jingmen/duodao' }, { actor: cityAdmin })).items;
    expect(duodao).toEqual([expect.objectContaining({ outcome: 'denied', actorName: 'dongbao-admin', detail: { role: 'grid_worker' } })]);

    await eventually(async () => ((await events('gov.identity.role.revoked.v1', (d) => d.id === grant.id)).length ? true : undefined));
    expect(await events('gov.identity.role.granted.v1', (d) => d.id === grant.id)).toHaveLength(1);
    expect(await events('gov.identity.role.revoked.v1', (d) => d.id === grant.id)).toHaveLength(1);
  });
});

describe('steward numbers and the sentinel chain', () => {
  const g03 = 'jingmen/dongbao/longquan/xiangshan/g03';
  const g04 = 'jingmen/dongbao/longquan/xiangshan/g04';
  let unit: UnitView;

  beforeAll(async () => {
    unit = await rpc.request<UnitView>(IdentityRpc.unitCreate, { code: 'DBMZ', name: '东宝民政局', kind: 'government_department', region: 'jingmen/dongbao' }, { actor: dongbaoAdmin });
  });

  async function enroll(actor: Actor, grid: string, extra: Record<string, unknown> = {}, unitId = unit.id): Promise<StewardView> {
    const p = await registerPerson(actor, grid);
    return rpc.request<StewardView>(IdentityRpc.stewardEnroll, { personId: p.id, class: 6, unitId, grid, ...extra }, { actor });
  }
  const update = (input: Record<string, unknown>, actor: Actor = dongbaoAdmin) => rpc.request<StewardView>(IdentityRpc.stewardUpdate, input, { actor });

  it('reissues the number when grid or building change, not when the deliberation role changes', async () => {
    const s = await enroll(dongbaoAdmin, g03, { building: '12' });
    expect(s.number).toBe('6-DBMZ-G03-12-0001');

    const sameNumber = await update({ id: s.id, deliberationRole: 'dispute_mediator' });
    expect(sameNumber.number).toBe(s.number);
    expect(sameNumber.deliberationRole).toBe('dispute_mediator');

    const newBuilding = await update({ id: s.id, building: '14' });
    expect(newBuilding.number).toBe('6-DBMZ-G03-14-0001');
    const newGrid = await update({ id: s.id, grid: g04 });
    expect(newGrid.number).toBe('6-DBMZ-G04-14-0001');
    expect((await rpc.request<StewardView>(IdentityRpc.stewardGet, { id: s.id }, { actor: dongbaoAdmin })).number).toBe(newGrid.number);

    // All three updates are out before counting reissues.
    await eventually(async () => ((await events('gov.identity.steward.updated.v1', (d) => d.id === s.id)).length === 3 ? true : undefined));
    const reissued = await events('gov.identity.steward.number-reissued.v1', (d) => d.id === s.id);
    expect(reissued.map((e) => e.data)).toEqual([
      { id: s.id, previousNumber: '6-DBMZ-G03-12-0001', number: '6-DBMZ-G03-14-0001' },
      { id: s.id, previousNumber: '6-DBMZ-G03-14-0001', number: '6-DBMZ-G04-14-0001' },
    ]);
    expect(reissued[0]!.natsSubject).toBe(`${t.runId}.evt.dongbao.identity.steward.number-reissued.v1`);

    // A retired number is not handed out again in its prefix.
    const next = await enroll(dongbaoAdmin, g03, { building: '12' });
    expect(next.number).toBe('6-DBMZ-G03-12-0002');
  });

  it('enforces the sentinel chain: sentinel → group leader → squad leader, one community', async () => {
    const squad = await enroll(dongbaoAdmin, g03, { sentinelRole: 'squad_leader' });
    const group = await enroll(dongbaoAdmin, g04, { sentinelRole: 'group_leader', reportsToId: squad.id });
    const sentinel = await enroll(dongbaoAdmin, g03, { sentinelRole: 'sentinel', reportsToId: group.id });
    expect(sentinel.reportsToId).toBe(group.id);

    const stewardCount = async () => Number((await app.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".steward`))[0]!.n);
    const before = await stewardCount();

    // A sentinel reports to a group leader, not to the squad leader.
    let err = await fail(enroll(dongbaoAdmin, g03, { sentinelRole: 'sentinel', reportsToId: squad.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'reportsToId', message: 'must be a group_leader' }] });
    // A squad leader reports to nobody.
    err = await fail(enroll(dongbaoAdmin, g03, { sentinelRole: 'squad_leader', reportsToId: group.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'reportsToId' }] });
    // Only chain members report to someone.
    err = await fail(enroll(dongbaoAdmin, g03, { reportsToId: group.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'reportsToId' }] });
    // A group leader in another community of the same county.
    const elsewhere = await enroll(dongbaoAdmin, 'jingmen/dongbao/longquan/other/g01', { sentinelRole: 'group_leader' });
    err = await fail(enroll(dongbaoAdmin, g03, { sentinelRole: 'sentinel', reportsToId: elsewhere.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'reportsToId', message: 'is in another community' }] });
    // A group leader in another county is not even visible: NOT_FOUND, like an unknown id.
    const duodaoUnit = await rpc.request<UnitView>(IdentityRpc.unitCreate, { code: 'DDMZ', name: '掇刀民政局', kind: 'government_department', region: 'jingmen/duodao' }, { actor: duodaoAdmin });
    const duodaoLeader = await enroll(duodaoAdmin, 'jingmen/duodao/a/b/g01', { sentinelRole: 'group_leader' }, duodaoUnit.id);
    err = await fail(enroll(dongbaoAdmin, g03, { sentinelRole: 'sentinel', reportsToId: duodaoLeader.id }));
    expect(err).toMatchObject({ code: 'NOT_FOUND' });

    // Through update too: nothing changes on a refused update.
    err = await fail(update({ id: sentinel.id, reportsToId: squad.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'reportsToId' }] });
    err = await fail(update({ id: group.id, reportsToId: group.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'reportsToId' }] });
    err = await fail(update({ id: squad.id, reportsToId: group.id }));
    expect(err).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'reportsToId' }] });
    expect((await rpc.request<StewardView>(IdentityRpc.stewardGet, { id: sentinel.id }, { actor: dongbaoAdmin })).reportsToId).toBe(group.id);
    expect((await rpc.request<StewardView>(IdentityRpc.stewardGet, { id: squad.id }, { actor: dongbaoAdmin })).reportsToId).toBeNull();

    // Only the valid leaders above were added (the rejected enrolments wrote no steward).
    expect(await stewardCount()).toBe(before + 2);
  });
});
