import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { JwtVerifier } from './verifier.js';

const ISSUER = 'test-issuer';
const AUDIENCE = 'test-audience';
/** How often the expiry test asks again (a poll with a deadline, not a sleep). */
const POLL_MS = 50;

async function setup(opts: { maxCachedTokens?: number } = {}) {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
  let jwksFetches = 0;
  const verifier = new JwtVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    fetchJwks: async () => {
      jwksFetches++;
      return { keys: [jwk] };
    },
    ...opts,
  });
  const sign = (username: string, expiresIn: string | number, claims: Record<string, unknown> = { typ: 'access' }) =>
    new SignJWT({ ...claims, usr: username, pid: null, grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('00000000-0000-4000-8000-000000000001')
      .setIssuedAt()
      .setExpirationTime(expiresIn)
      .sign(privateKey);
  return { verifier, sign, jwksFetches: () => jwksFetches };
}

describe('JwtVerifier', () => {
  it('answers a token it verified before from memory, with the same actor', async () => {
    const { verifier, sign } = await setup();
    const token = await sign('dongbao-admin', '10m');
    const first = await verifier.verify(token);
    // The very same actor object: the token was not verified and decoded again.
    expect(await verifier.verify(token)).toBe(first);
    expect(first).toMatchObject({ username: 'dongbao-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] });
  });

  it('never lets memory outlive the token or accept an altered one', async () => {
    const { verifier, sign } = await setup();
    const token = await sign('dongbao-admin', Math.floor(Date.now() / 1000) + 1);
    await verifier.verify(token);
    const [h, p] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), usr: 'city-admin' })).toString('base64url');
    await expect(verifier.verify(`${h}.${otherPayload}.${token.split('.')[2]}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', reason: 'BAD_SIGNATURE' });
    // Past the expiry (and jose's clock tolerance), the remembered token is refused like any other.
    const until = Date.now() + 10_000;
    let outcome: unknown;
    for (;;) {
      outcome = await verifier.verify(token).then(() => 'accepted', (e: { reason?: string }) => e.reason);
      if (outcome !== 'accepted' || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    expect(outcome).toBe('TOKEN_EXPIRED');
  }, 15_000);

  it('refuses a token without an expiry and forgets the oldest tokens beyond its limit', async () => {
    const { verifier, sign } = await setup({ maxCachedTokens: 2 });
    const noExp = await new SignJWT({ typ: 'access', usr: 'x', pid: null, grants: [] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('s')
      .sign((await generateKeyPair('ES256')).privateKey);
    await expect(verifier.verify(noExp)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((u) => sign(u, '10m')));
    const actorA = await verifier.verify(a!);
    await verifier.verify(b!);
    const actorC = await verifier.verify(c!);
    expect(await verifier.verify(c!)).toBe(actorC);
    // `a` was forgotten to make room: verified afresh, a new actor with the same content.
    const again = await verifier.verify(a!);
    expect(again).not.toBe(actorA);
    expect(again).toEqual(actorA);
  });
});
