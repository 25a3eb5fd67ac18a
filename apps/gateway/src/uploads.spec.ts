// POST /uploads and GET /attachments/:id through the whole gateway (startGateway) on real NATS,
// with a local attachment store in a temporary directory. Identity and petitions are stand-ins
// answering on this run's subjects: identity's JWKS with a test key, petitions's attachment.access
// after verifying the actor assertion the gateway signed, as the petitions service does. Who may
// see which attachment is the petitions service's own test.
import type { Actor } from '@gov/kernel';
import { IdentityRpc } from '@gov/identity-contracts';
import { PetitionsRpc } from '@gov/petitions-contracts';
import { parseVerifyKeys } from '@gov/platform-auth';
import { actorKeys } from '@gov/platform-config';
import { ACTOR_HEADER } from '@gov/platform-messaging';
import { LocalDiskStore, MAX_ATTACHMENT_BYTES } from '@gov/platform-storage';
import { TestContext } from '@gov/platform-testing';
import type { Subscription } from '@nats-io/transport-node';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { startGateway, type GatewayApp } from './app.js';
import { ATTACHMENT_CACHE_CONTROL } from './uploads.js';

const t = new TestContext();
let gateway: GatewayApp;
let privateKey: CryptoKey;
let dir: string;
let store: LocalDiskStore;
const subs: Subscription[] = [];
/** Uploads per client address in this suite: low, so the limit is reached in a few requests. */
const UPLOADS_PER_WINDOW = 3;
const WINDOW_SECONDS = 600;
/** Attachments the petitions stand-in lets Dongbao staff see (bound to a Dongbao petition). */
const dongbaoAttachments = new Map<string, { contentType: string; bytes: number }>();
/** attachment.access requests that reached the stand-in, with the actor it verified. */
const accessCalls: { input: { id: string }; actor: Actor }[] = [];

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0x00, 0x10, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00, 0xff, 0xd9]);

const sign = (region: string, accountId = '00000000-0000-4000-8000-000000000001') =>
  new SignJWT({ typ: 'access', usr: `handler@${region}`, pid: null, grants: [{ role: 'grid_worker', region }] })
    .setProtectedHeader({ alg: 'ES256', kid: 'uploads-test' })
    .setIssuer('gov-identity')
    .setAudience('gov-platform')
    .setSubject(accountId)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);

/** An upload from `client` (the address the cluster's ingress puts in X-Forwarded-For). */
const post = (body: Uint8Array | string, client: string, headers: Record<string, string> = { 'content-type': 'image/png' }) =>
  fetch(`${gateway.url}/uploads`, { method: 'POST', body, headers: { 'x-forwarded-for': client, ...headers } });
const get = (id: string, token?: string) => fetch(`${gateway.url}/attachments/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
/** Every file in the store's directory. */
const storedFiles = async () => (await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gov-gateway-uploads-'));
  store = new LocalDiskStore(dir);
  const keys = await generateKeyPair('ES256');
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'uploads-test', alg: 'ES256' };
  const nc = await t.nats();
  const assertions = parseVerifyKeys(actorKeys({ NODE_ENV: 'test' }, 'verify').verifyKeys);
  subs.push(nc.subscribe(t.ns.subject(IdentityRpc.jwks), { callback: (_err, msg) => void msg.respond(JSON.stringify({ ok: true, data: { keys: [jwk] } })) }));
  subs.push(
    nc.subscribe(t.ns.subject(PetitionsRpc.attachmentAccess), {
      callback: (_err, msg) => {
        const actor = assertions.verify(msg.headers!.get(ACTOR_HEADER), PetitionsRpc.attachmentAccess, msg.data);
        const input = msg.json<{ id: string }>();
        accessCalls.push({ input, actor });
        const attachment = dongbaoAttachments.get(input.id);
        // Another county's attachment answers exactly like a missing one.
        if (!attachment || !actor.grants.some((g) => g.region === 'jingmen/dongbao')) {
          msg.respond(JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: `attachment ${input.id} not found` } }));
          return;
        }
        msg.respond(JSON.stringify({ ok: true, data: { id: input.id, ...attachment } }));
      },
    }),
  );
  await nc.flush();
  gateway = await startGateway(t.env('gateway', { ATTACHMENT_STORE: 'local', ATTACHMENT_DIR: dir, UPLOAD_RATE_LIMIT: `${UPLOADS_PER_WINDOW}/${WINDOW_SECONDS}` }));
});
afterAll(async () => {
  await gateway?.close();
  for (const s of subs) s.unsubscribe();
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('POST /uploads', () => {
  it('stores a photo sent without signing in and answers its id, type and size (201)', async () => {
    const res = await post(PNG_1X1, '198.51.100.1');
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; contentType: string; bytes: number };
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), contentType: 'image/png', bytes: PNG_1X1.length });
    expect(res.headers.get('location')).toBe(`/attachments/${body.id}`);
    // What the petitions service will find when the resident's petition names the id.
    expect(await store.stat(body.id)).toMatchObject({ contentType: 'image/png', bytes: PNG_1X1.length });
    expect(await buffer((await store.get(body.id))!.body)).toEqual(PNG_1X1);
  });

  it("judges the bytes, not the label: a JPEG sent as octet-stream is stored as a JPEG", async () => {
    const res = await post(JPEG_HEAD, '198.51.100.2', { 'content-type': 'application/octet-stream' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await store.stat(id)).toMatchObject({ contentType: 'image/jpeg', bytes: JPEG_HEAD.length });
  });

  it('refuses what is not an image with 415 and stores nothing, whatever its label', async () => {
    const before = await storedFiles();
    const attempts = [
      post('<html><script>alert(1)</script></html>', '198.51.100.3', { 'content-type': 'image/png' }),
      post('just some text', '198.51.100.4', { 'content-type': 'text/plain' }),
      post(JSON.stringify({ photo: 'data:image/png;base64,iVBORw0KGgo=' }), '198.51.100.5', { 'content-type': 'application/json' }),
      post('', '198.51.100.6', { 'content-type': 'image/jpeg' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({ error: { code: 'VALIDATION', reason: 'ATTACHMENT_NOT_IMAGE', message: expect.any(String) } });
    }
    expect(await storedFiles()).toEqual(before);
  });

  it('refuses a photo over 5 MB with 413 and stores nothing; exactly 5 MB is accepted', async () => {
    const before = await storedFiles();
    const tooBig = Buffer.concat([PNG_1X1, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1 - PNG_1X1.length)]);
    const res = await post(tooBig, '198.51.100.7');
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: { code: 'VALIDATION', reason: 'ATTACHMENT_TOO_LARGE', message: expect.any(String) } });
    expect(await storedFiles()).toEqual(before);

    const largest = await post(tooBig.subarray(0, MAX_ATTACHMENT_BYTES), '198.51.100.7');
    expect(largest.status).toBe(201);
    expect(await largest.json()).toMatchObject({ bytes: MAX_ATTACHMENT_BYTES });
  });

  it('limits uploads per client address (429 with Retry-After); other addresses and signed-in staff go on', async () => {
    const client = '203.0.113.9';
    for (let i = 0; i < UPLOADS_PER_WINDOW; i++) expect((await post(PNG_1X1, client)).status).toBe(201);
    const before = await storedFiles();
    const refused = await post(PNG_1X1, client);
    expect(refused.status).toBe(429);
    // One upload comes back every window / limit seconds.
    expect(refused.headers.get('retry-after')).toBe(String(WINDOW_SECONDS / UPLOADS_PER_WINDOW));
    expect(await refused.json()).toEqual({ error: { code: 'UNAVAILABLE', reason: 'TOO_MANY_UPLOADS', message: expect.any(String), retryAfterSeconds: WINDOW_SECONDS / UPLOADS_PER_WINDOW } });
    expect(await storedFiles()).toEqual(before);

    expect((await post(PNG_1X1, '203.0.113.10')).status).toBe(201);
    // A handler in the same office (same address) is counted on their own account.
    const staff = await post(PNG_1X1, client, { 'content-type': 'image/png', authorization: `Bearer ${await sign('jingmen/dongbao')}` });
    expect(staff.status).toBe(201);
  });
});

describe('GET /attachments/:id', () => {
  it('streams the photo to a caller the petitions service allows, privately cached and never sniffed', async () => {
    const uploaded = (await (await post(PNG_1X1, '198.51.100.20')).json()) as { id: string };
    dongbaoAttachments.set(uploaded.id, { contentType: 'image/png', bytes: PNG_1X1.length });

    const res = await get(uploaded.id, await sign('jingmen/dongbao'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-length')).toBe(String(PNG_1X1.length));
    expect(res.headers.get('cache-control')).toBe(ATTACHMENT_CACHE_CONTROL);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PNG_1X1);
    expect(accessCalls.at(-1)).toMatchObject({ input: { id: uploaded.id }, actor: { username: 'handler@jingmen/dongbao', grants: [{ role: 'grid_worker', region: 'jingmen/dongbao' }] } });
  });

  it("answers 404 for what petitions will not show (another county's, never bound, unknown)", async () => {
    const uploaded = (await (await post(PNG_1X1, '198.51.100.21')).json()) as { id: string };
    dongbaoAttachments.set(uploaded.id, { contentType: 'image/png', bytes: PNG_1X1.length });
    const duodao = await get(uploaded.id, await sign('jingmen/duodao'));
    expect(duodao.status).toBe(404);
    expect(await duodao.json()).toEqual({ error: { code: 'NOT_FOUND', message: `attachment ${uploaded.id} not found` } });

    const unbound = (await (await post(PNG_1X1, '198.51.100.21')).json()) as { id: string };
    expect((await get(unbound.id, await sign('jingmen/dongbao'))).status).toBe(404);
    expect((await get(randomUUID(), await sign('jingmen/dongbao'))).status).toBe(404);
  });

  it('needs a valid bearer token (401) and an id (400), before asking petitions', async () => {
    const id = randomUUID();
    const before = accessCalls.length;
    const none = await get(id);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', reason: 'NO_TOKEN' } });
    expect((await get(id, 'not-a-jwt')).status).toBe(401);
    const badId = await get('..%2F..%2Fetc%2Fpasswd', await sign('jingmen/dongbao'));
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    expect(accessCalls.length).toBe(before);
  });
});
