import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new signing secret: 32 random bytes, shown to the admin once. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The `gov-webhook-signature` header: `v1=` and the hex HMAC-SHA256, keyed with the secret (its
 * UTF-8 bytes), of `<timestamp>.<body>` where timestamp is the `gov-webhook-timestamp` header.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time; a stale timestamp is refused. */
export function verifyWebhookSignature(secret: string, header: string, timestamp: string, body: string, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300): boolean {
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, ts, body));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Delay before the next try after `attempts` failed ones: base·2^(attempts−1), at most `capMs`. */
export function webhookBackoffMs(attempts: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
}

/**
 * Why a URL may not receive deliveries, or null when it may: https only; plain http only to this
 * machine (localhost, 127.0.0.1, ::1) and only when allowed (outside production).
 */
export function webhookUrlProblem(url: string, allowHttpLocalhost: boolean): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'must be an absolute URL';
  }
  if (u.username || u.password) return 'must not carry a user name or password';
  if (u.protocol === 'https:') return null;
  if (u.protocol !== 'http:') return 'must be https';
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  if (local && allowHttpLocalhost) return null;
  return allowHttpLocalhost ? 'must be https (plain http only to localhost or 127.0.0.1)' : 'must be https';
}
