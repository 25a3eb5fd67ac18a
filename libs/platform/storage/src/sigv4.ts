import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for requests with the signature in the Authorization header — what
 * S3, MinIO, Aliyun OSS's S3 API and Tencent COS accept. Written out here (a page of code)
 * rather than pulling in an SDK of several megabytes for four object calls.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
 */

export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';
/** SHA-256 of an empty body (GET, HEAD, DELETE). */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SigV4Request {
  method: string;
  /** Host and path as sent; the query string is signed in canonical order. */
  url: URL;
  /** Headers to send and sign (Host is taken from `url`; fetch sends it itself). */
  headers?: Record<string, string>;
  /** Hex SHA-256 of the body, sent as x-amz-content-sha256 so the store checks the bytes arrived whole. */
  payloadHash: string;
  region: string;
  service?: string;
  credentials: SigV4Credentials;
  /** The signing time; the store refuses requests more than 15 minutes off its clock. */
  now?: Date;
}

export interface SignedRequest {
  /** The request's headers with x-amz-date, x-amz-content-sha256 and Authorization added. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
  signature: string;
}

export function signV4(req: SigV4Request): SignedRequest {
  const service = req.service ?? 's3';
  const amzDate = (req.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 'YYYYMMDD'.length);
  const scope = `${day}/${req.region}/${service}/aws4_request`;
  const toSend: Record<string, string> = { ...req.headers, 'x-amz-content-sha256': req.payloadHash, 'x-amz-date': amzDate };

  const signed = new Map<string, string>([['host', req.url.host]]);
  for (const [name, value] of Object.entries(toSend)) signed.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  const names = [...signed.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalPath(req.url.pathname),
    canonicalQuery(req.url.searchParams),
    names.map((n) => `${n}:${signed.get(n)}\n`).join(''),
    signedHeaders,
    req.payloadHash,
  ].join('\n');
  const stringToSign = [SIGV4_ALGORITHM, amzDate, scope, sha256Hex(canonicalRequest)].join('\n');

  const dateKey = hmac(`AWS4${req.credentials.secretAccessKey}`, day);
  const signingKey = hmac(hmac(hmac(dateKey, req.region), service), 'aws4_request');
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return {
    headers: { ...toSend, authorization: `${SIGV4_ALGORITHM} Credential=${req.credentials.accessKeyId}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}` },
    canonicalRequest,
    stringToSign,
    signature,
  };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * AWS's UriEncode: every byte but A-Z a-z 0-9 - _ . ~ as %XX (uppercase hex). encodeURIComponent
 * leaves ! ' ( ) * alone, which AWS encodes.
 */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Each path segment encoded once (S3 does not normalise paths: `//` and `.` stay as they are). */
function canonicalPath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

/** `a=1&b=` with names and values encoded, sorted by name then value; a bare `?lifecycle` is `lifecycle=`. */
function canonicalQuery(params: URLSearchParams): string {
  return [...params]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
