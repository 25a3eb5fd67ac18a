import { AppError, type Actor } from '@gov/kernel';
import type { JwksView } from '@gov/kernel';
import { errors as joseErrors, importJWK, jwtVerify, type JWK, type JWTHeaderParameters, type KeyObject } from 'jose';
import { actorFromClaims, type AccessClaims } from './claims.js';

export interface VerifierOptions {
  issuer: string;
  audience: string;
  /** Fetches the identity service's JWKS (over NATS in the gateway). */
  fetchJwks: () => Promise<JwksView>;
  /** How long a fetched key set is trusted before it is fetched again. */
  cacheMs?: number;
  /** Verified tokens remembered (each until it expires); the oldest are forgotten first. */
  maxCachedTokens?: number;
}

/** A few thousand active sessions per gateway; each entry is a token string and its actor. */
const DEFAULT_MAX_CACHED_TOKENS = 5_000;

/**
 * Verifies access tokens against the identity service's published keys. Keys are cached by kid;
 * an unknown kid (a key rotated in since the last fetch) triggers one refetch, at most every 5 s,
 * so a flood of forged kids cannot turn into a flood of JWKS requests.
 *
 * A frontend sends the same token with every request for up to 15 minutes, and an ES256
 * verification costs more than the rest of a read in the gateway: a verified token is remembered,
 * keyed by the whole token (signature included, so no altered token matches), until it expires.
 */
export class JwtVerifier {
  private keys = new Map<string, KeyObject | Uint8Array>();
  private fetchedAt = 0;
  private inflight?: Promise<void>;
  private readonly verified = new Map<string, { actor: Actor; expiresAtMs: number }>();

  constructor(private readonly opts: VerifierOptions) {}

  async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAtMs) return known.actor;
      this.verified.delete(token);
    }
    const { actor, expiresAtSeconds } = await this.verifyAndDecode(token);
    if (this.verified.size >= (this.opts.maxCachedTokens ?? DEFAULT_MAX_CACHED_TOKENS)) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { actor, expiresAtMs: expiresAtSeconds * 1000 });
    return actor;
  }

  private async verifyAndDecode(token: string): Promise<{ actor: Actor; expiresAtSeconds: number }> {
    try {
      const { payload } = await jwtVerify(token, (header) => this.keyFor(header), {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: ['ES256'],
        clockTolerance: 5,
        requiredClaims: ['exp'],
      });
      if (payload.typ !== 'access') throw new AppError('UNAUTHENTICATED', 'not an access token', 'WRONG_TOKEN_TYPE');
      // jwtVerify has checked exp; identity always sets it.
      return { actor: actorFromClaims(payload as unknown as AccessClaims), expiresAtSeconds: payload.exp! };
    } catch (err) {
      throw toAuthError(err);
    }
  }

  private async keyFor(header: JWTHeaderParameters): Promise<KeyObject | Uint8Array> {
    const kid = header.kid;
    if (!kid) throw new AppError('UNAUTHENTICATED', 'token has no key id', 'BAD_TOKEN');
    const stale = Date.now() - this.fetchedAt > (this.opts.cacheMs ?? 300_000);
    if (stale || (!this.keys.has(kid) && Date.now() - this.fetchedAt > 5_000)) await this.refresh();
    const key = this.keys.get(kid);
    if (!key) throw new AppError('UNAUTHENTICATED', 'token signed with an unknown key', 'UNKNOWN_KEY');
    return key;
  }

  private refresh(): Promise<void> {
    this.inflight ??= (async () => {
      try {
        const jwks = await this.opts.fetchJwks();
        const next = new Map<string, KeyObject | Uint8Array>();
        for (const jwk of jwks.keys as JWK[]) if (jwk.kid) next.set(jwk.kid, await importJWK(jwk, 'ES256'));
        this.keys = next;
        this.fetchedAt = Date.now();
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }
}

export function toAuthError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof joseErrors.JWTExpired) return new AppError('UNAUTHENTICATED', 'token expired', 'TOKEN_EXPIRED');
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return new AppError('UNAUTHENTICATED', 'token signature is invalid', 'BAD_SIGNATURE');
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return new AppError('UNAUTHENTICATED', 'token is for another audience', 'WRONG_AUDIENCE');
    if (err.claim === 'iss') return new AppError('UNAUTHENTICATED', 'token from another issuer', 'WRONG_ISSUER');
    return new AppError('UNAUTHENTICATED', `token claim ${err.claim} rejected`, 'BAD_TOKEN');
  }
  return new AppError('UNAUTHENTICATED', 'token is malformed', 'BAD_TOKEN');
}
