import { AppError } from '@gov/kernel';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EMPTY_PAYLOAD_SHA256, sha256Hex, signV4, uriEncode, type SigV4Credentials } from './sigv4.js';
import { attachmentKey, type AttachmentContent, type AttachmentMeta, type AttachmentStore } from './store.js';

/**
 * How long the store may take to start answering (a 5 MB upload included). Once a download's
 * headers are in, its body streams without a deadline: a resident's slow phone is not an error.
 */
export const S3_REQUEST_TIMEOUT_MS = 30_000;
/** Stores answer 404 for a missing object (403 when the key may not list the bucket, see README). */
const HTTP_NOT_FOUND = 404;
/** The store's own error code in an XML error body (`<Code>SignatureDoesNotMatch</Code>`), for the log line. */
const S3_ERROR_CODE = /<Code>([A-Za-z]+)<\/Code>/;

export interface S3StoreOptions {
  /** `https://minio.example.gov.cn:9000`, `https://oss-cn-wuhan-lr.aliyuncs.com`, `https://cos.ap-guangzhou.myqcloud.com`. */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: SigV4Credentials;
  /**
   * `path` (default): `<endpoint>/<bucket>/<id>`, what MinIO and most self-hosted stores serve.
   * `virtual`: `<bucket>.<endpoint host>/<id>`, for clouds that serve only that (Aliyun OSS).
   */
  urlStyle?: 'path' | 'virtual';
  requestTimeoutMs?: number;
}

/**
 * Attachments as objects of an S3-compatible bucket, one object per id. The content type is the
 * object's Content-Type (metadata the store keeps and answers on HEAD and GET); size and time are
 * Content-Length and Last-Modified. Failures of the store are UNAVAILABLE: nothing is retried
 * here, the caller's request fails and the resident tries again.
 */
export class S3Store implements AttachmentStore {
  private readonly base: URL;
  private readonly timeoutMs: number;

  constructor(private readonly opts: S3StoreOptions) {
    const endpoint = new URL(opts.endpoint);
    const virtual = opts.urlStyle === 'virtual';
    if (virtual) endpoint.hostname = `${opts.bucket}.${endpoint.hostname}`;
    // Any path on the endpoint (a store behind a reverse proxy's prefix) is kept.
    const prefix = endpoint.pathname.replace(/\/+$/, '');
    endpoint.pathname = virtual ? `${prefix}/` : `${prefix}/${uriEncode(opts.bucket)}/`;
    this.base = endpoint;
    this.timeoutMs = opts.requestTimeoutMs ?? S3_REQUEST_TIMEOUT_MS;
  }

  async put(id: string, bytes: Buffer, meta: { contentType: string }): Promise<void> {
    const res = await this.send('PUT', attachmentKey(id), { 'content-type': meta.contentType }, bytes);
    await expectOk(res, 'PUT');
    await res.body?.cancel();
  }

  async stat(id: string): Promise<AttachmentMeta | null> {
    const res = await this.send('HEAD', attachmentKey(id));
    if (res.status === HTTP_NOT_FOUND) return null;
    await expectOk(res, 'HEAD');
    return metaOf(res);
  }

  async get(id: string): Promise<AttachmentContent | null> {
    const res = await this.send('GET', attachmentKey(id));
    if (res.status === HTTP_NOT_FOUND) {
      await res.body?.cancel();
      return null;
    }
    await expectOk(res, 'GET');
    const meta = metaOf(res);
    return { body: Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), contentType: meta.contentType, bytes: meta.bytes };
  }

  async delete(id: string): Promise<void> {
    const res = await this.send('DELETE', attachmentKey(id));
    if (res.status === HTTP_NOT_FOUND) return;
    await expectOk(res, 'DELETE');
    await res.body?.cancel();
  }

  /** The object URL of `key`; exposed for tests and operators' log lines. */
  objectUrl(key: string): URL {
    return new URL(uriEncode(key), this.base);
  }

  private async send(method: 'PUT' | 'HEAD' | 'GET' | 'DELETE', key: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Response> {
    const url = this.objectUrl(key);
    const signed = signV4({ method, url, headers, payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_SHA256, region: this.opts.region, credentials: this.opts.credentials });
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      return await fetch(url, { method, headers: signed.headers, body, signal: abort.signal });
    } catch (err) {
      const timedOut = abort.signal.aborted;
      throw new AppError('UNAVAILABLE', `attachment store ${timedOut ? 'did not answer in time' : `unreachable: ${(err as Error).message}`} (${method})`, 'ATTACHMENT_STORE');
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Anything but 2xx: UNAVAILABLE with the store's status and error code (never the credentials). */
async function expectOk(res: Response, method: string): Promise<void> {
  if (res.ok) return;
  const text = method === 'HEAD' ? '' : await res.text().catch(() => '');
  const code = S3_ERROR_CODE.exec(text)?.[1];
  throw new AppError('UNAVAILABLE', `attachment store answered ${res.status}${code ? ` ${code}` : ''} to ${method}`, 'ATTACHMENT_STORE');
}

function metaOf(res: Response): AttachmentMeta {
  const modified = res.headers.get('last-modified');
  return {
    contentType: res.headers.get('content-type') ?? 'application/octet-stream',
    bytes: Number(res.headers.get('content-length') ?? 0),
    createdAt: modified ? new Date(modified) : new Date(0),
  };
}
