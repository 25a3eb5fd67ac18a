import type { JwksView } from '@gov/kernel';
import { SigningKeyRepository, signingKeyPlace } from '@gov/identity-data-access';
import { PiiCipher } from '@gov/platform-persistence';
import { LOGGER, SCHEMA_READY, SERVICE_CONFIG } from '@gov/platform-service';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IdentityConfig } from '../config.js';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';

import { randomUUID } from 'node:crypto';

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

/** How often replicas re-read the keys to pick up a rotation made by another replica. */
const KEY_RELOAD_INTERVAL_MS = 60_000;
/** Retired keys stay published this much longer than the longest access token. */
const ROTATION_OVERLAP_MARGIN_SECONDS = 300;

/**
 * ES256 signing keys kept in the identity schema (private half encrypted like personal data).
 * One key signs; retired keys stay in the JWKS for the access-token lifetime plus a margin, so
 * tokens signed just before a rotation still verify (rotation with overlap).
 */
@Injectable()
export class SigningKeys implements OnModuleInit, OnModuleDestroy {
  private active?: { kid: string; key: KeyLike };
  private published: JWK[] = [];
  private reload?: NodeJS.Timeout;
  private readonly rotateAfterDays: number;
  private readonly overlapSeconds: number;

  constructor(
    private readonly orm: MikroORM,
    private readonly store: SigningKeyRepository,
    private readonly pii: PiiCipher,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    // The signing_key table exists only once migrations ran.
    @Inject(SCHEMA_READY) _schemaReady: unknown,
  ) {
    this.rotateAfterDays = config.SIGNING_KEY_ROTATE_DAYS;
    this.overlapSeconds = config.ACCESS_TOKEN_TTL_SECONDS + ROTATION_OVERLAP_MARGIN_SECONDS;
  }

  async onModuleInit(): Promise<void> {
    await this.ensure();
    this.reload = setInterval(() => this.ensure().catch((err) => this.logger.warn({ err }, 'signing key reload failed')), KEY_RELOAD_INTERVAL_MS);
    this.reload.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.reload);
  }

  /** Makes sure a fresh key exists (creating or rotating under a lock, so replicas agree), then loads. */
  async ensure(): Promise<void> {
    await this.orm.em.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      await this.store.lock(em);
      const current = await this.store.current(em);
      const tooOld = current && Date.now() - current.createdAt.getTime() > this.rotateAfterDays * 86_400_000;
      if (!current || tooOld) await this.create(em);
    });
    await this.load();
  }

  /** Retires the current key and starts signing with a new one. */
  async rotate(): Promise<void> {
    await this.orm.em.fork().transactional(async (tx) => {
      const em = tx as EntityManager;
      await this.store.lock(em);
      await this.create(em);
    });
    await this.load();
  }

  private async create(em: EntityManager): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomUUID();
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256' };
    await this.store.replace(em, { kid, publicJwk, privateJwkEnc: this.pii.encrypt(JSON.stringify(privateJwk), signingKeyPlace(kid)) });
  }

  /** Reads keys from the database; replicas call it periodically to pick up a rotation. */
  async load(): Promise<void> {
    const keys = await this.store.all(this.orm.em.fork() as EntityManager);
    const current = keys.find((k) => !k.retiredAt);
    if (current) {
      const jwk = JSON.parse(this.pii.decrypt(current.privateJwkEnc, signingKeyPlace(current.kid))) as JWK;
      this.active = { kid: current.kid, key: await importJWK(jwk, 'ES256') };
    }
    const cutoff = Date.now() - this.overlapSeconds * 1000;
    this.published = keys.filter((k) => !k.retiredAt || k.retiredAt.getTime() > cutoff).map((k) => k.publicJwk as JWK);
  }

  jwks(): JwksView {
    return { keys: this.published as Record<string, unknown>[] };
  }

  async sign(payload: JWTPayload, opts: { issuer: string; audience: string; ttlSeconds: number; subject: string }): Promise<string> {
    if (!this.active) throw new Error('no signing key loaded');
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: this.active.kid, typ: 'JWT' })
      .setIssuer(opts.issuer)
      .setAudience(opts.audience)
      .setSubject(opts.subject)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${opts.ttlSeconds}s`)
      .sign(this.active.key);
  }
}
