/**
 * The gateway as the page sees it: GraphQL at /graphql and photo uploads at /uploads. The page is
 * served at <gateway>/r/, so both are addressed relative to it and work under any path prefix.
 */

const GRAPHQL_PATH = '../graphql';
const UPLOADS_PATH = '../uploads';
/** A query on slow 3G: a few round trips of up to a few seconds each, with margin. */
const GRAPHQL_TIMEOUT_MS = 30_000;
/** One downscaled photo (~300 KB) at a poor 3G uplink of ~10 KB/s, with margin. */
const UPLOAD_TIMEOUT_MS = 90_000;
const HTTP_CREATED = 201;
const HTTP_PAYLOAD_TOO_LARGE = 413;
const HTTP_UNSUPPORTED_MEDIA_TYPE = 415;
const HTTP_TOO_MANY_REQUESTS = 429;

/** The code of failures that never reached the gateway, or got no readable answer from it. */
export const NETWORK = 'NETWORK';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * A refusal or failure: `code` and `reason` as the gateway's `extensions.code`/`extensions.reason`
 * (or NETWORK), `fields` for VALIDATION. The page shows a Chinese sentence for it (messages.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly reason: string | undefined,
    message: string,
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface GraphqlErrorJson {
  message?: unknown;
  extensions?: { code?: unknown; reason?: unknown; fields?: unknown };
}

/** An error of a GraphQL answer as an ApiError. */
export function errorFromGraphql(error: GraphqlErrorJson | undefined): ApiError {
  const ext = error?.extensions ?? {};
  const fields = Array.isArray(ext.fields)
    ? ext.fields.filter((f): f is FieldProblem => typeof f?.path === 'string' && typeof f?.message === 'string')
    : [];
  return new ApiError(
    typeof ext.code === 'string' ? ext.code : 'INTERNAL',
    typeof ext.reason === 'string' ? ext.reason : undefined,
    typeof error?.message === 'string' ? error.message : 'unknown error',
    fields,
  );
}

/** One operation's outcome: its data, or why it has none. */
export type Outcome<T> = { data: T; error?: undefined } | { data?: undefined; error: ApiError };

/** An answer to one operation (`{ data, errors }`) as an Outcome: any error makes it a failure. */
export function outcomeOf<T>(json: unknown): Outcome<T> {
  const body = json as { data?: T | null; errors?: GraphqlErrorJson[] } | null;
  if (body?.errors?.length) return { error: errorFromGraphql(body.errors[0]) };
  if (body?.data === null || body?.data === undefined) return { error: new ApiError(NETWORK, undefined, 'no data in the answer') };
  return { data: body.data };
}

export interface Operation {
  query: string;
  variables?: Record<string, unknown>;
}

/** One operation; throws its ApiError. */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const [outcome] = await graphqlBatch<T>([{ query, variables }]);
  if (outcome!.error) throw outcome!.error;
  return outcome!.data as T;
}

/**
 * Several operations in one HTTP request (the gateway allows batches): one round trip on a slow
 * network, and each operation succeeds or fails on its own.
 */
export async function graphqlBatch<T = unknown>(operations: Operation[]): Promise<Outcome<T>[]> {
  const single = operations.length === 1;
  let json: unknown;
  try {
    const res = await timedFetch(new URL(GRAPHQL_PATH, document.baseURI).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(single ? operations[0] : operations),
    }, GRAPHQL_TIMEOUT_MS);
    json = await res.json().catch(() => null);
    if (json === null) throw new ApiError(res.status >= 500 ? 'UNAVAILABLE' : NETWORK, undefined, `HTTP ${res.status} without a JSON body`);
  } catch (err) {
    const error = asApiError(err);
    return operations.map(() => ({ error }));
  }
  // The whole request refused (e.g. too many operations): `{ errors }` instead of one answer each.
  if (!Array.isArray(json)) return single ? [outcomeOf<T>(json)] : operations.map(() => outcomeOf<T>(json));
  return operations.map((_, i) => outcomeOf<T>(json[i] ?? null));
}

/** Sends a photo's bytes; answers the attachment id to name in the petition. */
export async function uploadPhoto(photo: Blob): Promise<string> {
  let res: Response;
  try {
    res = await timedFetch(new URL(UPLOADS_PATH, document.baseURI).href, {
      method: 'POST',
      headers: { 'content-type': photo.type || 'application/octet-stream' },
      body: photo,
    }, UPLOAD_TIMEOUT_MS);
  } catch (err) {
    throw asApiError(err);
  }
  const body: unknown = await res.json().catch(() => null);
  const id = (body as { id?: unknown } | null)?.id;
  if (res.status === HTTP_CREATED && typeof id === 'string') return id;
  throw uploadError(res.status, body);
}

/** Why an upload was refused, from its status and JSON body `{ error: { code, reason, message } }`. */
export function uploadError(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: unknown; reason?: unknown; message?: unknown } } | null)?.error;
  if (typeof e?.code === 'string') return new ApiError(e.code, typeof e.reason === 'string' ? e.reason : undefined, typeof e.message === 'string' ? e.message : `HTTP ${status}`);
  // An answer from something in front of the gateway (a proxy's own 413 page, say).
  if (status === HTTP_PAYLOAD_TOO_LARGE) return new ApiError('VALIDATION', 'ATTACHMENT_TOO_LARGE', 'photo too large');
  if (status === HTTP_UNSUPPORTED_MEDIA_TYPE) return new ApiError('VALIDATION', 'ATTACHMENT_NOT_IMAGE', 'not an image');
  if (status === HTTP_TOO_MANY_REQUESTS) return new ApiError('UNAVAILABLE', 'TOO_MANY_UPLOADS', 'too many uploads');
  return new ApiError(status >= 500 ? 'UNAVAILABLE' : NETWORK, undefined, `upload answered HTTP ${status}`);
}

function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const timedOut = (err as { name?: string } | null)?.name === 'AbortError';
  return new ApiError(NETWORK, timedOut ? 'TIMEOUT' : undefined, err instanceof Error ? err.message : String(err));
}

/** fetch that gives up after `ms` (a stalled mobile connection otherwise hangs for minutes). */
async function timedFetch(url: string, init: RequestInit, ms: number): Promise<Response> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(url, { ...init, signal: controller.signal, credentials: 'same-origin' });
  } finally {
    clearTimeout(timer);
  }
}
