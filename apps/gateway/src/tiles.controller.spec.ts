// GET /tiles/{layer}/{z}/{x}/{y}.pbf through the whole gateway (startGateway) on real NATS. Identity
// and grids are stand-ins answering on this run's subjects: identity's JWKS with a test key, grids's
// tile subject after verifying the actor assertion the gateway signed, as the grids service does.
// What a tile holds for whom is the grids service's own test (apps/grids/src/territory-io).
import type { Actor } from '@gov/kernel';
import { GridsRpc, type TileView } from '@gov/grids-contracts';
import { IdentityRpc } from '@gov/identity-contracts';
import { parseVerifyKeys } from '@gov/platform-auth';
import { actorKeys } from '@gov/platform-config';
import { ACTOR_HEADER } from '@gov/platform-messaging';
import { TestContext } from '@gov/platform-testing';
import type { Subscription } from '@nats-io/transport-node';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { startGateway, type GatewayApp } from './app.js';
import { MVT_CONTENT_TYPE, TILE_CACHE_CONTROL } from './tiles.controller.js';

const t = new TestContext();
let gateway: GatewayApp;
let privateKey: CryptoKey;
const subs: Subscription[] = [];
/** Tile requests that reached the grids stand-in, with the actor it verified. */
const calls: { input: Record<string, unknown>; actor: Actor }[] = [];
/** Some protobuf bytes: the stand-in's tile for a Dongbao caller. */
const TILE = Buffer.from([0x1a, 0x09, 0x0a, 0x07, 0x72, 0x65, 0x67, 0x69, 0x6f, 0x6e, 0x73]);

const sign = (region: string) =>
  new SignJWT({ typ: 'access', usr: `admin@${region}`, pid: null, grants: [{ role: 'county_admin', region }] })
    .setProtectedHeader({ alg: 'ES256', kid: 'tiles-test' })
    .setIssuer('gov-identity')
    .setAudience('gov-platform')
    .setSubject('00000000-0000-4000-8000-000000000001')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

const get = (path: string, token?: string) => fetch(`${gateway.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  const keys = await generateKeyPair('ES256');
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'tiles-test', alg: 'ES256' };
  const nc = await t.nats();
  const assertions = parseVerifyKeys(actorKeys({ NODE_ENV: 'test' }, 'verify').verifyKeys);
  subs.push(nc.subscribe(t.ns.subject(IdentityRpc.jwks), { callback: (_err, msg) => void msg.respond(JSON.stringify({ ok: true, data: { keys: [jwk] } })) }));
  subs.push(
    nc.subscribe(t.ns.subject(GridsRpc.tileGet), {
      callback: (_err, msg) => {
        const actor = assertions.verify(msg.headers!.get(ACTOR_HEADER), GridsRpc.tileGet, msg.data);
        const input = msg.json<{ layer: string; z: number; x: number; y: number }>();
        calls.push({ input, actor });
        if (input.layer === 'nosuch') {
          msg.respond(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'tile layer nosuch not found' } }));
          return;
        }
        const mine = actor.grants.some((g) => g.region === 'jingmen/dongbao');
        const tile: TileView = { ...input, mvt: mine ? TILE.toString('base64') : '', bytes: mine ? TILE.length : 0, features: mine ? 1 : 0 };
        msg.respond(JSON.stringify({ ok: true, data: tile }));
      },
    }),
  );
  await nc.flush();
  gateway = await startGateway(t.env('gateway'));
});
afterAll(async () => {
  await gateway?.close();
  for (const s of subs) s.unsubscribe();
  await t.cleanup();
});

describe('GET /tiles/{layer}/{z}/{x}/{y}.pbf', () => {
  it("answers the caller's tile as a Mapbox vector tile, privately cached for a minute", async () => {
    const res = await get('/tiles/regions/14/13298/6746.pbf', await sign('jingmen/dongbao'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(new RegExp(`^${MVT_CONTENT_TYPE}`));
    expect(res.headers.get('cache-control')).toBe(TILE_CACHE_CONTROL);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(TILE);
    expect(calls.at(-1)).toMatchObject({ input: { layer: 'regions', z: 14, x: 13298, y: 6746 }, actor: { username: 'admin@jingmen/dongbao', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] } });
  });

  it('answers 204 for an empty tile (a Duodao admin over Dongbao)', async () => {
    const res = await get('/tiles/regions/14/13298/6746.pbf', await sign('jingmen/duodao'));
    expect(res.status).toBe(204);
    expect(res.headers.get('cache-control')).toBe(TILE_CACHE_CONTROL);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('refuses bad z/x/y with 400 and a code, before asking grids', async () => {
    const token = await sign('jingmen/dongbao');
    const before = calls.length;
    for (const path of ['/tiles/regions/3/8/0.pbf', '/tiles/regions/23/0/0.pbf', '/tiles/regions/14/abc/1.pbf', '/tiles/regions/14/1/1.png', '/tiles/regions/-1/0/0.pbf']) {
      const res = await get(path, token);
      expect([path, res.status]).toEqual([path, 400]);
      expect(await res.json()).toMatchObject({ error: { code: 'VALIDATION', reason: 'TILE_OUT_OF_RANGE' } });
    }
    const badLayer = await get('/tiles/Bad-Layer/1/0/0.pbf', token);
    expect(badLayer.status).toBe(400);
    expect(calls.length).toBe(before);
  });

  it('needs a valid bearer token (401), and passes on what grids refuses (404)', async () => {
    const none = await get('/tiles/regions/14/13298/6746.pbf');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    expect((await get('/tiles/regions/14/13298/6746.pbf', 'not-a-jwt')).status).toBe(401);
    const unknown = await get('/tiles/nosuch/14/13298/6746.pbf', await sign('jingmen/dongbao'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
