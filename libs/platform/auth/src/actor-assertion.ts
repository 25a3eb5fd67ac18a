import { AppError, type Actor } from '@gov/kernel';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * The actor assertion: how a caller tells a service, over NATS, on whose behalf it asks.
 *
 * The gateway verifies the user's access token, then signs (Ed25519) a short-lived assertion of the
 * actor for this one message: bound to the subject and to a hash of the body, so it cannot be
 * replayed against another operation or with other input. Services verify it with the public keys
 * they are configured with; a message whose assertion does not verify is refused before any
 * handler runs. Whoever can reach NATS can no longer make themselves city admin with a header.
 *
 *   v1.<kid>.<base64url(JSON payload)>.<base64url(Ed25519 signature of "v1.<kid>.<payload>")>
 */
const VERSION = 'v1';
/** Long enough for a request's queueing and retries, short enough that a captured one is soon useless. */
export const ASSERTION_TTL_SECONDS = 30;
/** Clock difference tolerated between gateway and service hosts. */
const CLOCK_SKEW_SECONDS = 5;

interface AssertionPayload {
  act: Actor;
  /** The subject (without deployment prefix) the assertion was made for. */
  sub: string;
  /** sha256 of the request body, base64url. */
  bh: string;
  iat: number;
  exp: number;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const bodyHash = (body: Uint8Array | string) => createHash('sha256').update(body).digest('base64url');
const refused = (reason: string, message = 'the caller could not be verified') => new AppError('UNAUTHENTICATED', message, reason);

export class ActorAssertionSigner {
  constructor(
    private readonly kid: string,
    private readonly key: KeyObject,
    private readonly ttlSeconds = ASSERTION_TTL_SECONDS,
  ) {}

  sign(actor: Actor, subject: string, body: Uint8Array | string): string {
    const iat = Math.floor(Date.now() / 1000);
    const payload: AssertionPayload = { act: actor, sub: subject, bh: bodyHash(body), iat, exp: iat + this.ttlSeconds };
    const signed = `${VERSION}.${this.kid}.${b64url(JSON.stringify(payload))}`;
    return `${signed}.${b64url(sign(null, Buffer.from(signed), this.key))}`;
  }
}

export class ActorAssertionVerifier {
  constructor(private readonly keys: ReadonlyMap<string, KeyObject>) {}

  /** The actor the assertion names, or UNAUTHENTICATED with the reason it was refused. */
  verify(assertion: string, subject: string, body: Uint8Array | string): Actor {
    const parts = assertion.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw refused('BAD_ASSERTION');
    const [version, kid, payloadB64, sigB64] = parts as [string, string, string, string];
    const key = this.keys.get(kid);
    if (!key) throw refused('UNKNOWN_ASSERTION_KEY');
    if (!verify(null, Buffer.from(`${version}.${kid}.${payloadB64}`), key, Buffer.from(sigB64, 'base64url'))) throw refused('BAD_ASSERTION');
    let payload: AssertionPayload;
    try {
      payload = JSON.parse(Buffer.from(payloadB64, 'base64url').toString('utf8')) as AssertionPayload;
    } catch {
      throw refused('BAD_ASSERTION');
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp + CLOCK_SKEW_SECONDS < now || payload.iat - CLOCK_SKEW_SECONDS > now) throw refused('ASSERTION_EXPIRED');
    if (payload.sub !== subject) throw refused('ASSERTION_WRONG_SUBJECT');
    if (payload.bh !== bodyHash(body)) throw refused('ASSERTION_WRONG_BODY');
    const a = payload.act;
    if (!a || typeof a.accountId !== 'string' || typeof a.username !== 'string' || !Array.isArray(a.grants)) throw refused('BAD_ASSERTION');
    return a;
  }
}

/** `kid:base64(PKCS#8 DER)`: the key a caller signs assertions with. */
export function parseSigningKey(value: string): ActorAssertionSigner {
  const [kid, der] = splitKey(value);
  return new ActorAssertionSigner(kid, createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' }));
}

/** `kid:base64(SPKI DER)[,kid:…]`: every caller key a service accepts (several during a rotation). */
export function parseVerifyKeys(value: string): ActorAssertionVerifier {
  const keys = new Map<string, KeyObject>();
  for (const item of value.split(',')) {
    const [kid, der] = splitKey(item);
    keys.set(kid, createPublicKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'spki' }));
  }
  return new ActorAssertionVerifier(keys);
}

function splitKey(value: string): [string, string] {
  const i = value.indexOf(':');
  if (i < 1) throw new Error('actor key must be kid:base64');
  return [value.slice(0, i), value.slice(i + 1)];
}

/** A new key pair in the configuration format (`npm start` and operators' key rotation use it). */
export function generateActorKeys(kid: string): { signingKey: string; verifyKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    signingKey: `${kid}:${privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64')}`,
    verifyKey: `${kid}:${publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`,
  };
}
