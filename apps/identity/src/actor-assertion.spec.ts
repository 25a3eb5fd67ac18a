// Who may call identity on NATS: only a caller holding an actor key the service trusts can act for
// someone. Each case is an attack that worked while the actor header was unsigned JSON.
import type { Actor } from '@gov/kernel';
import { IdentityRpc } from '@gov/identity-contracts';
import { ActorAssertionSigner, generateActorKeys, parseSigningKey } from '@gov/platform-auth';
import { actorKeys } from '@gov/platform-config';
import { ACTOR_HEADER, type RpcReply } from '@gov/platform-messaging';
import { TestContext, idCard } from '@gov/platform-testing';
import { headers } from '@nats-io/transport-node';
import { createPrivateKey } from 'node:crypto';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { startIdentity, type IdentityTestApp } from './testing.js';

const t = new TestContext();
let app: IdentityTestApp;
let resident: Actor;
/** What an attacker would claim to be. */
const cityAdmin = (accountId: string): Actor => ({ accountId, personId: null, username: 'mallory', grants: [{ role: 'city_admin', region: 'jingmen' }] });

async function send(subject: string, input: unknown, actorHeader?: string): Promise<RpcReply> {
  const nc = await t.nats();
  const h = headers();
  if (actorHeader) h.set(ACTOR_HEADER, actorHeader);
  const reply = await nc.request(t.ns.subject(subject), JSON.stringify(input), { timeout: 5000, headers: h });
  return reply.json<RpcReply>();
}

async function grantCount(): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".role_grant`);
  return Number(row!.n);
}

beforeAll(async () => {
  app = await startIdentity(t.env('identity'));
  resident = await ensureBootstrapAdmin(app.app, {
    username: 'xiangshan-resident',
    password: 'password-1',
    name: '居民甲',
    phone: '13800000011',
    idCardNumber: idCard(11),
    region: 'jingmen/dongbao/longquan/xiangshan/g03',
    grants: [{ role: 'resident', region: 'jingmen/dongbao/longquan/xiangshan/g03' }],
  });
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('actor assertions on NATS', () => {
  const grant = () => ({ personId: resident.personId, role: 'city_admin', region: 'jingmen' });

  it('refuses the old unsigned actor header and grants nothing', async () => {
    const before = await grantCount();
    const forged = Buffer.from(JSON.stringify(cityAdmin(resident.accountId))).toString('base64url');
    const reply = await send(IdentityRpc.roleGrant, grant(), forged);
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED', reason: 'BAD_ASSERTION' } });
    expect(await grantCount()).toBe(before);
  });

  it('refuses an assertion signed with a key the service does not trust', async () => {
    const before = await grantCount();
    const unknownKid = parseSigningKey(generateActorKeys('attacker').signingKey);
    expect(await send(IdentityRpc.roleGrant, grant(), unknownKid.sign(cityAdmin(resident.accountId), IdentityRpc.roleGrant, JSON.stringify(grant())))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', reason: 'UNKNOWN_ASSERTION_KEY' },
    });
    // The trusted key id with another key behind it.
    const sameKid = parseSigningKey(generateActorKeys('dev').signingKey);
    expect(await send(IdentityRpc.roleGrant, grant(), sameKid.sign(cityAdmin(resident.accountId), IdentityRpc.roleGrant, JSON.stringify(grant())))).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED', reason: 'BAD_ASSERTION' },
    });
    expect(await grantCount()).toBe(before);
  });

  it('refuses a genuine assertion replayed on another subject, with another body, or too late', async () => {
    const trusted = parseSigningKey(actorKeys({ NODE_ENV: 'test' }, 'sign').signingKey);
    const meBody = JSON.stringify({});
    const captured = trusted.sign(resident, IdentityRpc.me, meBody);
    // Genuine: answers as the resident.
    expect(await send(IdentityRpc.me, {}, captured)).toMatchObject({ ok: true, data: { username: 'xiangshan-resident' } });
    expect(await send(IdentityRpc.roleGrant, grant(), captured)).toMatchObject({ ok: false, error: { reason: 'ASSERTION_WRONG_SUBJECT' } });
    const listBody = { first: 1 };
    const forList = trusted.sign(resident, IdentityRpc.auditList, JSON.stringify(listBody));
    expect(await send(IdentityRpc.auditList, { first: 100 }, forList)).toMatchObject({ ok: false, error: { reason: 'ASSERTION_WRONG_BODY' } });
    const devKey = actorKeys({ NODE_ENV: 'test' }, 'sign').signingKey;
    const expiredSigner = new ActorAssertionSigner('dev', createPrivateKey({ key: Buffer.from(devKey.slice('dev:'.length), 'base64'), format: 'der', type: 'pkcs8' }), -60);
    expect(await send(IdentityRpc.me, {}, expiredSigner.sign(resident, IdentityRpc.me, meBody))).toMatchObject({ ok: false, error: { reason: 'ASSERTION_EXPIRED' } });
  });

  it('answers calls without an actor as anonymous, so operations that need one refuse', async () => {
    expect(await send(IdentityRpc.me, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await send(IdentityRpc.jwks, {})).toMatchObject({ ok: true });
  });
});
