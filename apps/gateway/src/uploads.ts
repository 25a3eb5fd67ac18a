import { AppError, idSchema, notFound, type ErrorCode } from '@gov/kernel';
import { PetitionRefusal, PetitionsRpc, type AttachmentView } from '@gov/petitions-contracts';
import type { JwtVerifier } from '@gov/platform-auth';
import type { RpcClient } from '@gov/platform-messaging';
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, sniffImage, type AttachmentStore } from '@gov/platform-storage';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { randomUUID } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import { z } from 'zod';
import { buildContext } from './context.js';

/**
 * Photos attached to petitions travel over HTTP, never NATS (1 MB messages): a resident's phone
 * (the QR-code page, no account needed) or a handler's app POSTs the image bytes to /uploads and
 * gets an id; the petition mutation then names the id, and the petitions service checks it in the
 * same attachment store before binding it. GET /attachments/:id serves a bound photo to whoever
 * may see its petition.
 *
 * Refusals are JSON `{ error: { code, reason, message } }` with the HTTP status of the code, as
 * on the tile route.
 */

/** The photo is the caller's (or their county's) alone: browsers may cache it, shared caches not. */
export const ATTACHMENT_CACHE_CONTROL = 'private, max-age=3600';
const STATUS: Record<ErrorCode, number> = { VALIDATION: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, UNAVAILABLE: 503, INTERNAL: 500 };
const HTTP_CREATED = 201;
const HTTP_PAYLOAD_TOO_LARGE = 413;
const HTTP_UNSUPPORTED_MEDIA_TYPE = 415;
const HTTP_TOO_MANY_REQUESTS = 429;
/** Clients the upload limiter remembers at most; beyond, the longest-idle are forgotten (a fresh bucket for them). */
const MAX_TRACKED_CLIENTS = 100_000;
const MS_PER_SECOND = 1000;
/** IPv6 groups that name one subscriber: carriers hand a phone a whole /64. */
const IPV6_SUBSCRIBER_GROUPS = 4;
const IPV6_GROUPS = 8;

export interface UploadRateLimit {
  uploads: number;
  windowSeconds: number;
}

/**
 * UPLOAD_RATE_LIMIT, `uploads/seconds`: each client may make `uploads` uploads at once and gets
 * them back evenly over `seconds` (a token bucket). 30/600 lets a resident send a petition's
 * photos in one go, and a few retries, while a script filling the disk is stopped after 30.
 */
export const uploadRateLimitSetting = z
  .string()
  .regex(/^[1-9]\d{0,5}\/[1-9]\d{0,6}$/, 'must be uploads/seconds, e.g. 30/600')
  .default('30/600')
  .transform((s): UploadRateLimit => {
    const [uploads, windowSeconds] = s.split('/').map(Number) as [number, number];
    return { uploads, windowSeconds };
  });

export interface UploadDeps {
  store: AttachmentStore;
  rpc: RpcClient;
  verifier: JwtVerifier;
  rateLimit: UploadRateLimit;
  logger: Logger;
}

/** What petitions answers on PetitionsRpc.attachmentAccess when the caller may see the attachment. */
type AttachmentAccess = Pick<AttachmentView, 'id' | 'contentType' | 'bytes'>;

/** POST /uploads and GET /attachments/:id, as Express routes (the raw body never reaches Nest or GraphQL). */
export function uploadRoutes(deps: UploadDeps): Router {
  const router = Router();
  const limiter = new TokenBuckets(deps.rateLimit);
  router.post(
    '/uploads',
    // Counted before the body is read: a client over its limit costs no disk and no parsing.
    (req, res, next) => rateLimit(deps, limiter, req, res, next),
    // Whatever the Content-Type says: the bytes are sniffed, the label is never trusted.
    express.raw({ type: () => true, limit: MAX_ATTACHMENT_BYTES }),
    (req, res) => upload(deps, req, res),
  );
  // Body refusals (over the size limit, a malformed JSON body caught by the gateway's JSON parser).
  router.use('/uploads', (err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (typeof err?.status !== 'number') return next(err);
    if (err.type === 'entity.too.large') return refuse(res, HTTP_PAYLOAD_TOO_LARGE, tooLarge());
    refuse(res, HTTP_UNSUPPORTED_MEDIA_TYPE, notImage());
  });
  router.get('/attachments/:id', (req, res) => download(deps, req, res));
  return router;
}

async function rateLimit(deps: UploadDeps, limiter: TokenBuckets, req: Request, res: Response, next: NextFunction): Promise<void> {
  // Signed in (a handler's evidence photos): counted per account, so an office behind one address
  // is not one client. Otherwise per address; a token that does not verify counts as none.
  const header = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const actor = header ? await deps.verifier.verify(header).catch(() => null) : null;
  const waitSeconds = limiter.take(actor ? `account:${actor.accountId}` : `address:${clientKey(req.ip)}`);
  if (waitSeconds === 0) return next();
  deps.logger.info({ retryAfterSeconds: waitSeconds, signedIn: Boolean(actor) }, 'upload refused: rate limit');
  res.setHeader('retry-after', String(waitSeconds));
  refuse(res, HTTP_TOO_MANY_REQUESTS, new AppError('UNAVAILABLE', `too many uploads; try again in ${waitSeconds} seconds`, PetitionRefusal.TOO_MANY_UPLOADS), { retryAfterSeconds: waitSeconds });
}

async function upload(deps: UploadDeps, req: Request, res: Response): Promise<void> {
  res.setHeader('cache-control', 'no-store');
  const bytes: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const contentType = sniffImage(bytes);
  if (!contentType) return refuse(res, HTTP_UNSUPPORTED_MEDIA_TYPE, notImage());
  const id = randomUUID();
  try {
    await deps.store.put(id, bytes, { contentType });
  } catch (err) {
    return failed(deps, res, err, 'storing an upload failed');
  }
  deps.logger.info({ attachmentId: id, contentType, bytes: bytes.length }, 'attachment uploaded');
  res.status(HTTP_CREATED).location(`/attachments/${id}`).json({ id, contentType, bytes: bytes.length });
}

async function download(deps: UploadDeps, req: Request, res: Response): Promise<void> {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('vary', 'authorization');
  try {
    // The GraphQL context's own authentication and NATS call: the petitions service sees the
    // same signed actor it sees for a GraphQL query.
    const ctx = await buildContext(req, deps.rpc, deps.verifier);
    if (ctx.authError) throw ctx.authError;
    if (!ctx.actor) throw new AppError('UNAUTHENTICATED', 'attachments need an Authorization: Bearer <token> header', 'NO_TOKEN');
    const id = String(req.params.id);
    if (!idSchema.safeParse(id).success) throw new AppError('VALIDATION', 'an attachment id must be a UUID', undefined, [{ path: 'id', message: 'must be an id' }]);
    const access = await ctx.call<AttachmentAccess>(PetitionsRpc.attachmentAccess, { id });
    const content = await deps.store.get(access.id);
    if (!content) {
      // Bound to a petition yet absent from the store: lost or deleted behind the service's back.
      deps.logger.warn({ attachmentId: id }, 'attachment of a petition is missing from the store');
      throw notFound('attachment', id);
    }
    // Only the image types are served as such; anything else the store holds is opaque bytes.
    const type = (ATTACHMENT_TYPES as readonly string[]).includes(content.contentType) ? content.contentType : 'application/octet-stream';
    res.status(200).set({ 'content-type': type, 'content-length': String(content.bytes), 'cache-control': ATTACHMENT_CACHE_CONTROL, 'x-content-type-options': 'nosniff' });
    await pipeline(content.body, res);
  } catch (err) {
    failed(deps, res, err, 'serving an attachment failed');
  }
}

/** An AppError answers with its status; anything else is logged and answers 500 without detail. */
function failed(deps: UploadDeps, res: Response, err: unknown, what: string): void {
  if (res.headersSent) {
    // The stream broke mid-photo (the client left, the store failed): nothing more to say.
    deps.logger.warn({ err }, what);
    res.destroy();
    return;
  }
  if (!(err instanceof AppError)) deps.logger.error({ err }, what);
  else if (err.code === 'UNAVAILABLE' || err.code === 'INTERNAL') deps.logger.warn({ code: err.code, reason: err.reason }, `${what}: ${err.message}`);
  const e = err instanceof AppError ? err : new AppError('INTERNAL', 'internal error');
  refuse(res, STATUS[e.code], e);
}

function refuse(res: Response, status: number, e: AppError, extra: Record<string, unknown> = {}): void {
  res.setHeader('cache-control', 'no-store');
  res.status(status).json({ error: { code: e.code, ...(e.reason ? { reason: e.reason } : {}), message: e.message, ...extra } });
}

const notImage = () => new AppError('VALIDATION', 'an attachment must be a JPEG, PNG or WebP image', PetitionRefusal.ATTACHMENT_NOT_IMAGE);
const tooLarge = () => new AppError('VALIDATION', `an attachment may be at most ${MAX_ATTACHMENT_BYTES / (1024 * 1024)} MB`, PetitionRefusal.ATTACHMENT_TOO_LARGE);

/**
 * One token bucket per client, in this gateway's memory: each replica limits on its own (with n
 * replicas behind a balancer a client gets up to n times the limit — still a limit, and no
 * shared store on the upload path). Idle clients are swept once a window.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private lastSweep: number;

  constructor(
    private readonly limit: UploadRateLimit,
    private readonly clock: () => number = Date.now,
  ) {
    this.perMs = limit.uploads / (limit.windowSeconds * MS_PER_SECOND);
    this.lastSweep = clock();
  }

  /** Takes one upload for `key`: 0 when allowed, else the whole seconds until the next one is. */
  take(key: string): number {
    const now = this.clock();
    this.sweep(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.limit.uploads, bucket.tokens + (now - bucket.at) * this.perMs) : this.limit.uploads;
    const allowed = tokens >= 1;
    // Deleted and set again: Map order is then least recently used first, for eviction.
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > MAX_TRACKED_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
    return allowed ? 0 : Math.ceil((1 - tokens) / this.perMs / MS_PER_SECOND);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.limit.windowSeconds * MS_PER_SECOND) return;
    this.lastSweep = now;
    for (const [key, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.limit.uploads) this.buckets.delete(key);
  }
}

/** One client: an IPv4 address, or an IPv6 /64 (one phone holds a whole /64 and can pick any address in it). */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip)?.[1];
  if (mapped) return mapped;
  if (isIPv4(ip) || !isIPv6(ip)) return ip;
  const [head = '', tail] = ip.toLowerCase().split('%')[0]!.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = tail === undefined ? front : [...front, ...Array<string>(Math.max(0, IPV6_GROUPS - front.length - back.length)).fill('0'), ...back];
  return `${groups
    .slice(0, IPV6_SUBSCRIBER_GROUPS)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
