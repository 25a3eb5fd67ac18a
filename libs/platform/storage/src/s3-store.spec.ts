// S3Store against a small S3-speaking HTTP server in this process: no object store runs on the
// build machines. The server does what S3 does with these four calls — it re-derives every
// request's SigV4 signature from what arrived on the wire (method, path, Host with its port, the
// signed headers) and checks the body against x-amz-content-sha256 — so the test fails if the
// store sends anything other than what it signed. The signer itself is checked against AWS's
// published examples in sigv4.spec.ts.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { S3Store } from './s3-store.js';
import { sha256Hex, signV4 } from './sigv4.js';

const BUCKET = 'petition-attachments';
const REGION = 'cn-central-1';
const credentials = { accessKeyId: 'gateway', secretAccessKey: 'jingmen-test-secret' };
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const objects = new Map<string, { body: Buffer; contentType: string; modified: Date }>();
const seen: { method: string; path: string; signedHeaders: string }[] = [];
let server: Server;
let endpoint: string;

const s3Error = (res: ServerResponse, status: number, code: string) => res.writeHead(status, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><Error><Code>${code}</Code></Error>`);

async function handle(req: IncomingMessage, res: ServerResponse) {
  const body = await buffer(req);
  const url = new URL(req.url!, `http://${req.headers.host}`);
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request,SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? '');
  if (!auth) return s3Error(res, 400, 'AuthorizationHeaderMalformed');
  const [, , , region, signedHeaders, signature] = auth;
  const amzDate = String(req.headers['x-amz-date']);
  const now = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers = Object.fromEntries(signedHeaders!.split(';').filter((h) => !['host', 'x-amz-date', 'x-amz-content-sha256'].includes(h)).map((h) => [h, String(req.headers[h])]));
  const expected = signV4({ method: req.method!, url, headers, payloadHash: String(req.headers['x-amz-content-sha256']), region: region!, credentials, now });
  if (expected.signature !== signature) return s3Error(res, 403, 'SignatureDoesNotMatch');
  if (sha256Hex(body) !== req.headers['x-amz-content-sha256']) return s3Error(res, 400, 'XAmzContentSHA256Mismatch');
  seen.push({ method: req.method!, path: url.pathname, signedHeaders: signedHeaders! });

  const key = url.pathname.slice(`/${BUCKET}/`.length);
  if (!url.pathname.startsWith(`/${BUCKET}/`)) return s3Error(res, 404, 'NoSuchBucket');
  const object = objects.get(key);
  switch (req.method) {
    case 'PUT':
      objects.set(key, { body, contentType: String(req.headers['content-type']), modified: new Date() });
      return res.writeHead(200, { etag: `"${sha256Hex(body).slice(0, 32)}"` }).end();
    case 'DELETE':
      objects.delete(key);
      return res.writeHead(204).end();
    case 'HEAD':
    case 'GET':
      if (!object) return req.method === 'HEAD' ? res.writeHead(404).end() : s3Error(res, 404, 'NoSuchKey');
      res.writeHead(200, { 'content-type': object.contentType, 'content-length': object.body.length, 'last-modified': object.modified.toUTCString() });
      return res.end(req.method === 'GET' ? object.body : undefined);
    default:
      return s3Error(res, 405, 'MethodNotAllowed');
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
});

describe('S3Store', () => {
  it('puts, heads, gets and deletes objects at path-style URLs, signed, with the type as object metadata', async () => {
    const store = new S3Store({ endpoint, bucket: BUCKET, region: REGION, credentials });
    const id = randomUUID();
    await store.put(id, PNG_1X1, { contentType: 'image/png' });
    expect(objects.get(id)).toMatchObject({ body: PNG_1X1, contentType: 'image/png' });
    expect(seen.at(-1)).toEqual({ method: 'PUT', path: `/${BUCKET}/${id}`, signedHeaders: 'content-type;host;x-amz-content-sha256;x-amz-date' });

    expect(await store.stat(id)).toEqual({ contentType: 'image/png', bytes: PNG_1X1.length, createdAt: expect.any(Date) });
    const got = await store.get(id);
    expect(got).toMatchObject({ contentType: 'image/png', bytes: PNG_1X1.length });
    expect(await buffer(got!.body)).toEqual(PNG_1X1);

    await store.delete(id);
    expect(objects.has(id)).toBe(false);
    expect(await store.stat(id)).toBeNull();
    expect(await store.get(id)).toBeNull();
    await expect(store.delete(id)).resolves.toBeUndefined();
  });

  it('reports a refusing or unreachable store as UNAVAILABLE, with the store’s error code', async () => {
    const wrongKey = new S3Store({ endpoint, bucket: BUCKET, region: REGION, credentials: { ...credentials, secretAccessKey: 'wrong' } });
    const id = randomUUID();
    await expect(wrongKey.put(id, PNG_1X1, { contentType: 'image/png' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'attachment store answered 403 SignatureDoesNotMatch to PUT' });
    await expect(wrongKey.stat(id)).rejects.toMatchObject({ code: 'UNAVAILABLE', message: 'attachment store answered 403 to HEAD' });
    expect(objects.has(id)).toBe(false);

    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((ok) => closed.close(ok));
    const unreachable = new S3Store({ endpoint: gone, bucket: BUCKET, region: REGION, credentials });
    await expect(unreachable.stat(id)).rejects.toMatchObject({ code: 'UNAVAILABLE', reason: 'ATTACHMENT_STORE' });
  });

  it('refuses ids that are not UUIDs before sending anything', async () => {
    const store = new S3Store({ endpoint, bucket: BUCKET, region: REGION, credentials });
    const before = seen.length;
    await expect(store.get('../other-bucket/secret')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.put('x?acl', PNG_1X1, { contentType: 'image/png' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(seen.length).toBe(before);
  });
});
